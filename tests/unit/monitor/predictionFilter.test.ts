import { describe, expect, it } from 'vitest';
import { ANY_PREDICTION, matchesPrediction, windowFrom, type FilterableLog, type PredictionFilter } from '$lib/core/monitor/predictionFilter';

const logs: (FilterableLog & { id: string })[] = [
  { id: 'refund', label: 'Billing', confidence: 0.92, outcome: 'Billing', text: 'Please REFUND my invoice' },
  { id: 'crash', label: 'Technical Issue', confidence: 0.8, text: 'The app crashes on login' },
  { id: 'hours', label: 'General Inquiry', confidence: 0.5, outcome: 'Billing', text: 'What are your opening hours?' },
  { id: 'unsure', label: 'Billing', confidence: 0.31, text: 'hmm' },
  { id: 'old', label: 'Billing', confidence: 0.49 },
];
const ids = (filter: Partial<PredictionFilter>) => logs.filter(matchesPrediction({ ...ANY_PREDICTION, ...filter })).map((l) => l.id);

describe('the latest-predictions filter', () => {
  it('keeps everything when nothing is set', () => {
    expect(ids({})).toEqual(['refund', 'crash', 'hours', 'unsure', 'old']);
  });

  it('searches the stored text, ignoring case and surrounding spaces; logs without a text never match a search', () => {
    expect(ids({ search: '  refund ' })).toEqual(['refund']);
    expect(ids({ search: 'O' })).toEqual(['refund', 'crash', 'hours']);
    expect(ids({ search: 'nothing like this' })).toEqual([]);
    expect(ids({ search: '   ' })).toEqual(['refund', 'crash', 'hours', 'unsure', 'old']);
  });

  it('filters by predicted label', () => {
    expect(ids({ label: 'Billing' })).toEqual(['refund', 'unsure', 'old']);
    expect(ids({ label: 'Nonsense' })).toEqual([]);
  });

  it('filters by confidence band: below 0.5, 0.5 up to 0.8, 0.8 or more', () => {
    expect(ids({ band: 'low' })).toEqual(['unsure', 'old']);
    expect(ids({ band: 'mid' })).toEqual(['hours']);
    expect(ids({ band: 'high' })).toEqual(['refund', 'crash']);
    expect(matchesPrediction({ ...ANY_PREDICTION, band: 'high' })({ label: 'x', confidence: 1 })).toBe(true);
  });

  it('filters by whether the outcome arrived', () => {
    expect(ids({ hasOutcome: true })).toEqual(['refund', 'hours']);
    expect(ids({ hasOutcome: false })).toEqual(['crash', 'unsure', 'old']);
  });

  it('combines the conditions: all must hold', () => {
    expect(ids({ label: 'Billing', band: 'low' })).toEqual(['unsure', 'old']);
    expect(ids({ label: 'Billing', band: 'low', search: 'hm' })).toEqual(['unsure']);
    expect(ids({ label: 'Billing', hasOutcome: true, band: 'high', search: 'invoice' })).toEqual(['refund']);
    expect(ids({ label: 'General Inquiry', hasOutcome: false })).toEqual([]);
  });

  it('starts the time window before now, or nowhere for all', () => {
    const now = Date.parse('2026-03-08T12:00:00.000Z');
    expect(windowFrom('1h', now)).toBe('2026-03-08T11:00:00.000Z');
    expect(windowFrom('24h', now)).toBe('2026-03-07T12:00:00.000Z');
    expect(windowFrom('7d', now)).toBe('2026-03-01T12:00:00.000Z');
    expect(windowFrom('all', now)).toBeNull();
  });
});
