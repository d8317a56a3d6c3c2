/** The facilitator's controls: defaults, validation, drift ramps. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CTR_CONFIG, DEFAULT_FEATURES, driftLevel, normalizeConfig } from '../../../../src/lib/core/scenarios/ctr';

describe('CTR scenario config', () => {
  it('fills every default', () => {
    const config = normalizeConfig({});
    expect(config).toEqual(DEFAULT_CTR_CONFIG);
    expect(config.weeks).toBe(13);
    expect(config.impressionsPerWeek).toBe(50_000);
    expect(config.features).toEqual(DEFAULT_FEATURES);
    expect(config.drifts.covariate.columns).toEqual(['device', 'ageBand', 'region']);
  });

  it('merges partial drift settings into the defaults', () => {
    const config = normalizeConfig({ seed: 7, drifts: { concept: { strength: 0.4, startWeek: 6 } } });
    expect(config.seed).toBe(7);
    expect(config.drifts.concept).toEqual({ ...DEFAULT_CTR_CONFIG.drifts.concept, strength: 0.4, startWeek: 6 });
    expect(config.drifts.covariate).toEqual(DEFAULT_CTR_CONFIG.drifts.covariate);
  });

  it('lists every problem in one error', () => {
    let message = '';
    try {
      normalizeConfig({ weeks: 2, impressionsPerWeek: 10.5, colour: 'red', drifts: { concept: { strength: 2, ageBand: '12-17' }, other: {} } });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const part of ['weeks', 'impressionsPerWeek', 'Unknown setting colour', 'drifts.concept.strength', 'drifts.concept.ageBand', 'Unknown setting drifts.other']) {
      expect(message).toContain(part);
    }
    expect(() => normalizeConfig({ drifts: { concept: { fromCategory: 'news', toCategory: 'news' } } })).toThrow(/must differ/);
    expect(() => normalizeConfig({ features: ['ageBand', 'shoeSize'] })).toThrow(/shoeSize/);
    expect(() => normalizeConfig({ drifts: { covariate: { columns: ['device', 'weather'] } } })).toThrow(/columns/);
  });

  it('ramps a drift in linearly from its start week', () => {
    const control = { enabled: true, strength: 0.8, startWeek: 4, rampWeeks: 4 };
    expect([3, 4, 5, 7, 8, 12].map((w) => driftLevel(control, w))).toEqual([0, 0.2, 0.4, 0.8, 0.8, 0.8]);
    expect(driftLevel({ ...control, enabled: false }, 12)).toBe(0);
  });
});
