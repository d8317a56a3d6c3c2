import { describe, expect, it } from 'vitest';
import { criteriaFromText } from '$lib/core/migrations/criteriaText';

/** Pinned: these lines must read to these v2 criteria forever, whatever today's parser becomes. */
describe('frozen reading of free-text criteria (database v1, snapshot v0)', () => {
  it('reads what v2 read, numbering by line and keeping the rest as text', () => {
    const lines = ['accuracy on test >= 90%', '', 'customers are happy', 'p99 latency <= 0.2 s # single prediction', 'test Macro-F1 > .8', 'uptime on test >= 0.99', 42];
    expect(criteriaFromText(lines)).toEqual({
      criteria: [
        { id: 'migrated-1', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 },
        { id: 'migrated-4', metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200, note: 'single prediction' },
        { id: 'migrated-5', metric: 'macro_f1', split: 'test', comparator: '>', threshold: 0.8 },
      ],
      unparsed: ['customers are happy', 'uptime on test >= 0.99'],
    });
  });

  it('refuses impossible thresholds and units, as v2 did', () => {
    const lines = ['accuracy >= 150', 'accuracy >= 5 ms', 'p95 latency <= 10%', 'p50 latency <= -1', 'accuracy = 0.9', 'accuracy >= 0.5 >= 0.4'];
    expect(criteriaFromText(lines)).toEqual({ criteria: [], unparsed: lines });
  });
});
