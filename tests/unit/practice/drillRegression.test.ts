/** The regression drill's steps, each judged true and false on hand-built facts, and its debrief from the same facts. */
import { describe, expect, it } from 'vitest';
import { checkMission } from '$lib/core/practice/catalogue';
import {
  ARTEFACT_VERDICT_EVENT,
  DATA_DIFF_EVENT,
  ROOT_CAUSE_KEY,
  tallyServed,
  type DrillRegressionFacts,
} from '$lib/core/practice/missions/drillRegression';
import { DEFAULT_CANARY_RULE } from '$lib/core/loop/canaryRule';
import type { RequestContract } from '$lib/core/serving/requestContract';
import type { MissionEvent } from '$lib/core/practice/mission';

const good = (i: number) => ({ subject: `Invoice question ${i}`, body: `I was charged twice for my invoice number ${i} this month, please refund the second charge.`, channel: 'email', tier: 'free' });
const broken = (i: number) => ({ body: `I was charged twice for my invoice number ${i} this month, please refun`, channel: 'email', tier: 'free' });
const CONTRACT: RequestContract = { enabled: true, fields: [{ name: 'subject', required: true, charset: 'printable' }, { name: 'body', required: true, charset: 'printable' }] };

/** The situation as the template leaves it: v2 serves, nothing done yet. */
function facts(change: Partial<DrillRegressionFacts> = {}): DrillRegressionFacts {
  return {
    notes: {},
    events: [],
    stable: { id: 'mv1', name: 'Ticket router v1', datasetVersionId: 'ds1', datasetNumber: 1 },
    broken: { id: 'mv2', name: 'Ticket router v2', datasetVersionId: 'ds2', datasetNumber: 2 },
    brokenDeploymentId: 'd2',
    deployments: [
      { id: 'd1', servedVersionId: 'mv1', createdAt: '2026-12-05T09:00:00.000Z', status: 'superseded' },
      { id: 'd2', servedVersionId: 'mv2', createdAt: '2026-12-05T09:01:00.000Z', status: 'active' },
    ],
    contract: null,
    requestsBefore: Array.from({ length: 10 }, (_, i) => good(i)),
    requestsAfter: Array.from({ length: 10 }, (_, i) => broken(i)),
    canaryRule: { ...DEFAULT_CANARY_RULE },
    quality: { before: { answered: 200, labelled: 160, correct: 149, automatic: 165 }, after: { answered: 200, labelled: 160, correct: 134, automatic: 130 }, sinceRollback: null },
    threshold: 0.8,
    ...change,
  };
}
const event = (kind: string, at: string, detail: MissionEvent['detail']): MissionEvent => ({ kind, at, detail });
const step = (f: DrillRegressionFacts, id: string) => {
  const s = checkMission({ mission: 'drill-regression', facts: f }).steps.find((x) => x.step.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};
const rolledBack: DrillRegressionFacts['deployments'] = [
  { id: 'd1', servedVersionId: 'mv1', createdAt: '2026-12-05T09:00:00.000Z', status: 'superseded' },
  { id: 'd2', servedVersionId: 'mv2', createdAt: '2026-12-05T09:01:00.000Z', status: 'rolled-back' },
  { id: 'd3', servedVersionId: 'mv1', createdAt: '2026-12-05T09:20:00.000Z', status: 'active' },
];

describe('the regression drill', () => {
  it('as the template leaves it, no step is done and each says what is missing', () => {
    const progress = checkMission({ mission: 'drill-regression', facts: facts() });
    expect(progress.total).toBe(6);
    expect(progress.done).toBe(0);
    expect(progress.steps.map((s) => s.missing)).toEqual([
      'No verdict recorded yet under “Is it real?”.',
      'Ticket router v2 still answers the requests.',
      'No comparison of dataset v1 (Ticket router v1) and v2 (Ticket router v2) yet.',
      'The project has no request contract.',
      'The canary rule is off: any version may still take all traffic at once.',
      'Nothing written yet.',
    ]);
  });

  it('the verdict step: done when the last verdict says the drop is real, not when it blames the monitoring', () => {
    const real = event(ARTEFACT_VERDICT_EVENT, '2026-12-05T09:10:00.000Z', { verdict: 'real', volume: 'ok', logging: 'ok', outcomes: 'ok' });
    const artefact = event(ARTEFACT_VERDICT_EVENT, '2026-12-05T09:12:00.000Z', { verdict: 'artefact', volume: 'ok', logging: 'ok', outcomes: 'look' });
    expect(step(facts({ events: [real] }), 'verify-real')).toMatchObject({ done: true, evidence: 'You judged the drop real at 2026-12-05 09:10 UTC, with the checks reading volume fine, logging fine, outcomes fine.' });
    const wrong = step(facts({ events: [real, artefact] }), 'verify-real');
    expect(wrong.done).toBe(false);
    expect(wrong.missing).toMatch(/^Your last verdict \(2026-12-05 09:12 UTC\) says the drop is an artefact .* outcomes to look at\./);
  });

  it('the rollback step: done when a deployment after the broken one serves the stable version again, and it stays done after a later deployment', () => {
    expect(step(facts({ deployments: rolledBack }), 'roll-back')).toMatchObject({ done: true, evidence: 'Ticket router v1 serves again since 2026-12-05 09:20 UTC, replacing Ticket router v2.' });
    const later = [...rolledBack.slice(0, 2), { ...rolledBack[2], status: 'superseded' as const }, { id: 'd4', servedVersionId: 'mv3', createdAt: '2026-12-05T10:00:00.000Z', status: 'active' as const }];
    expect(step(facts({ deployments: later }), 'roll-back').done).toBe(true);
    // Serving v1 only as a canary next to v2 (d2 still active) is no rollback.
    expect(step(facts(), 'roll-back').done).toBe(false);
    expect(step(facts({ stable: null }), 'roll-back')).toMatchObject({ done: false, missing: expect.stringMatching(/start the drill over/) });
  });

  it('the diff step: done for a comparison of the two training datasets in either order, not for another pair', () => {
    const pair = event(DATA_DIFF_EVENT, '2026-12-05T09:30:00.000Z', { fromId: 'ds2', toId: 'ds1', summary: 'subject missing 100.0 % → 0.0 %' });
    expect(step(facts({ events: [pair] }), 'diff-data')).toMatchObject({ done: true, evidence: 'You compared dataset v1 (Ticket router v1) and v2 (Ticket router v2) at 2026-12-05 09:30 UTC: subject missing 100.0 % → 0.0 %.' });
    const other = event(DATA_DIFF_EVENT, '2026-12-05T09:31:00.000Z', { fromId: 'ds1', toId: 'ds3', summary: '' });
    expect(step(facts({ events: [other] }), 'diff-data')).toMatchObject({ done: false, missing: expect.stringMatching(/^You compared other versions/) });
  });

  it('the contract step: done only when it is on, refuses every broken request and accepts the good ones', () => {
    expect(step(facts({ contract: CONTRACT }), 'request-contract')).toMatchObject({ done: true, evidence: expect.stringMatching(/^It would refuse 10 of the 10 requests logged since the bug and accept 10 of the 10 from before it \(subject, required, printable; body, required, printable\)\.$/) });
    expect(step(facts({ contract: { ...CONTRACT, enabled: false } }), 'request-contract')).toMatchObject({ done: false, missing: expect.stringMatching(/switched off/) });
    // Only a body's length: a cut body is still long enough to get through.
    const lengthOnly: RequestContract = { enabled: true, fields: [{ name: 'body', required: true, minLength: 30, charset: 'any' }] };
    expect(step(facts({ contract: lengthOnly }), 'request-contract')).toMatchObject({ done: false, missing: expect.stringMatching(/refuse 0 of the 10 .* must refuse every one/) });
    // Refusing everything is no fix either.
    const everything: RequestContract = { enabled: true, fields: [{ name: 'subject', required: true, minLength: 500, charset: 'any' }] };
    expect(step(facts({ contract: everything }), 'request-contract')).toMatchObject({ done: false, missing: expect.stringMatching(/accept 0 of the 10 .* at least 90 %/) });
    expect(step(facts({ contract: CONTRACT, requestsAfter: [] }), 'request-contract').done).toBe(false);
  });

  it('the canary step follows the project’s rule', () => {
    expect(step(facts({ canaryRule: { requireCanary: true, maxFirstPercent: 10 } }), 'canary-rule')).toMatchObject({ done: true, evidence: expect.stringMatching(/^The canary rule is on: .* at most 10 %/) });
    expect(step(facts(), 'canary-rule').done).toBe(false);
  });

  it('the root-cause step wants a summary of some length', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    expect(step(facts({ notes: { [ROOT_CAUSE_KEY]: words(20) } }), 'root-cause')).toMatchObject({ done: true, evidence: 'Written: 20 words.' });
    expect(step(facts({ notes: { [ROOT_CAUSE_KEY]: words(7) } }), 'root-cause')).toMatchObject({ done: false, missing: '7 words so far; write at least 20.' });
  });

  it('completes with every step done, and the debrief speaks in the learner’s figures and order', () => {
    const f = facts({
      deployments: rolledBack,
      events: [
        event(DATA_DIFF_EVENT, '2026-12-05T09:30:00.000Z', { fromId: 'ds1', toId: 'ds2', summary: 'subject missing 0.0 % → 100.0 %' }),
        event(ARTEFACT_VERDICT_EVENT, '2026-12-05T09:10:00.000Z', { verdict: 'real', volume: 'ok', logging: 'ok', outcomes: 'ok' }),
      ],
      contract: CONTRACT,
      canaryRule: { requireCanary: true, maxFirstPercent: 10 },
      notes: { [ROOT_CAUSE_KEY]: 'An upstream change dropped the subject and cut bodies; the retrain learnt from that export and went live at once, so quality fell until we rolled back.' },
      quality: { before: { answered: 200, labelled: 160, correct: 149, automatic: 165 }, after: { answered: 200, labelled: 160, correct: 134, automatic: 130 }, sinceRollback: { answered: 0, labelled: 0, correct: 0, automatic: 0 } },
    });
    const progress = checkMission({ mission: 'drill-regression', facts: f });
    expect(progress).toMatchObject({ done: 6, total: 6, complete: true });
    const [incident, order, fix] = progress.sections;
    expect(incident.lines).toEqual([
      'Before the bug, Ticket router v1: 200 answers: right on 93.1 % of the 160 with an outcome; 82.5 % decided automatically.',
      'After Ticket router v2 went live: 200 answers: right on 83.8 % of the 160 with an outcome; 65.0 % decided automatically.',
      'An answer counts as automatic at a confidence of 0.8 or more.',
    ]);
    expect(order.lines).toContain('You checked before you acted: a rollback on a monitoring artefact would have hidden the real problem.');
    expect(fix.lines[0]).toBe("Request contract (on): subject, required, printable; body, required, printable.");
    expect(fix.lines[1]).toBe('On the logged requests it refuses 10 of 10 from the broken pipeline and accepts 10 of 10 from before.');
  });

  it('a rollback before the verdict is said plainly in the debrief', () => {
    const f = facts({ deployments: rolledBack, events: [event(ARTEFACT_VERDICT_EVENT, '2026-12-05T09:25:00.000Z', { verdict: 'real' })] });
    expect(checkMission({ mission: 'drill-regression', facts: f }).sections[1].lines).toContain('You rolled back before recording whether the drop was real: fine in an emergency, but say in the summary what told you it was real.');
  });

  it('tallies served answers against the threshold', () => {
    expect(tallyServed([{ label: 'a', confidence: 0.9, outcome: 'a' }, { label: 'a', confidence: 0.5, outcome: 'b' }, { label: 'b', confidence: 0.8 }], 0.8)).toEqual({ answered: 3, labelled: 2, correct: 1, automatic: 2 });
  });
});
