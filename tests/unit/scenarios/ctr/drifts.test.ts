/**
 * The facilitator's drift controls: each drift can be switched off or weakened, and does what the
 * story says — the covariate shift moves the user mix (and nothing else), the concept change
 * hits one segment.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createScenario,
  currentWindow,
  referenceWindow,
  runToEnd,
  shiftedColumns,
  type CtrScenarioState,
  type FeatureColumn,
  type WeekSummary,
} from '../../../../src/lib/core/scenarios/ctr';
import { quarterChange, segmentCtr } from './helpers';

const SEGMENT = '18-24 · mobile';
const run = (drifts: Parameters<typeof createScenario>[0]): CtrScenarioState => {
  const state = createScenario(drifts);
  runToEnd(state);
  return state;
};

/** Total variation distance between the category shares of two categorical columns. */
function shareDistance(a: FeatureColumn, b: FeatureColumn): number {
  if (a.kind !== 'categorical' || b.kind !== 'categorical') throw new Error('categorical columns expected');
  const shares = (values: string[]) => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return (c: string) => (counts.get(c) ?? 0) / values.length;
  };
  const pa = shares(a.values);
  const pb = shares(b.values);
  return a.categories.reduce((s, c) => s + Math.abs(pa(c) - pb(c)), 0) / 2;
}

/** Two-sample Kolmogorov–Smirnov statistic (largest gap between the empirical CDFs). */
function ksStatistic(a: FeatureColumn, b: FeatureColumn): number {
  if (a.kind !== 'numeric' || b.kind !== 'numeric') throw new Error('numeric columns expected');
  const x = Float64Array.from(a.values).sort();
  const y = Float64Array.from(b.values).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i], y[j]);
    while (i < x.length && x[i] === v) i++;
    while (j < y.length && y[j] === v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

function column(columns: FeatureColumn[], name: string): FeatureColumn {
  const found = columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

describe('drift toggles', () => {
  let none: WeekSummary[];
  let covariateOnly: WeekSummary[];
  let conceptOnly: WeekSummary[];

  // Each run is a full default-volume quarter (≈ 1 s): the ±3 % claims need 50k impressions a week.
  beforeAll(() => {
    none = run({ drifts: { covariate: { enabled: false }, concept: { enabled: false } } }).summaries;
    covariateOnly = run({ drifts: { concept: { enabled: false } } }).summaries;
    conceptOnly = run({ drifts: { covariate: { enabled: false } } }).summaries;
  }, 120_000);

  it('keeps CTR within ±3 % with both drifts off', () => {
    expect(Math.abs(quarterChange(none))).toBeLessThan(0.03);
    expect(none.every((s) => s.driftLevels.covariate === 0 && s.driftLevels.concept === 0)).toBe(true);
  });

  // Both drifts together lose 12–18 % (story.test.ts); each alone loses clearly less.
  it('drops less with the covariate shift alone', () => {
    const change = quarterChange(covariateOnly);
    expect(change).toBeLessThan(-0.03);
    expect(change).toBeGreaterThan(-0.09);
  });

  it('concentrates the drop in the chosen segment with the concept change alone', () => {
    const change = quarterChange(conceptOnly);
    expect(change).toBeLessThan(-0.03);
    expect(change).toBeGreaterThan(-0.09);
    const segment = segmentCtr(conceptOnly, SEGMENT, 10, 12) / segmentCtr(conceptOnly, SEGMENT, 0, 2) - 1;
    expect(segment).toBeLessThan(-0.25);
    for (const key of ['25-34 · mobile', '18-24 · desktop', '35-44 · desktop', '55+ · mobile']) {
      expect(Math.abs(segmentCtr(conceptOnly, key, 10, 12) / segmentCtr(conceptOnly, key, 0, 2) - 1)).toBeLessThan(0.08);
    }
  });

  it('scales with strength', () => {
    const half = run({ drifts: { covariate: { strength: 0.5 }, concept: { strength: 0.5 } } }).summaries;
    expect(quarterChange(half)).toBeLessThan(quarterChange(none) - 0.03);
    expect(quarterChange(half)).toBeGreaterThan(-0.11);
    expect(half[12].driftLevels).toEqual({ covariate: 0.5, concept: 0.5 });
  }, 60_000);

  it('moves the concept change to another segment and start week when told', () => {
    const moved = run({ drifts: { covariate: { enabled: false }, concept: { ageBand: '55+', device: 'desktop', fromCategory: 'news', toCategory: 'travel', startWeek: 8, rampWeeks: 2 } } }).summaries;
    expect(moved[7].driftLevels.concept).toBe(0);
    expect(moved[9].driftLevels.concept).toBe(1);
    const key = '55+ · desktop';
    expect(segmentCtr(moved, key, 10, 12) / segmentCtr(moved, key, 0, 2) - 1).toBeLessThan(-0.2);
    expect(Math.abs(segmentCtr(moved, SEGMENT, 10, 12) / segmentCtr(moved, SEGMENT, 0, 2) - 1)).toBeLessThan(0.08);
  }, 60_000);
});

describe('drift analysis columns', () => {
  let state: CtrScenarioState;
  let reference: FeatureColumn[];
  let current: FeatureColumn[];

  beforeAll(() => {
    state = run({ drifts: { concept: { enabled: false } } });
    reference = referenceWindow(state);
    current = currentWindow(state, 3);
  }, 60_000);

  it('extracts every feature, the prediction and the target, column by column', () => {
    expect(reference.map((c) => [c.name, c.kind, c.role])).toEqual([
      ['userAgeBand', 'categorical', 'feature'],
      ['device', 'categorical', 'feature'],
      ['region', 'categorical', 'feature'],
      ['tenureDays', 'numeric', 'feature'],
      ['hour', 'numeric', 'feature'],
      ['day', 'categorical', 'feature'],
      ['position', 'numeric', 'feature'],
      ['itemCategory', 'categorical', 'feature'],
      ['predictedCtr', 'numeric', 'prediction'],
      ['clicked', 'categorical', 'target'],
    ]);
    const rows = state.logs.slice(0, 4).reduce((s, l) => s + l.count, 0);
    expect(reference.every((c) => c.values.length === rows)).toBe(true);
    expect(current[0].values.length).toBe(state.logs.slice(10).reduce((s, l) => s + l.count, 0));
  });

  it('shows the shifted covariates drifting between weeks 0–3 and 10–12', () => {
    expect(shiftedColumns(state.config)).toEqual(['device', 'userAgeBand', 'region']);
    for (const name of shiftedColumns(state.config)) {
      expect(shareDistance(column(reference, name), column(current, name))).toBeGreaterThan(0.1);
    }
  });

  it('leaves the other features alone', () => {
    expect(shareDistance(column(reference, 'day'), column(current, 'day'))).toBeLessThan(0.01);
    for (const name of ['tenureDays', 'hour', 'position']) {
      expect(ksStatistic(column(reference, name), column(current, name))).toBeLessThan(0.01);
    }
  });

  it('has no shifted covariates when the shift is off', () => {
    const off = run({ impressionsPerWeek: 5_000, drifts: { covariate: { enabled: false } } });
    expect(shiftedColumns(off.config)).toEqual([]);
    const ref = referenceWindow(off);
    const cur = currentWindow(off);
    for (const name of ['device', 'userAgeBand', 'region']) expect(shareDistance(column(ref, name), column(cur, name))).toBeLessThan(0.03);
  }, 60_000);
});
