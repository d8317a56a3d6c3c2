import { describe, expect, it } from 'vitest';
import { DEFAULT_LOG_SETTINGS, MAX_LOGGED_TEXT, loggedText, logSettingsOf, logSettingsProblem, retentionCutoff } from '$lib/core/monitor/logSettings';

describe('log settings', () => {
  it('default to 30 days without masking for projects that never set them', () => {
    expect(DEFAULT_LOG_SETTINGS).toEqual({ retentionDays: 30, maskPii: false });
    expect(logSettingsOf({})).toEqual({ retentionDays: 30, maskPii: false });
    expect(logSettingsOf({ logging: { retentionDays: 7, maskPii: true } })).toEqual({ retentionDays: 7, maskPii: true });
  });

  it('accept a whole number of days from 1 to 3650, and nothing else', () => {
    for (const retentionDays of [1, 30, 3650]) expect(logSettingsProblem({ retentionDays, maskPii: false })).toBeNull();
    for (const retentionDays of [0, -1, 3651, 1.5, Number.NaN, Infinity, '30', null]) {
      expect(logSettingsProblem({ retentionDays, maskPii: false })).toMatch(/^Keep logs for a whole number of days from 1 to 3,650 \(got /);
    }
    expect(logSettingsProblem({ retentionDays: 30, maskPii: 'yes' })).toBe('Masking personal data is either on or off.');
  });

  it('store the text masked when the project asks, whole up to the endpoint’s 10,000-character limit', () => {
    const text = 'Mail ana.lopez@example.com or call +44 20 7946 0958, card 4111 1111 1111 1111 please';
    expect(loggedText(text, { maskPii: true })).toBe('Mail [EMAIL] or call [PHONE], card [CARD] please');
    expect(loggedText(text, { maskPii: false })).toBe(text);
    expect(MAX_LOGGED_TEXT).toBe(10_000);
    const long = 'x'.repeat(9_990) + ' a@b.example';
    expect(loggedText(long, { maskPii: false })).toBe(long.slice(0, 10_000));
    // Masked before the cap: an address across the limit is not left half visible.
    expect(loggedText(long, { maskPii: true })).toBe('x'.repeat(9_990) + ' [EMAIL]');
  });

  it('cut off on a minute boundary, the retention before now', () => {
    const now = Date.parse('2026-03-31T12:34:56.789Z');
    expect(retentionCutoff(now, 30)).toBe('2026-03-01T12:34:00.000Z');
    expect(retentionCutoff(now, 1)).toBe('2026-03-30T12:34:00.000Z');
  });
});
