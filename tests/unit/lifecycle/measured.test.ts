import { describe, expect, it } from 'vitest';
import { flattenMeasured, unflattenMeasured } from '$lib/core/lifecycle/measured';
import { DEFAULT_TICKET_CRITERIA, evaluateCriteria } from '$lib/core/lifecycle/criteria';

describe('measured metrics as runs store them', () => {
  it('flattens and unflattens, ignoring keys that are not criterion metrics', () => {
    const flat = flattenMeasured({ test: { accuracy: 0.93, macro_f1: 0.91 }, production: { latency_p99_ms: 4.2 } });
    expect(flat).toEqual({ 'test.accuracy': 0.93, 'test.macro_f1': 0.91, 'production.latency_p99_ms': 4.2 });
    expect(unflattenMeasured({ ...flat, 'test.baseline_accuracy': 0.38, 'nonsense': 1, 'holdout.accuracy': 1 })).toEqual({
      test: { accuracy: 0.93, macro_f1: 0.91 },
      production: { latency_p99_ms: 4.2 },
    });
  });

  it('feeds the success criteria: the sample project’s three targets pass or fail on run metrics', () => {
    const pass = evaluateCriteria(DEFAULT_TICKET_CRITERIA, unflattenMeasured({ 'test.accuracy': 0.93, 'test.macro_f1': 0.92, 'production.latency_p99_ms': 3 }));
    expect(pass.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    const fail = evaluateCriteria(DEFAULT_TICKET_CRITERIA, unflattenMeasured({ 'test.accuracy': 0.89 }));
    expect(fail.map((r) => r.status)).toEqual(['fail', 'unmeasured', 'unmeasured']);
  });
});
