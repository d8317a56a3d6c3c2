import { describe, expect, it } from 'vitest';
import { emptySummary } from '$lib/core/lifecycle/stages';
import { SAMPLE_CANVAS } from '$lib/core/scenarios/sampleProject';
import { emptyPlaybookFacts, type PlaybookFacts } from '$lib/core/playbooks/facts';
import { allPlaybookProgress, playbookProgress, tickProblem } from '$lib/core/playbooks/progress';
import { findCriteriaPreset, presetCriteria } from '$lib/core/playbooks/criteriaPresets';

const facts = (over: Partial<PlaybookFacts>): PlaybookFacts => ({ ...emptyPlaybookFacts(), ...over });
const states = (p: ReturnType<typeof playbookProgress>) => Object.fromEntries(p.items.map((i) => [i.item.id, i.done]));
const detail = (p: ReturnType<typeof playbookProgress>, id: string) => {
  const s = p.items.find((i) => i.item.id === id)!.state;
  return s.kind === 'checked' ? s.detail : s.kind;
};

describe('playbookProgress', () => {
  it('counts nothing done on an empty project', () => {
    for (const p of allPlaybookProgress(emptyPlaybookFacts())) expect(p.done, p.stage).toBe(0);
  });

  it('checks the Data items from the stored state: imported, labelled, checked, split, no leakage', () => {
    const imported = facts({
      summary: { ...emptySummary(), datasetVersions: 1, labelledRows: 1200, unlabelledRows: 0 },
      dataset: { number: 1, classes: ['a', 'b'], split: null, checksRun: false, leakedRows: null },
    });
    const before = playbookProgress('data', imported);
    expect(states(before)).toEqual({
      'data.imported': true, 'data.guidelines': false, 'data.labelled': true, 'data.checks': false,
      'data.split': false, 'data.no-leakage': false, 'data.label-leak': false,
    });
    expect(before).toMatchObject({ done: 2, total: 7 });
    expect(detail(before, 'data.labelled')).toBe('1,200 labelled, 0 unlabelled in the newest version.');
    expect(detail(before, 'data.no-leakage')).toBe('Split the data first.');

    const leaky = facts({ ...imported, dataset: { number: 2, classes: ['a'], split: { train: 8, validation: 1, test: 1 }, checksRun: true, leakedRows: 3 } });
    expect(detail(playbookProgress('data', leaky), 'data.no-leakage')).toBe('3 rows share their text with another split.');
    const clean = facts({ ...leaky, dataset: { ...leaky.dataset!, leakedRows: 0 } });
    expect(states(playbookProgress('data', clean))).toMatchObject({ 'data.checks': true, 'data.split': true, 'data.no-leakage': true });
  });

  it('counts a ticked manual item as done, with who ticked it', () => {
    const p = playbookProgress('data', facts({ ticks: { 'data.label-leak': { by: 'Noor Haddad', at: '2026-12-05T03:00:00.000Z' } } }));
    const item = p.items.find((i) => i.item.id === 'data.label-leak')!;
    expect(item).toMatchObject({ done: true, state: { kind: 'ticked', by: 'Noor Haddad' } });
    expect(p.done).toBe(1);
  });

  it('ignores a tick stored for an item the app checks itself', () => {
    const p = playbookProgress('data', facts({ ticks: { 'data.split': { by: null, at: 'x' } } }));
    expect(p.done).toBe(0);
  });

  it('checks the Model items: a linear baseline, the majority baseline beaten, test criteria met, a version registered', () => {
    const criteria = presetCriteria(findCriteriaPreset('quality-and-speed')!);
    const mlpOnly = facts({ criteria, runs: [{ number: 1, family: 'mlp', beatsMajority: false, metrics: { 'test.accuracy': 0.8 } }] });
    expect(states(playbookProgress('model', mlpOnly))).toMatchObject({ 'model.baseline': false, 'model.beats-majority': false, 'model.meets-criteria': false });
    const good = facts({
      criteria,
      latestVersion: 'Router v1',
      runs: [...mlpOnly.runs, { number: 2, family: 'softmax-regression', beatsMajority: true, metrics: { 'test.accuracy': 0.9 } }],
    });
    const p = playbookProgress('model', good);
    expect(states(p)).toMatchObject({ 'model.baseline': true, 'model.beats-majority': true, 'model.meets-criteria': true, 'model.registered': true });
    expect(detail(p, 'model.meets-criteria')).toBe('Run 2 meets 1 criterion on test.');
    expect(detail(playbookProgress('model', facts({ runs: good.runs })), 'model.meets-criteria')).toBe('No success criterion is measured on test.');
  });

  it('checks Frame from the canvas, the criteria (quality and speed) and the problem statement fill', () => {
    const quality = presetCriteria(findCriteriaPreset('every-class-counts')!);
    const p = playbookProgress('frame', facts({ canvas: SAMPLE_CANVAS, criteria: quality }));
    expect(states(p)).toMatchObject({ 'frame.canvas': true, 'frame.criteria': true, 'frame.quality-and-speed': false, 'frame.problem-statement': false });
    expect(detail(p, 'frame.quality-and-speed')).toBe('No latency target yet.');
    const partial = facts({ fills: { 'problem-statement': { fields: { problem: 'Slow routing' }, by: 'Ana', at: 'x' } } });
    expect(detail(playbookProgress('frame', partial), 'frame.problem-statement')).toMatch(/^Saved, but still to fill in: Who uses the predictions, /);
  });

  it('checks Deploy, Monitor and Govern from deployments, probes, drift reports, the policy, people and the risk tier', () => {
    const f = facts({
      summary: { ...emptySummary(), predictionLogs: 5, healthChecks: 2, driftReports: 1, gates: [{ stage: 'model', status: 'approved' }] },
      serving: 'Router v2', rollbackTarget: 'Router v1', challengerTried: true, rolledBack: false,
      policy: { version: 1, name: 'Standard' }, peopleWithRoles: 3, riskTier: 'high',
    });
    expect(states(playbookProgress('deploy', f))).toEqual({
      'deploy.plan': false, 'deploy.deployed': true, 'deploy.answered': true, 'deploy.challenger': true, 'deploy.rollback-tried': false,
    });
    expect(states(playbookProgress('monitor', f))).toMatchObject({ 'monitor.health': true, 'monitor.drift': true, 'monitor.loop': false });
    expect(states(playbookProgress('govern', f))).toEqual({
      'govern.risk': true, 'govern.people': true, 'govern.policy': true, 'govern.gates-cleared': true, 'govern.re-review': false,
    });
  });
});

describe('tickProblem', () => {
  it('lets a person tick only known items the app cannot check', () => {
    expect(tickProblem('monitor.loop')).toBeNull();
    expect(tickProblem('data.split')).toMatch(/checked from the project’s own records/);
    expect(tickProblem('data.nothing')).toBe('There is no playbook item "data.nothing".');
  });
});
