import { describe, it, expect } from 'vitest';
import { capitalized, cleanRowWord, formatCount, pluralOf, rowWordOf, ROW_WORD_MAX } from '$lib/core/lifecycle/rowWord';

describe('what a row is called', () => {
  it('is "example" when the project says nothing, "ticket" for a sample made before the setting, else what it stores', () => {
    expect(rowWordOf({})).toEqual({ singular: 'example', plural: 'examples' });
    expect(rowWordOf(undefined)).toEqual({ singular: 'example', plural: 'examples' });
    expect(rowWordOf({ scenario: 'support-tickets' })).toEqual({ singular: 'ticket', plural: 'tickets' });
    expect(rowWordOf({ scenario: 'something-else' })).toEqual({ singular: 'example', plural: 'examples' });
    expect(rowWordOf({ scenario: 'support-tickets', rowWord: { singular: 'request' } })).toEqual({ singular: 'request', plural: 'requests' });
    expect(rowWordOf({ rowWord: { singular: 'person', plural: 'people' } })).toEqual({ singular: 'person', plural: 'people' });
  });

  it('forms the regular plural, and an override wins', () => {
    expect(['ticket', 'e-mail', 'inquiry', 'day', 'box', 'patch', 'wish', 'bus', 'support case'].map(pluralOf)).toEqual([
      'tickets', 'e-mails', 'inquiries', 'days', 'boxes', 'patches', 'wishes', 'buses', 'support cases',
    ]);
  });

  it('counts with the right form', () => {
    const mail = { singular: 'e-mail', plural: 'e-mails' };
    expect(formatCount(1, mail)).toBe('1 e-mail');
    expect(formatCount(0, mail)).toBe('0 e-mails');
    expect(formatCount(2, rowWordOf({}))).toBe('2 examples');
    expect(formatCount(1200, rowWordOf({ scenario: 'support-tickets' }))).toBe(`${(1200).toLocaleString()} tickets`);
    expect(capitalized('ticket')).toBe('Ticket');
  });

  it('cleans what a person typed, storing a plural only when it is irregular', () => {
    expect(cleanRowWord('  support   e-mail ', '')).toEqual({ singular: 'support e-mail' });
    expect(cleanRowWord('review', 'reviews')).toEqual({ singular: 'review' });
    expect(cleanRowWord('person', ' people ')).toEqual({ singular: 'person', plural: 'people' });
    expect(() => cleanRowWord('   ')).toThrow(/Say what one row is called/);
    expect(() => cleanRowWord('x'.repeat(ROW_WORD_MAX + 1))).toThrow(`at most ${ROW_WORD_MAX} characters`);
    expect(() => cleanRowWord('case', 'y'.repeat(ROW_WORD_MAX + 1))).toThrow(`at most ${ROW_WORD_MAX} characters`);
  });
});
