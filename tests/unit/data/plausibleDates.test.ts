import { describe, it, expect } from 'vitest';
import { plausibilityCheck, plausibleDateRange, withYear, yearFixProblems } from '$lib/core/data/plausibleDates';

describe('plausibleDates', () => {
  const range = plausibleDateRange(1990, '2026-12-04T18:00:00.000Z');

  it('runs from 1 January of the first year to now plus a day of grace', () => {
    expect(range).toEqual({ earliest: '1990-01-01T00:00:00.000Z', latest: '2026-12-05T18:00:00.000Z' });
    const implausibility = plausibilityCheck(range);
    expect(implausibility('1989-12-31T23:59:59.999Z')).toBe('too early');
    expect(implausibility('1990-01-01T00:00:00.000Z')).toBeNull();
    expect(implausibility('2026-12-05T18:00:00.000Z')).toBeNull();
    expect(implausibility('2026-12-05T18:00:00.001Z')).toBe('in the future');
    expect(plausibilityCheck({ earliest: '1990-01-01', latest: null })('0102-03-04T00:00:00.000Z')).toBe('too early');
    expect(() => plausibleDateRange(0, null)).toThrow(/whole number from 1 to 9999/);
  });

  it('replaces a year only when the day exists in the new year', () => {
    expect(withYear('0102-03-04T05:06:07.000Z', 2002)).toBe('2002-03-04T05:06:07.000Z');
    expect(withYear('0104-02-29T00:00:00.000Z', 2003)).toBeNull();
  });

  it('explains what a year fix lacks', () => {
    const groups = [{ year: 102, count: 62 }, { year: 2062, count: 1 }];
    expect(yearFixProblems(groups, { 102: 2002, 2062: 2026 }, range)).toEqual([]);
    expect(yearFixProblems(groups, { 2062: 2027 }, range)).toEqual(['Give the year to read 0102 as (62 rows).', 'Year 2027 for 2062 is outside 1990–2026.']);
  });
});
