/**
 * Remediations and their effect in the following weeks: retrain on a recent window, a feature
 * pipeline change, rollback, and the champion–challenger evaluation that helps choose.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  changeFeatures,
  compareModels,
  createScenario,
  deployModel,
  FEATURE_NAMES,
  recentWindow,
  reset,
  retrain,
  rollback,
  runToEnd,
  servingModel,
  stepWeek,
  trainCandidate,
  type CtrScenarioState,
  type WeekSummary,
} from '../../../../src/lib/core/scenarios/ctr';
import { hashWeek, pooledCtr, segmentCtr } from './helpers';

const SEGMENT = '18-24 · mobile';

function stepTo(state: CtrScenarioState, week: number): void {
  while (state.week < week) stepWeek(state);
}

describe('retrain on a recent window (default scenario)', () => {
  let state: CtrScenarioState;
  let untouched: WeekSummary[];
  let retrained: WeekSummary[];

  beforeAll(() => {
    state = createScenario();
    untouched = runToEnd(state);
    reset(state);
    stepTo(state, 10);
    retrain(state, { fromWeek: 7, toWeek: 9 });
    runToEnd(state);
    retrained = state.summaries;
  }, 60_000);

  it('recovers CTR visibly in the three weeks after retraining after week 9', () => {
    expect(retrained.slice(0, 10)).toEqual(untouched.slice(0, 10));
    const after = pooledCtr(retrained, 10, 12);
    const without = pooledCtr(untouched, 10, 12);
    expect(after / without).toBeGreaterThan(1.06);
    // Most of the quarter's loss is won back.
    expect(after / pooledCtr(untouched, 0, 2)).toBeGreaterThan(0.93);
  });

  it('recovers the concept-drift segment above its old level', () => {
    const before = segmentCtr(untouched, SEGMENT, 0, 2);
    expect(segmentCtr(untouched, SEGMENT, 10, 12) / before).toBeLessThan(0.8);
    expect(segmentCtr(retrained, SEGMENT, 10, 12) / before).toBeGreaterThan(0.95);
    // The new model's predictions match what the segment does again.
    const last = retrained[12].segments['ageBand×device'].find((s) => s.key === SEGMENT)!;
    expect(last.meanPredictedCtr / last.ctr).toBeGreaterThan(0.8);
    expect(last.meanPredictedCtr / last.ctr).toBeLessThan(1.25);
  });

  it('numbers the new version and records it on every impression it served', () => {
    expect(state.versions.map((v) => [v.version, v.reason, v.deployedAtWeek])).toEqual([
      [1, 'initial', 0],
      [2, 'retrain', 10],
    ]);
    expect(state.versions[1].trainedOn).toEqual({ fromWeek: 7, toWeek: 9 });
    expect(state.versions[1].trainingRows).toBeGreaterThan(140_000);
    expect(retrained[9].modelVersions).toEqual([1]);
    expect(retrained[10].modelVersions).toEqual([2]);
    expect(state.logs[11].modelVersion.every((v) => v === 2)).toBe(true);
    expect(state.actions).toEqual([{ type: 'deploy', atWeek: 10, reason: 'retrain', window: { fromWeek: 7, toWeek: 9 }, features: state.versions[0].features }]);
  });
});

describe('rollback, feature changes and champion–challenger (smaller volume)', () => {
  const config = { seed: 'remedies', impressionsPerWeek: 20_000 };

  it('rolls back to the previous version: the weeks after are exactly those without the change', () => {
    const baseline = createScenario(config);
    runToEnd(baseline);
    const state = createScenario(config);
    stepTo(state, 8);
    const v2 = retrain(state, recentWindow(state, 3));
    expect(v2.trainedOn).toEqual({ fromWeek: 5, toWeek: 7 });
    stepWeek(state);
    const back = rollback(state);
    expect(back.version).toBe(1);
    expect(servingModel(state).version).toBe(1);
    runToEnd(state);
    expect(state.summaries[8].modelVersions).toEqual([2]);
    expect(state.summaries[9].modelVersions).toEqual([1]);
    // Common random numbers: with v1 serving again, weeks 9–12 repeat the baseline bit for bit.
    expect(state.logs.slice(9).map(hashWeek)).toEqual(baseline.logs.slice(9).map(hashWeek));
    expect(state.actions.map((a) => [a.type, a.atWeek])).toEqual([
      ['deploy', 8],
      ['rollback', 9],
    ]);
    expect(() => rollback(state)).toThrow(/Nothing to roll back/);
  }, 60_000);

  it('adds and drops feature groups, retrains on the recent window and deploys', () => {
    const state = createScenario(config);
    stepTo(state, 10);
    const v2 = changeFeatures(state, { add: ['ageBand×device×itemCategory', 'region×itemCategory'], drop: ['device×itemCategory'] });
    expect(v2.reason).toBe('changeFeatures');
    expect(v2.trainedOn).toEqual({ fromWeek: 6, toWeek: 9 });
    expect(v2.features).toContain('ageBand×device×itemCategory');
    expect(v2.features).toContain('region×itemCategory');
    expect(v2.features).not.toContain('device×itemCategory');
    // Catalogue order, no duplicates; one weight per one-hot column (+5×3×8 and +5×8, −3×8).
    expect(v2.features).toEqual(FEATURE_NAMES.filter((f) => v2.features.includes(f)));
    expect(v2.weights.length).toBe(state.versions[0].weights.length + 120 + 40 - 24);
    runToEnd(state);
    const baseline = createScenario(config);
    runToEnd(baseline);
    expect(pooledCtr(state.summaries, 10, 12) / pooledCtr(baseline.summaries, 10, 12)).toBeGreaterThan(1.06);
    expect(() => changeFeatures(state, { add: ['zodiacSign'] })).toThrow(/Unknown feature/);
    expect(() => changeFeatures(state, { drop: [...FEATURE_NAMES] })).toThrow(/at least one feature/);
  }, 60_000);

  it('refuses to train on weeks that are not logged yet', () => {
    const state = createScenario({ ...config, weeks: 6 });
    stepTo(state, 3);
    expect(() => retrain(state, { fromWeek: 1, toWeek: 3 })).toThrow(/not all logged/);
    expect(() => retrain(state, { fromWeek: 2, toWeek: 1 })).toThrow(/Invalid week window/);
    // The history before week 0 is logged too.
    expect(retrain(state, { fromWeek: -2, toWeek: 2 }).trainingRows).toBeGreaterThan(90_000);
  });

  it('scores champion and challenger on held-out weeks with sane numbers', () => {
    const state = createScenario(config);
    stepTo(state, 11);
    const champion = servingModel(state);
    const challenger = trainCandidate(state, { window: { fromWeek: 7, toWeek: 9 } });
    const report = compareModels(state, champion, challenger, { fromWeek: 10, toWeek: 10 });
    expect(report.overlapsTraining).toEqual({ champion: false, challenger: false });
    expect(report.impressions).toBeGreaterThan(19_000);
    expect(report.clicks / report.impressions).toBeCloseTo(report.champion.actualCtr, 6);
    for (const card of [report.champion, report.challenger]) {
      expect(card.logLoss).toBeGreaterThan(0.2);
      expect(card.logLoss).toBeLessThan(0.35);
      expect(card.auc).toBeGreaterThan(0.55);
      expect(card.auc).toBeLessThan(0.8);
      expect(card.calibration).toHaveLength(10);
      expect(card.calibration.reduce((s, b) => s + b.count, 0)).toBe(report.impressions);
      expect(card.segments).toHaveLength(15);
    }
    // The champion over-promises (most of all in the drifted segment); the challenger does not.
    expect(report.champion.calibrationRatio).toBeGreaterThan(1.05);
    expect(Math.abs(report.challenger.calibrationRatio - 1)).toBeLessThan(0.05);
    const segment = (card: typeof report.champion) => card.segments.find((s) => s.key === SEGMENT)!;
    expect(segment(report.champion).meanPredictedCtr / segment(report.champion).actualCtr).toBeGreaterThan(1.4);
    expect(report.challenger.logLoss).toBeLessThan(report.champion.logLoss);
    expect(report.challenger.calibrationError).toBeLessThan(report.champion.calibrationError);
    expect(report.winner).toBe('challenger');
    // Scoring a model on its own training weeks is flagged.
    expect(compareModels(state, champion, challenger, { fromWeek: 9, toWeek: 10 }).overlapsTraining.challenger).toBe(true);
    // Deploying the challenger is a recorded action like any other.
    const v2 = deployModel(state, challenger, 'challenger');
    expect(v2.version).toBe(2);
    expect(state.actions.at(-1)).toMatchObject({ type: 'deploy', reason: 'challenger', atWeek: 11, window: { fromWeek: 7, toWeek: 9 } });
  }, 60_000);
});
