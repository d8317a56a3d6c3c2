import { describe, expect, it } from 'vitest';
import { accuracyCriterion, DEFAULT_RETRAIN_POLICY, retrainDue, retrainPolicyOf, retrainPolicyProblems, type RetrainFacts, type RetrainPolicy } from '$lib/core/loop/retrainPolicy';
import type { SuccessCriterion } from '$lib/core/lifecycle/criteria';

const DAY = 86_400_000;
const TRAINED = '2026-05-01T00:00:00.000Z';
const ACCURACY: SuccessCriterion = { id: 'acc', metric: 'accuracy', split: 'production', comparator: '>=', threshold: 0.9 };

/** Nothing is due: 10 days after the training data, few new rows, no drift, accuracy on target. */
function facts(f: Partial<RetrainFacts> = {}): RetrainFacts {
  return {
    nowMs: Date.parse(TRAINED) + 10 * DAY,
    served: { name: 'Router v1', trainedOn: { number: 3, createdAt: TRAINED } },
    predictionsSince: 1000,
    labelledRowsSince: 120,
    latestDrift: { createdAt: '2026-05-09T12:00:00.000Z', driftedChecks: 0, checks: 3, datasetDrift: false },
    criterion: ACCURACY,
    window: { answers: 800, estimatedAccuracy: 0.93, graded: 300, correct: 279 },
    ...f,
  };
}
const policy = (p: Partial<RetrainPolicy> = {}): RetrainPolicy => ({ ...DEFAULT_RETRAIN_POLICY, ...p });

describe('retrainDue', () => {
  it('is not due when no trigger fires', () => {
    expect(retrainDue(policy(), facts())).toEqual({ due: false, reasons: [], notes: [] });
  });

  it('is due every N days since the training data once traffic came in, by the injected clock', () => {
    const at30 = facts({ nowMs: Date.parse(TRAINED) + 30 * DAY });
    expect(retrainDue(policy(), at30)).toEqual({
      due: true,
      reasons: ['30 days since Router v1\'s training data (dataset version 3, 2026-05-01) with 1,000 predictions logged since: the policy retrains every 30 days.'],
      notes: [],
    });
    expect(retrainDue(policy(), facts({ nowMs: Date.parse(TRAINED) + 30 * DAY - 1 })).due).toBe(false);
    // No new data since: nothing to learn from.
    expect(retrainDue(policy(), { ...at30, predictionsSince: 0 }).due).toBe(false);
    expect(retrainDue(policy({ everyDays: null }), at30).due).toBe(false);
  });

  it('is due after N new labelled rows', () => {
    const d = retrainDue(policy({ everyLabelledRows: 120 }), facts());
    expect(d.reasons).toEqual(['120 labelled rows are not in Router v1\'s training data: the policy retrains every 120.']);
    expect(retrainDue(policy({ everyLabelledRows: 121 }), facts()).due).toBe(false);
  });

  it('is due when the newest drift report flags drift, unless that trigger is off', () => {
    const drifted = facts({ latestDrift: { createdAt: '2026-05-09T12:00:00.000Z', driftedChecks: 2, checks: 3, datasetDrift: true } });
    expect(retrainDue(policy(), drifted).reasons).toEqual(['The newest drift report (2026-05-09 12:00) flags drift: 2 of 3 checks drifted and the traffic can be told apart from the training data.']);
    expect(retrainDue(policy({ onDrift: false }), drifted).due).toBe(false);
  });

  it('is due when the estimated or the realized accuracy misses the criterion, each alone', () => {
    const estimated = retrainDue(policy(), facts({ window: { answers: 800, estimatedAccuracy: 0.85, graded: 300, correct: 279 } }));
    expect(estimated.reasons).toEqual(['The accuracy estimated from confidences over the last 7 days is 85.0 % (800 answers), short of the criterion "Accuracy on production >= 0.9".']);
    const realized = retrainDue(policy(), facts({ window: { answers: 800, estimatedAccuracy: 0.93, graded: 300, correct: 260 } }));
    expect(realized.reasons).toEqual(['The realized accuracy over the last 7 days is 86.7 % (260 of 300 graded answers right), short of the criterion "Accuracy on production >= 0.9".']);
    // Exactly on target (270/300 = 0.9 ≥ 0.9) is not a miss.
    expect(retrainDue(policy(), facts({ window: { answers: 800, estimatedAccuracy: 0.9, graded: 300, correct: 270 } })).due).toBe(false);
  });

  it('lists several reasons at once', () => {
    const d = retrainDue(policy(), facts({
      nowMs: Date.parse(TRAINED) + 45 * DAY,
      labelledRowsSince: 600,
      latestDrift: { createdAt: '2026-06-10T08:00:00.000Z', driftedChecks: 1, checks: 3, datasetDrift: false },
      window: { answers: 800, estimatedAccuracy: 0.8, graded: 300, correct: 240 },
    }));
    expect(d.due).toBe(true);
    expect(d.reasons).toHaveLength(5);
  });

  it('says why an accuracy trigger cannot be judged: no criterion, no estimate, too few outcomes', () => {
    const noCriterion = retrainDue(policy(), facts({ criterion: null, window: { answers: 800, estimatedAccuracy: 0.5, graded: 300, correct: 100 } }));
    expect(noCriterion).toEqual({ due: false, reasons: [], notes: ['The accuracy triggers need an accuracy success criterion (set one in Frame).'] });
    const few = retrainDue(policy(), facts({ window: { answers: 40, estimatedAccuracy: 0.5, graded: 10, correct: 1 } }));
    expect(few.due).toBe(false);
    expect(few.notes).toEqual([
      'The estimated accuracy waits for 50 answers in the last 7 days (40 so far).',
      'The realized accuracy waits for 50 graded answers in the last 7 days (10 so far).',
    ]);
    const imported = retrainDue(policy(), facts({ served: { name: 'Router v1', trainedOn: null }, window: { answers: 800, estimatedAccuracy: null, graded: 300, correct: 279 } }));
    expect(imported.notes).toEqual([
      'The schedule by days needs Router v1\'s training data, which is not in this project.',
      'No accuracy can be estimated from confidences: Router v1 has no calibration from a test split, or nothing was answered in the last 7 days.',
    ]);
  });

  it('is never due with nothing served', () => {
    expect(retrainDue(policy(), facts({ served: null }))).toEqual({ due: false, reasons: [], notes: ['Nothing is served, so there is nothing to retrain.'] });
  });
});

describe('the policy itself', () => {
  it('defaults and validates', () => {
    expect(retrainPolicyOf(undefined)).toEqual(DEFAULT_RETRAIN_POLICY);
    expect(retrainPolicyOf({ retrainPolicy: { ...DEFAULT_RETRAIN_POLICY, everyDays: null } }).everyDays).toBeNull();
    expect(retrainPolicyProblems(policy())).toEqual([]);
    expect(retrainPolicyProblems(policy({ everyDays: 0, windowDays: 1.5 }))).toEqual([
      'Retrain every … days: a whole number from 1 to 3,650, or off (got 0).',
      'The accuracy window is a whole number of days from 1 to 365 (got 1.5).',
    ]);
  });

  it('reads the production accuracy criterion first', () => {
    const test: SuccessCriterion = { ...ACCURACY, id: 't', split: 'test' };
    expect(accuracyCriterion([test, ACCURACY])).toBe(ACCURACY);
    expect(accuracyCriterion([test])).toBe(test);
    expect(accuracyCriterion([{ ...ACCURACY, metric: 'latency_p99_ms' }])).toBeNull();
  });
});
