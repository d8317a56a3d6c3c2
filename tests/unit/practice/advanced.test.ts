import { describe, expect, it } from 'vitest';
import { checkMission } from '$lib/core/practice/catalogue';
import { ADVANCED_MISSION, type AdvancedFacts } from '$lib/core/practice/missions/advanced';

const at = '2026-01-01T00:00:00.000Z';
const empty = (): AdvancedFacts => ({
  notes: {},
  riskTier: null,
  policies: [],
  reviews: [],
  refusals: [],
  refusedRequests: { count: 0, lastAt: null },
  waivers: [],
  playbook: { done: 2, total: 5, open: ['Answer the risk questionnaire', 'Publish a governance policy', 'Put the next review of each approval in a calendar, and hold it'] },
});
const full = (): AdvancedFacts => ({
  ...empty(),
  riskTier: 'high',
  policies: [{ version: 1, name: 'High-risk', modelGates: ['Data Ethics Review'], deployGates: ['Performance SLA', 'Council Review'] }],
  reviews: [{ gate: 'Council Review', council: true, subject: 'model v1', status: 'approved', summary: '4 of 4 signed off.', at }],
  refusals: [{ gate: 'Performance SLA', subject: 'model v1', outcome: 'reject', by: 'Sam Okafor', comment: 'p99 too slow', at }],
  waivers: [{ gate: 'Model Card Approval', subject: 'model v1', owner: 'Ana', reason: 'card in review', at, expiresAt: '2026-01-15T00:00:00.000Z' }],
  playbook: { done: 5, total: 5, open: [] },
});
const step = (id: string, f: AdvancedFacts) => checkMission({ mission: 'advanced', facts: f }).steps.find((s) => s.step.id === id)!;

describe('the advanced mission', () => {
  it('has every step done on a governed project and none on a bare one', () => {
    const all = checkMission({ mission: 'advanced', facts: full() });
    expect(all.steps.map((s) => [s.step.id, s.done])).toEqual(ADVANCED_MISSION.steps.map((s) => [s.id, true]));
    expect(all.complete).toBe(true);
    expect(checkMission({ mission: 'advanced', facts: empty() }).done).toBe(0);
  });

  it('needs one published version gating both training and deployment', () => {
    expect(step('policy-both-gates', full()).evidence).toMatch(/v1 “High-risk” guards training \(Data Ethics Review\) and deployment/);
    const light = { ...empty(), policies: [{ version: 1, name: 'Light', modelGates: [], deployGates: ['Light check'] }] };
    expect(step('policy-both-gates', light)).toMatchObject({ done: false, missing: expect.stringMatching(/deployment only: add a gate before training/) });
  });

  it('sees a gate stop something in a rejection, a request for changes, or the endpoint’s refusals', () => {
    expect(step('gate-blocked', { ...empty(), refusals: full().refusals }).evidence).toMatch(/Performance SLA rejected model v1/);
    expect(step('gate-blocked', { ...empty(), refusals: [{ ...full().refusals[0], outcome: 'request-changes' }] }).evidence).toMatch(/asked for changes to model v1/);
    expect(step('gate-blocked', { ...empty(), refusedRequests: { count: 3, lastAt: at } }).evidence).toMatch(/refused 3 requests/);
    // An approval, a waiver or a pending review stops nothing.
    expect(step('gate-blocked', { ...full(), refusals: [] }).done).toBe(false);
  });

  it('needs a settled council review on a project assessed high-risk', () => {
    expect(step('council-review', full()).evidence).toMatch(/Council Review on model v1: 4 of 4 signed off/);
    expect(step('council-review', { ...full(), riskTier: 'limited' }).missing).toMatch(/assessed limited-risk/);
    expect(step('council-review', { ...full(), riskTier: null }).missing).toMatch(/not assessed/);
    const pending = { ...full(), reviews: [{ ...full().reviews[0], status: 'pending' as const, summary: '1 of 4 signed, waiting for Legal.' }] };
    expect(step('council-review', pending)).toMatchObject({ done: false, missing: expect.stringMatching(/waiting for Legal/) });
    // A review by one decider is not a council's.
    expect(step('council-review', { ...full(), reviews: [{ ...full().reviews[0], council: false }] }).done).toBe(false);
  });

  it('ticks a waiver with its owner and end date', () => {
    expect(step('waiver', full()).evidence).toMatch(/until 2026-01-15; Ana answers for it/);
    expect(step('waiver', empty()).done).toBe(false);
  });

  it('needs every item of the Govern playbook done', () => {
    expect(step('playbook', full()).done).toBe(true);
    expect(step('playbook', empty())).toMatchObject({ done: false, missing: expect.stringMatching(/2 of 5 playbook items done; still open: Answer the risk/) });
    expect(step('playbook', { ...empty(), playbook: { done: 0, total: 0, open: [] } }).done).toBe(false);
  });

  it('debriefs the governance trail', () => {
    const lines = ADVANCED_MISSION.debrief(full())[0].lines;
    expect(lines[0]).toBe('Policy in force: v1 “High-risk”, 3 gates.');
    expect(lines).toContain('Risk tier: high.');
    expect(lines.some((l) => /Waiver of Model Card Approval for model v1, 2026-01-01 to 2026-01-15, owned by Ana/.test(l))).toBe(true);
  });
});
