import { describe, expect, it } from 'vitest';
import { costProblems, costTradeOff, type CostInputs, type CostVersion } from '$lib/core/practice/costCalculator';
import { DRILL_COST_INPUTS } from '$lib/core/practice/missions/drillCost';

const version = (name: string, latencyMs: number, enterprise: number, others: number): CostVersion => ({
  versionId: name, name, accuracy: others, latencyMs, pricePer1000: latencyMs, accuracyByClass: {},
  accuracyBySegment: { 'tier = enterprise': enterprise, 'tier = pro': others, 'tier = free': others },
});

/** The drill: 1,000,000 predictions a month, $2 for a right decision, $8 for a wrong one, a CPU-second at $1. */
const drill: CostInputs = {
  versions: [version('cheap', 30, 0.9, 0.95), version('costly', 60, 0.92, 0.95125)],
  price: { per: 'cpu-second', amount: 1 },
  valueRight: 2,
  costWrong: 8,
  segments: [{ name: 'tier = enterprise', monthlyVolume: 200_000 }, { name: 'tier = pro', monthlyVolume: 300_000 }, { name: 'tier = free', monthlyVolume: 500_000 }],
};

describe('the cost trade-off', () => {
  it('reproduces the drill: 0.5 % more accurate, +$30K compute, $50K losses prevented, net +$20K a month', () => {
    const { delta } = costTradeOff(drill);
    expect(delta.accuracy).toBeCloseTo(0.005, 10);
    expect(delta.compute).toBeCloseTo(30_000, 6);
    expect(delta.lossesPrevented).toBeCloseTo(50_000, 6);
    expect(delta.net).toBeCloseTo(20_000, 6);
  });

  it('routes by segment where it pays: the costly version for enterprise only, worth more than either alone', () => {
    const result = costTradeOff(drill);
    expect(result.routed.choice).toEqual([{ segment: 'tier = enterprise', version: 1 }, { segment: 'tier = pro', version: 0 }, { segment: 'tier = free', version: 0 }]);
    // Enterprise: 4,000 more right decisions × $10 − $6K compute = +$34K over the cheap version everywhere.
    expect(result.routed.net - result.versions[0].net).toBeCloseTo(34_000, 6);
    expect(result.versions[0].net).toBeCloseTo(200_000 * (0.9 * 2 - 0.1 * 8) + 800_000 * (0.95 * 2 - 0.05 * 8) - 30_000, 6);
    expect(result.best).toBe('routed');
  });

  it('prices per 1,000 predictions, falls back to the overall accuracy, and flips the answer when compute gets dear', () => {
    const per1000 = costTradeOff({ ...drill, price: { per: '1000-predictions' } });
    expect(per1000.delta.compute).toBeCloseTo(30_000, 6);
    const unmeasured = costTradeOff({ ...drill, segments: [{ name: 'region = north', monthlyVolume: 1000 }] });
    expect(unmeasured.versions[1].segments[0]).toMatchObject({ accuracy: 0.95125, measured: false });
    // Enterprise's extra 30 ms cost $6K per $1 a CPU-second: past $6.67 they outweigh its $40K prevented, so the cheap version everywhere.
    expect(costTradeOff({ ...drill, price: { per: 'cpu-second', amount: 6.6 } }).best).toBe('routed');
    expect(costTradeOff({ ...drill, price: { per: 'cpu-second', amount: 6.7 } }).best).toBe('first');
    expect(costTradeOff({ ...drill, costWrong: 80 }).best).toBe('second');
  });

  it('weighs each segment by its own worth: where wrong answers cost most, the costly version pays; elsewhere the cheap one', () => {
    // The costly version is 0.5 % more accurate in every tier, like the drill's template; 30 ms more at $1 a CPU-second is $0.03 a prediction.
    const even = (name: string, latencyMs: number, acc: number) => version(name, latencyMs, acc, acc);
    const valued: CostInputs = {
      ...drill,
      versions: [even('cheap', 30, 0.9), even('costly', 60, 0.905)],
      valueRight: 2,
      costWrong: 2,
      segments: [{ name: 'tier = enterprise', monthlyVolume: 200_000, costWrong: 20 }, { name: 'tier = pro', monthlyVolume: 300_000 }, { name: 'tier = free', monthlyVolume: 500_000 }],
    };
    // One worth for all: 0.5 % × $4 = $0.02 gained a prediction < $0.03 compute, so the cheap version everywhere.
    expect(costTradeOff({ ...valued, segments: valued.segments.map(({ name, monthlyVolume }) => ({ name, monthlyVolume })) }).best).toBe('first');
    const result = costTradeOff(valued);
    expect(result.versions[0].segments.map((s) => [s.segment, s.valueRight, s.costWrong])).toEqual([['tier = enterprise', 2, 20], ['tier = pro', 2, 2], ['tier = free', 2, 2]]);
    expect(result.routed.choice).toEqual([{ segment: 'tier = enterprise', version: 1 }, { segment: 'tier = pro', version: 0 }, { segment: 'tier = free', version: 0 }]);
    // Enterprise: 0.5 % × $22 = $0.11 gained against $0.03 compute on 200,000 = +$16K over the cheap version everywhere.
    expect(result.routed.net - result.versions[0].net).toBeCloseTo(16_000, 6);
    expect(result.routed.net).toBeGreaterThan(Math.max(result.versions[0].net, result.versions[1].net));
    expect(result.best).toBe('routed');
  });

  it("starts drill 2 with figures that route only enterprise to the large version, on the template's measured accuracies", () => {
    // Measured in the drill's project (seed drill-cost-v42): a tie on free (88 of 93), 52 against 51 of 55 on pro, 29 against 31 of 32 on enterprise.
    const measured = (name: string, pro: number, enterprise: number): CostVersion => ({
      versionId: name, name, accuracy: 0.92, latencyMs: 0.1, pricePer1000: DRILL_COST_INPUTS.pricePer1000[name], accuracyByClass: {},
      accuracyBySegment: { 'tier = free': 88 / 93, 'tier = pro': pro, 'tier = enterprise': enterprise },
    });
    const result = costTradeOff({
      versions: [measured('ticket-router v1', 52 / 55, 29 / 32), measured('ticket-router v2', 51 / 55, 31 / 32)],
      price: { per: DRILL_COST_INPUTS.priceKind },
      valueRight: 2,
      costWrong: 8,
      segments: Object.entries(DRILL_COST_INPUTS.volumes).map(([name, monthlyVolume]) => ({ name, monthlyVolume, ...DRILL_COST_INPUTS.worth[name] })),
    });
    expect(result.routed.choice.filter((c) => c.version === 1).map((c) => c.segment)).toEqual(['tier = enterprise']);
    expect(result.best).toBe('routed');
    expect(result.delta.compute).toBeCloseTo(30_000, 6);
  });

  it('says what is missing instead of answering', () => {
    expect(costProblems({ ...drill, segments: drill.segments.map((s) => ({ ...s, monthlyVolume: 0 })) })).toEqual(['Give the monthly volume of at least one segment.']);
    expect(costProblems({ ...drill, price: { per: 'cpu-second', amount: -1 } })).toEqual(['The price of a CPU-second must be a number ≥ 0.']);
    expect(() => costTradeOff({ ...drill, valueRight: Number.NaN })).toThrow('must be numbers ≥ 0');
    expect(costProblems({ ...drill, segments: [{ name: 'tier = enterprise', monthlyVolume: 1000, costWrong: -5 }] })).toEqual([
      'tier = enterprise: what a right decision earns and a wrong one costs there must be numbers ≥ 0 (leave empty for the project-wide ones).',
    ]);
  });
});
