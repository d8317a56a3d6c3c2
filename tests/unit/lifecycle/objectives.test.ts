import { describe, expect, it } from 'vitest';
import { objectivesProblems, objectivesProgress, withoutMissingCriteria, type BusinessMeasured, type JudgedCriterion, type Objective } from '$lib/core/lifecycle/objectives';

const criteria: JudgedCriterion[] = [
  { id: 'acc', text: 'Accuracy on test >= 0.9', status: 'pass', measured: 0.93, unit: 'ratio' },
  { id: 'p99', text: 'p99 latency <= 200 ms', status: 'fail', measured: 240, unit: 'ms' },
  { id: 'f1', text: 'Macro-F1 on test >= 0.85', status: 'unmeasured', measured: null, unit: 'ratio' },
];
const business: BusinessMeasured = { targets: { automaticShare: 0.5, netValuePerDay: null }, unit: 'minutes', measured: { automaticShare: 0.5, valuePerDay: 120 } };
const kr = (id: string, criterionIds: string[], businessMetrics: Objective['keyResults'][number]['businessMetrics'] = []) => ({ id, text: `KR ${id}`, criterionIds, businessMetrics });

describe('objectivesProgress', () => {
  const objectives: Objective[] = [{
    id: 'o1', text: 'Route tickets faster',
    keyResults: [kr('all', ['acc'], ['automatic_share']), kr('some', ['acc', 'p99']), kr('none', ['p99']), kr('later', ['f1']), kr('empty', []), kr('noTarget', [], ['net_value_per_day'])],
  }];
  const [o] = objectivesProgress(objectives, criteria, business);
  const byId = Object.fromEntries(o.keyResults.map((k) => [k.id, k]));

  it('is met when every attached measure is met (a business floor met with equality counts)', () => {
    expect(byId.all).toMatchObject({ status: 'met', met: 2, fraction: 1 });
    expect(byId.all.measures[1]).toMatchObject({ kind: 'business', status: 'met', measured: 0.5, target: 0.5, text: 'Share of answers decided automatically ≥ 50 %' });
  });

  it('is partly met, not met, unmeasured or measured by nothing', () => {
    expect(byId.some).toMatchObject({ status: 'partly-met', met: 1, fraction: 0.5 });
    expect(byId.some.measures.map((m) => [m.id, m.status, m.measured])).toEqual([['acc', 'met', 0.93], ['p99', 'missed', 240]]);
    expect(byId.none).toMatchObject({ status: 'not-met', met: 0, fraction: 0 });
    expect(byId.later).toMatchObject({ status: 'unmeasured', counted: 1, fraction: 0 });
    expect(byId.empty).toMatchObject({ status: 'no-measures', fraction: null });
    expect(byId.noTarget.measures[0]).toMatchObject({ status: 'no-target', target: null });
    expect(byId.noTarget).toMatchObject({ status: 'unmeasured', counted: 0, fraction: null });
  });

  it('misses a business target just under it, and is unmeasured without traffic', () => {
    const under = objectivesProgress(objectives, criteria, { ...business, measured: { automaticShare: 0.4999, valuePerDay: null } })[0].keyResults[0];
    expect(under).toMatchObject({ status: 'partly-met', met: 1 });
    const quiet = objectivesProgress(objectives, criteria, { ...business, measured: null })[0].keyResults[0];
    expect(quiet.measures[1].status).toBe('unmeasured');
  });

  it('says so when an attached criterion is no longer set', () => {
    const [gone] = objectivesProgress([{ id: 'o', text: 'x', keyResults: [kr('k', ['removed'])] }], criteria, business);
    expect(gone.keyResults[0].measures[0]).toMatchObject({ status: 'missing' });
    expect(gone.keyResults[0].status).toBe('unmeasured');
  });
});

describe('objectivesProblems', () => {
  const known = new Set(['acc']);
  it('accepts a valid list', () => {
    expect(objectivesProblems([{ id: 'o', text: 'Do', keyResults: [kr('k', ['acc'], ['automatic_share'])] }], known)).toEqual([]);
  });
  it('refuses blank text, repeated ids across objectives and key results, unknown criteria and metrics', () => {
    const bad = [{ id: 'o', text: ' ', keyResults: [kr('o', ['nope'], ['clicks' as never])] }, { id: 'x', text: 'y'.repeat(301), keyResults: 'no' }];
    expect(objectivesProblems(bad, known, '/canvas/objectives').map((p) => p.path)).toEqual([
      '/canvas/objectives/0/text', '/canvas/objectives/0/keyResults/0/id', '/canvas/objectives/0/keyResults/0/criterionIds/0',
      '/canvas/objectives/0/keyResults/0/businessMetrics/0', '/canvas/objectives/1/text', '/canvas/objectives/1/keyResults',
    ]);
  });
  it('drops links to removed criteria', () => {
    expect(withoutMissingCriteria([{ id: 'o', text: 'x', keyResults: [kr('k', ['acc', 'gone'])] }], known)[0].keyResults[0].criterionIds).toEqual(['acc']);
  });
});
