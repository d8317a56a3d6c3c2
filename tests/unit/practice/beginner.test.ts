import { describe, expect, it } from 'vitest';
import { BEGINNER_MISSION, type BeginnerFacts } from '$lib/core/practice/missions/beginner';
import { checkMission } from '$lib/core/practice/catalogue';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';

/** Everything the mission asks for, done. */
function doneFacts(): BeginnerFacts {
  return {
    notes: { nextSteps: 'Watch the share of Billing; retrain when it moves 10 points.' },
    projectExists: true,
    criteria: DEFAULT_TICKET_CRITERIA.slice(0, 2).map((c) => ({ ...c })),
    dataset: { number: 2, rowCount: 1000, labelled: 1000, classes: 3, split: { train: 700, validation: 150, test: 150 } },
    runs: [
      { number: 1, familyNoun: 'logistic regression', linear: true, datasetVersionNumber: 2, testAccuracy: 0.94, testMacroF1: 0.93, baselineLabel: 'Technical Issue', baselineAccuracy: 0.45, beatsBaseline: true },
    ],
    versions: [{ label: 'Ticket classifier v1', runNumber: 1, aliases: ['champion'] }],
    deployment: { versionLabel: 'Ticket classifier v1', at: '2026-12-05T09:00:00.000Z' },
    predictions: { logged: 100, withConfidence: 100, meanConfidence: 0.82 },
    health: { probes: 3, healthy: 3 },
    production: { predictions: 100, latencyP99Ms: 12.5 },
  };
}

const stepOf = (facts: BeginnerFacts, id: string) => {
  const s = checkMission({ mission: 'beginner', facts }).steps.find((x) => x.step.id === id);
  if (!s) throw new Error(`no step ${id}`);
  return s;
};

/** Each step, and a change of the done facts that leaves exactly that step undone (and those in `also`, which need it). */
const BREAKS: [string, (f: BeginnerFacts) => void, RegExp, string[]?][] = [
  ['criteria', (f) => (f.criteria = f.criteria.filter((c) => c.metric !== 'latency_p99_ms')), /p99 latency on production/, ['latency']],
  ['criteria', (f) => (f.criteria[0] = { ...f.criteria[0], threshold: 0.8 }), /accuracy on test ≥ 0.90/],
  ['data', (f) => (f.dataset = { ...f.dataset!, labelled: 400 }), /400 labelled rows/],
  ['split', (f) => (f.dataset = { ...f.dataset!, split: null }), /no split yet/],
  ['split', (f) => (f.dataset = { ...f.dataset!, split: { train: 850, validation: 0, test: 150 } }), /leaves a part empty/],
  ['baseline', (f) => (f.runs = f.runs.map((r) => ({ ...r, beatsBaseline: false, testAccuracy: 0.46 }))), /does not beat the majority class/],
  ['baseline', (f) => (f.runs = f.runs.map((r) => ({ ...r, linear: false, familyNoun: 'small neural network' }))), /No logistic regression run/],
  ['registered', (f) => (f.versions = []), /No model version/],
  ['deployed', (f) => (f.deployment = null), /Nothing deployed/],
  ['served', (f) => (f.predictions = { logged: 49, withConfidence: 32, meanConfidence: 0.8 }), /32 of 50 predictions/],
  ['health', (f) => (f.health = { probes: 2, healthy: 0 }), /none healthy/],
  ['latency', (f) => (f.production = { predictions: 49, latencyP99Ms: 25 }), /49 of 50 predictions measured/],
];

describe('the beginner mission', () => {
  it('is complete when every step is done, each with the learner’s own figure as evidence', () => {
    const progress = checkMission({ mission: 'beginner', facts: doneFacts() });
    expect(progress.steps.map((s) => [s.step.id, s.done])).toEqual(BEGINNER_MISSION.steps.map((s) => [s.id, true]));
    expect(progress).toMatchObject({ done: 9, total: 9, complete: true });
    expect(stepOf(doneFacts(), 'baseline').evidence).toBe('Run 1: accuracy 94.0 % on test against 45.0 % for always “Technical Issue”.');
    expect(stepOf(doneFacts(), 'latency').evidence).toBe('p99 12.5 ms over 100 predictions: meets “p99 latency on production <= 200 ms”.');
    expect(stepOf(doneFacts(), 'criteria').evidence).toContain('Accuracy on test >= 0.9');
  });

  it.each(BREAKS)('step %s is not done when its stored fact is missing', (id, breakIt, missing, also = []) => {
    const facts = doneFacts();
    breakIt(facts);
    const progress = checkMission({ mission: 'beginner', facts });
    expect(progress.steps.filter((s) => !s.done).map((s) => s.step.id)).toEqual([id, ...also]);
    expect(stepOf(facts, id).missing).toMatch(missing);
    expect(progress.complete).toBe(false);
  });

  it('the latency step is done once measured, and says when the target is missed; the debrief points at it', () => {
    const slow = doneFacts();
    slow.production = { predictions: 60, latencyP99Ms: 658.7 };
    expect(stepOf(slow, 'latency')).toMatchObject({ done: true, evidence: 'p99 658.7 ms over 60 predictions: misses “p99 latency on production <= 200 ms”.' });
    const sections = BEGINNER_MISSION.debrief(slow);
    expect(sections[1].lines[1]).toBe('p99 latency on production <= 200 ms: missed (production: 658.7 ms)');
    expect(sections[3].lines[0]).toMatch(/^p99 latency on production is 658\.7 ms, over the “p99 latency on production <= 200 ms” target/);
  });

  it('measures the latency step only with enough predictions on production and a p99 criterion there', () => {
    const few = doneFacts();
    few.production = { predictions: 20, latencyP99Ms: 5 };
    expect(stepOf(few, 'latency')).toMatchObject({ done: false, missing: '20 of 50 predictions measured on production.' });
    const offline = doneFacts();
    offline.criteria = offline.criteria.map((c) => (c.metric === 'latency_p99_ms' ? { ...c, split: 'test' as const } : c));
    expect(stepOf(offline, 'latency').done).toBe(false);
    expect(stepOf(offline, 'criteria').done).toBe(false);
  });

  it('a fresh project has nothing done, and a deleted project says to start over', () => {
    const fresh: BeginnerFacts = { ...doneFacts(), criteria: [], dataset: null, runs: [], versions: [], deployment: null, predictions: { logged: 0, withConfidence: 0, meanConfidence: null }, health: { probes: 0, healthy: 0 }, production: { predictions: 0, latencyP99Ms: null } };
    const progress = checkMission({ mission: 'beginner', facts: fresh });
    expect(progress).toMatchObject({ done: 0, total: 9, complete: false });
    const gone = { ...fresh, projectExists: false };
    expect(checkMission({ mission: 'beginner', facts: gone }).steps.every((s) => s.missing === 'The mission’s project was deleted: start the mission over.')).toBe(true);
  });

  it('debriefs from the learner’s own runs, criteria and production figures', () => {
    const facts = doneFacts();
    facts.runs.push({ number: 2, familyNoun: 'logistic regression', linear: true, datasetVersionNumber: 2, testAccuracy: 0.88, testMacroF1: 0.86, baselineLabel: 'Technical Issue', baselineAccuracy: 0.45, beatsBaseline: true });
    const sections = BEGINNER_MISSION.debrief(facts);
    expect(sections.map((s) => s.heading)).toEqual(['What you measured', 'Success criteria', 'On production', 'Worth a second look']);
    expect(sections[0].lines[1]).toBe('Run 2 (logistic regression, dataset v2): accuracy 88.0 %, macro-F1 0.860 on test; majority class 45.0 % (beaten)');
    expect(sections[1].lines).toEqual(['Accuracy on test >= 0.9: passed (run 1: 94.0 %)', 'p99 latency on production <= 200 ms: passed (production: 12.5 ms)']);
    expect(sections[2].lines[0]).toBe('100 predictions logged, 100 with a confidence (mean 0.82)');
    expect(sections[3].lines).toEqual([]);
  });
});
