import { describe, expect, it } from 'vitest';
import { isRfc3339DateTime, toRfc3339DateTime } from '$lib/core/documents/rfc3339';
import { SchemaDateTimes } from '$lib/core/documents/schemaDateTimes';

describe('isRfc3339DateTime', () => {
  it('accepts the strict spelling: T, seconds, optional fraction, Z or ±hh:mm', () => {
    for (const ok of ['2026-03-05T09:14:27.000Z', '2026-03-05T09:14:27Z', '2026-03-05T09:14:27.123456+02:00', '2024-02-29T23:59:59-11:30', '0001-01-01T00:00:00Z']) {
      expect(isRfc3339DateTime(ok), ok).toBe(true);
    }
  });

  it('refuses what lenient validators let through, and impossible fields', () => {
    for (const bad of [
      '2026-03-05 00:00:00Z', // space
      '2026-03-05t00:00:00Z', // lower-case t
      '2026-03-05T00:00:00z', // lower-case z
      '2026-03-05T00:00:00', // no zone
      '2026-03-05T00:00Z', // no seconds
      '2026-03-05T00:00:00+0200', // offset without colon
      '2026-03-05', // a date
      '2026-02-29T00:00:00Z', // not a leap year
      '2026-13-01T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-03-05T24:00:00Z',
      '2026-03-05T23:60:00Z',
      '2026-12-31T23:59:60Z', // leap second: no Date holds one
      '2026-03-05T00:00:00+24:00',
      '+010000-01-01T00:00:00.000Z', // toISOString beyond year 9999
      ' 2026-03-05T00:00:00Z',
    ]) {
      expect(isRfc3339DateTime(bad), bad).toBe(false);
    }
  });

  it('holds for what Date.prototype.toISOString writes', () => {
    for (const ms of [0, 1_772_668_800_000, -62_135_596_800_000, 253_402_300_799_999]) expect(isRfc3339DateTime(new Date(ms).toISOString())).toBe(true);
  });
});

describe('toRfc3339DateTime', () => {
  it('respells a space or lower-case t/z, and changes nothing else', () => {
    expect(toRfc3339DateTime('2026-03-05 00:00:00Z')).toBe('2026-03-05T00:00:00Z');
    expect(toRfc3339DateTime('2026-03-05t00:00:00.5z')).toBe('2026-03-05T00:00:00.5Z');
    expect(toRfc3339DateTime('2026-03-05 09:00:00+02:00')).toBe('2026-03-05T09:00:00+02:00');
  });

  it('returns a strict value as it is (the same string)', () => {
    expect(toRfc3339DateTime('2026-03-05T09:14:27.000Z')).toBe('2026-03-05T09:14:27.000Z');
  });

  it('gives null for what no respelling makes valid', () => {
    for (const bad of ['2026-03-05', '2026-03-05 00:00:00', '2026-02-30 00:00:00Z', '2026-03-05  00:00:00Z', 'yesterday', '2026-12-31 23:59:60Z']) {
      expect(toRfc3339DateTime(bad), bad).toBeNull();
    }
  });
});

describe('SchemaDateTimes', () => {
  const schema = {
    type: 'object',
    properties: {
      at: { $ref: '#/$defs/dateTime' },
      note: { type: 'string' },
      maybe: { anyOf: [{ $ref: '#/$defs/dateTime' }, { type: 'null' }] },
      events: { type: 'array', items: { type: 'object', properties: { at: { $ref: '#/$defs/dateTime' }, text: { type: 'string' } } } },
      byKey: { type: 'object', additionalProperties: { $ref: '#/$defs/dateTime' } },
      pair: { type: 'array', prefixItems: [{ type: 'string' }, { $ref: '#/$defs/dateTime' }] },
    },
    $defs: { dateTime: { type: 'string', format: 'date-time' } },
  };
  const walker = new SchemaDateTimes(schema);

  it('respells every date-time the schema declares, wherever it sits, in a copy', () => {
    const doc = {
      at: '2026-03-05 00:00:00Z',
      note: '2026-03-05 00:00:00Z', // free text that looks like a time stays as written
      maybe: '2026-03-06 00:00:00z',
      events: [{ at: '2026-03-07T00:00:00Z', text: 'x' }, { at: '2026-03-08 01:02:03.5+01:00', text: 'y' }],
      byKey: { a: '2026-03-09 00:00:00Z' },
      pair: ['2026-03-10 00:00:00Z', '2026-03-10 00:00:00Z'],
    };
    const before = structuredClone(doc);
    const { value, problems } = walker.respell(doc);
    expect(problems).toEqual([]);
    expect(value).toEqual({
      at: '2026-03-05T00:00:00Z',
      note: '2026-03-05 00:00:00Z',
      maybe: '2026-03-06T00:00:00Z',
      events: [{ at: '2026-03-07T00:00:00Z', text: 'x' }, { at: '2026-03-08T01:02:03.5+01:00', text: 'y' }],
      byKey: { a: '2026-03-09T00:00:00Z' },
      pair: ['2026-03-10 00:00:00Z', '2026-03-10T00:00:00Z'],
    });
    expect(doc).toEqual(before); // the input is not changed
  });

  it('returns the same object when every date-time is strict already', () => {
    const doc = { at: '2026-03-05T00:00:00.000Z', maybe: null, events: [{ at: '2026-03-07T00:00:00Z' }] };
    expect(walker.respell(doc).value).toBe(doc);
  });

  it('names the date-times no respelling makes valid, leaves them, and respells the rest', () => {
    const { value, problems } = walker.respell({ at: '2026-12-31 23:59:60Z', maybe: '2026-03-06 00:00:00Z', events: [{ at: 'soon' }] });
    expect(value).toEqual({ at: '2026-12-31 23:59:60Z', maybe: '2026-03-06T00:00:00Z', events: [{ at: 'soon' }] });
    expect(problems).toEqual([
      { path: '/at', message: 'must be an RFC 3339 date-time, e.g. 2026-03-01T09:00:00.000Z.' },
      { path: '/events/0/at', message: 'must be an RFC 3339 date-time, e.g. 2026-03-01T09:00:00.000Z.' },
    ]);
  });
});
