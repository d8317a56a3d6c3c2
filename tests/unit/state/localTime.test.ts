import { describe, expect, it } from 'vitest';
import { isoToLocal, localToIso } from '$lib/state/localTime';

describe('datetime-local values and stored times', () => {
  it('round-trips a local moment to the second, in whatever time zone the machine is in', () => {
    const iso = localToIso('2026-03-01T10:20:30');
    expect(iso).toBe(new Date(2026, 2, 1, 10, 20, 30).toISOString());
    expect(isoToLocal(iso)).toBe('2026-03-01T10:20:30');
    expect(isoToLocal('2026-03-01T10:20:30.999Z')).toBe(isoToLocal('2026-03-01T10:20:30.000Z'));
  });

  it('gives an empty value for empty or invalid input', () => {
    expect(localToIso('')).toBe('');
    expect(localToIso('not a time')).toBe('');
    expect(isoToLocal('')).toBe('');
  });
});
