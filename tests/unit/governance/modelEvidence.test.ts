import { describe, expect, it } from 'vitest';
import { evaluateEvidence, MODEL_EVIDENCE_IDS } from '$lib/core/governance/evidenceCatalog';
import type { ModelVersionFacts } from '$lib/core/governance/facts';
import { policyTemplate } from '$lib/core/governance/templates';
import { dataset, model, modelFacts, retrained } from './fixtures';

const FLOOR = policyTemplate('standard').sliceFloor; // accuracy ≥ 0.8 on slices with ≥ 30 test examples
const judge = (facts: ModelVersionFacts) => Object.fromEntries(evaluateEvidence(MODEL_EVIDENCE_IDS, model(facts), FLOOR).map((e) => [e.id, e]));

describe('Performance SLA and model card evidence', () => {
  it('passes every item for a run that meets its targets, with the run report as source', () => {
    const items = judge(modelFacts());
    expect(Object.values(items).map((e) => e.status)).toEqual(MODEL_EVIDENCE_IDS.map(() => 'pass'));
    expect(items['latency-p99'].reason).toBe('p99 12.5 ms over 200 predictions (cpu), target <= 200 ms.');
    expect(items['criteria-pass'].source).toEqual({ stage: 'model', view: 'run-1' });
    expect(items['model-card-written'].source).toEqual({ stage: 'deploy', view: 'card-mv-1' });
  });

  it('fails a missed test criterion, waits for an unmeasured one, and asks for one when Frame has none on test', () => {
    const f = modelFacts();
    expect(judge({ ...f, metrics: { 'test.accuracy': 0.85 } })['criteria-pass']).toMatchObject({ status: 'fail', reason: 'Missed: Accuracy on test >= 0.9.' });
    expect(judge({ ...f, criteria: [...f.criteria, { id: 'f1', metric: 'macro_f1', split: 'test', comparator: '>=', threshold: 0.8 }], metrics: { 'test.accuracy': 0.95 } })['criteria-pass'].status).toBe('not-yet');
    expect(judge({ ...f, criteria: f.criteria.filter((c) => c.split !== 'test') })['criteria-pass'].reason).toMatch(/No success criterion on the test split/);
  });

  it('fails a slice below the floor; slices too small are listed, not judged', () => {
    const f = modelFacts();
    const perSlice = [
      { sliceId: 'a', name: 'tier = free', n: 40, accuracy: 0.75, macroF1: 0.7 },
      { sliceId: 'b', name: 'tier = gold', n: 5, accuracy: 0.2, macroF1: 0.2 },
    ];
    const facts = { ...f, evaluation: { ...f.evaluation!, test: { ...f.evaluation!.test, perSlice } } };
    expect(judge(facts)['slices-above-floor']).toMatchObject({ status: 'fail', reason: 'Below the accuracy floor of 80.0 %: tier = free 75.0 % (1 slice under 30 test examples not judged).' });
    const onlySmall = { ...f, evaluation: { ...f.evaluation!, test: { ...f.evaluation!.test, perSlice: [perSlice[1]] } } };
    expect(judge(onlySmall)['slices-above-floor'].status).toBe('not-yet');
  });

  it('judges p99 latency of the serving forward pass against every p99 target, whatever its split', () => {
    const f = modelFacts();
    const slow = { ...f, evaluation: { ...f.evaluation!, latency: { p99: 250, samples: 200, backend: 'webgl' } } };
    expect(judge(slow)['latency-p99']).toMatchObject({ status: 'fail', reason: 'p99 250.0 ms over 200 predictions (webgl) misses <= 200 ms.' });
    expect(judge({ ...f, criteria: f.criteria.filter((c) => c.metric !== 'latency_p99_ms') })['latency-p99'].reason).toMatch(/No p99 latency target in Frame/);
    const unmeasured = { ...f, evaluation: { ...f.evaluation!, latency: { p99: Number.NaN, samples: 0, backend: 'cpu' } } };
    expect(judge(unmeasured)['latency-p99'].status).toBe('not-yet');
  });

  it('fails when the majority baseline is not beaten, with its own warning', () => {
    const f = modelFacts();
    const baseline = { label: 'Billing', accuracy: 0.92, verdict: 'not-better' as const, warning: 'Only 1.0 pp above always "Billing".' };
    expect(judge({ ...f, evaluation: { ...f.evaluation!, baseline } })['baseline-beaten']).toMatchObject({ status: 'fail', reason: baseline.warning });
  });

  it('a run imported without an evaluation waits, and a retrained version needs its own model card', () => {
    const imported = judge({ ...modelFacts(), evaluation: null });
    expect(imported['baseline-beaten'].status).toBe('not-yet');
    expect(imported['slices-above-floor'].reason).toMatch(/no evaluation report/);
    expect(judge(retrained())['model-card-written']).toMatchObject({ status: 'not-yet', reason: "The owner has not written Classifier v2's model card yet." });
    expect(judge({ ...retrained(), modelCard: modelFacts().modelCard })['model-card-written'].status).toBe('not-yet');
  });

  it('an item asked of the wrong kind of object reads not yet instead of passing', () => {
    expect(evaluateEvidence(['criteria-pass'], dataset(), FLOOR)[0]).toMatchObject({ status: 'not-yet', reason: '"criteria-pass" does not apply to a dataset version.' });
  });
});
