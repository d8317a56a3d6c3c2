import { describe, it, expect } from 'vitest';
import {
  COMPARATORS,
  CRITERION_METRICS,
  DEFAULT_TICKET_CRITERIA,
  SPLITS,
  evaluateCriteria,
  criterionText,
  formatCriterion,
  parseCriterion,
  validateCriterion,
  type SuccessCriterion,
} from '$lib/core/lifecycle/criteria';
import { normalizeName } from '$lib/core/lifecycle/criterionMetrics';

function parsed(text: string): Omit<SuccessCriterion, 'id'> {
  const result = parseCriterion(text);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  const rest: Partial<SuccessCriterion> = { ...result.criterion };
  delete rest.id;
  return rest as Omit<SuccessCriterion, 'id'>;
}

function parseError(text: string): string {
  const result = parseCriterion(text);
  if (result.ok) throw new Error(`expected "${text}" to fail, got ${JSON.stringify(result.criterion)}`);
  return result.error;
}

function criterion(overrides: Partial<SuccessCriterion>): SuccessCriterion {
  return { id: 'c', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9, ...overrides };
}

describe('CRITERION_METRICS', () => {
  it('contains the required metrics', () => {
    const ids = CRITERION_METRICS.map((m) => m.id);
    for (const id of [
      'accuracy', 'macro_f1', 'micro_f1', 'weighted_f1', 'precision_macro', 'recall_macro', 'ece',
      'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'availability', 'error_rate',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it('never gives two metrics the same name', () => {
    const owner = new Map<string, string>();
    for (const m of CRITERION_METRICS) {
      for (const name of [m.id, m.label, ...m.aliases]) {
        const key = normalizeName(name);
        expect(owner.get(key) ?? m.id, `"${name}"`).toBe(m.id);
        owner.set(key, m.id);
      }
    }
  });

  it('marks latency in ms, lower is better, and everything else a ratio', () => {
    for (const m of CRITERION_METRICS) {
      expect(m.unit).toBe(m.id.startsWith('latency_') ? 'ms' : 'ratio');
    }
    const better = Object.fromEntries(CRITERION_METRICS.map((m) => [m.id, m.better]));
    expect(better).toMatchObject({ accuracy: 'higher', ece: 'lower', error_rate: 'lower', availability: 'higher' });
  });
});

describe('parseCriterion: accepted forms', () => {
  it.each([
    ['accuracy on test >= 0.90', { metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 }],
    ['accuracy(test) ≥ 90%', { metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 }],
    ['p99 latency <= 200 ms', { metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200 }],
    ['latency_p99_ms on production < 200', { metric: 'latency_p99_ms', split: 'production', comparator: '<', threshold: 200 }],
    ['macro-F1 on validation > 0.85', { metric: 'macro_f1', split: 'validation', comparator: '>', threshold: 0.85 }],
    ['Accuracy >= 0.9', { metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 }],
    ['test accuracy => 0.9', { metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 }],
    ['accuracy on the test set >= .9', { metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 }],
    ['accuracy @ val >= 0.8', { metric: 'accuracy', split: 'validation', comparator: '>=', threshold: 0.8 }],
    ['accuracy (training) ≤ 0.99', { metric: 'accuracy', split: 'train', comparator: '<=', threshold: 0.99 }],
    ['accuracy in prod >= 0.85', { metric: 'accuracy', split: 'production', comparator: '>=', threshold: 0.85 }],
    ['weighted f1 on test >= 0.8', { metric: 'weighted_f1', split: 'test', comparator: '>=', threshold: 0.8 }],
    ['Macro precision > 0.7', { metric: 'precision_macro', split: 'test', comparator: '>', threshold: 0.7 }],
    ['recall_macro on validation >= 70%', { metric: 'recall_macro', split: 'validation', comparator: '>=', threshold: 0.7 }],
    ['ECE on test < 0.05', { metric: 'ece', split: 'test', comparator: '<', threshold: 0.05 }],
    ['p50 latency on test =< 20ms', { metric: 'latency_p50_ms', split: 'test', comparator: '<=', threshold: 20 }],
    ['p95 latency in production <= 0.2 s', { metric: 'latency_p95_ms', split: 'production', comparator: '<=', threshold: 200 }],
    ['availability >= 99.9%', { metric: 'availability', split: 'production', comparator: '>=', threshold: 0.999 }],
    ['uptime on production >= 0.995', { metric: 'availability', split: 'production', comparator: '>=', threshold: 0.995 }],
    ['error rate < 1%', { metric: 'error_rate', split: 'production', comparator: '<', threshold: 0.01 }],
    ['accuracy >= 9e-1', { metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 }],
  ] as const)('%s', (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it('turns percentages into the same double as the decimal ratio', () => {
    expect(parsed('accuracy >= 90%').threshold).toBe(0.9);
    expect(parsed('availability >= 99.9%').threshold).toBe(0.999); // 99.9 / 100 would be 0.9990000000000001
    expect(parsed('accuracy >= 100%').threshold).toBe(1);
    expect(parsed('accuracy >= 0%').threshold).toBe(0);
  });

  it('keeps the text after # as a note', () => {
    const result = parseCriterion('p99 latency <= 200 ms # single prediction, via #api');
    expect(result.ok && result.criterion.note).toBe('single prediction, via #api');
    expect(parseCriterion('p99 latency <= 200 ms #   ')).toEqual({
      ok: true,
      criterion: { id: 'latency_p99_ms-production-lte-200', metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200 },
    });
  });

  it('uses the given id, or a stable one from the target', () => {
    const given = parseCriterion('accuracy >= 0.9', 'my-id');
    expect(given.ok && given.criterion.id).toBe('my-id');
    const derived = parseCriterion('accuracy(test) ≥ 90%');
    expect(derived.ok && derived.criterion.id).toBe('accuracy-test-gte-0.9');
  });
});

describe('parseCriterion: errors', () => {
  it('rejects empty text', () => {
    expect(parseError('   ')).toMatch(/empty/i);
    expect(parseError('# only a note')).toMatch(/empty/i);
  });
  it('requires a comparison', () => {
    expect(parseError('accuracy 0.9')).toMatch(/no comparison/i);
  });
  it('rejects equality', () => {
    expect(parseError('accuracy = 0.9')).toMatch(/not an equality/i);
    expect(parseError('accuracy == 0.9')).toMatch(/not an equality/i);
  });
  it('rejects two comparisons', () => {
    expect(parseError('0.8 <= accuracy <= 0.9')).toMatch(/exactly one comparison/i);
  });
  it('requires a metric', () => {
    expect(parseError('>= 0.9')).toMatch(/missing metric/i);
    expect(parseError('(test) >= 0.9')).toMatch(/missing metric/i);
  });
  it('lists the known metrics for an unknown one', () => {
    const error = parseError('f2 score on test >= 0.9');
    expect(error).toContain('Unknown metric "f2 score"');
    for (const m of CRITERION_METRICS) expect(error).toContain(m.id);
  });
  it('rejects an unknown split', () => {
    expect(parseError('accuracy on holdout2 >= 0.9')).toMatch(/unknown split "holdout2"/i);
    expect(parseError('accuracy(ms) >= 0.9')).toMatch(/unknown split "ms"/i);
  });
  it('rejects a split for production-only metrics', () => {
    expect(parseError('availability on test >= 0.99')).toMatch(/production traffic only/);
    expect(parseError('error_rate(validation) < 0.01')).toMatch(/production traffic only/);
  });
  it('requires a numeric threshold', () => {
    expect(parseError('accuracy >=')).toMatch(/missing threshold/i);
    expect(parseError('accuracy >= high')).toMatch(/not a number/i);
    expect(parseError('accuracy >= 0.9.1')).toMatch(/not a number/i);
  });
  it('rejects mismatched units', () => {
    expect(parseError('accuracy >= 90 ms')).toMatch(/ratio, not a duration/);
    expect(parseError('p99 latency <= 20%')).toMatch(/not a percentage/);
  });
  it('rejects ratios outside [0, 1], hinting at a missing %', () => {
    expect(parseError('accuracy >= 90')).toMatch(/between 0 and 1.*Did you mean 90%\?/);
    expect(parseError('accuracy >= 150%')).toMatch(/between 0 and 1/);
    expect(parseError('accuracy >= 150%')).not.toMatch(/Did you mean/);
    expect(parseError('ece < -0.1')).toMatch(/between 0 and 1/);
    expect(parseError('accuracy >= 1.0000001')).toMatch(/between 0 and 1/);
  });
  it('rejects negative durations', () => {
    expect(parseError('p99 latency <= -5 ms')).toMatch(/cannot be negative/);
  });
  it('rejects thresholds that overflow to infinity', () => {
    expect(parseError('p99 latency <= 1e999')).toMatch(/finite/);
  });
});

describe('formatCriterion', () => {
  it('reads naturally', () => {
    expect(formatCriterion(criterion({ metric: 'macro_f1', threshold: 0.85 }))).toBe('Macro-F1 on test >= 0.85');
    expect(
      formatCriterion(criterion({ metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200, note: 'single' })),
    ).toBe('p99 latency on production <= 200 ms # single');
    // What pages show: the criterion, its note apart.
    expect(criterionText(criterion({ metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200, note: 'single' }))).toBe('p99 latency on production <= 200 ms');
    expect(formatCriterion(criterion({ metric: 'availability', split: 'production', threshold: 0.999 }))).toBe(
      'Availability >= 0.999',
    );
  });

  const awkward = [0, 1, 0.9, 0.1 + 0.2, 1 / 3, 1e-7, 0.999];
  const cases: SuccessCriterion[] = [];
  for (const m of CRITERION_METRICS) {
    const splits = m.splits ? SPLITS : (['production'] as const);
    const thresholds = m.unit === 'ms' ? [0, 200, 12.5, 1e21, 1 / 3] : awkward;
    for (const split of splits) {
      for (const comparator of COMPARATORS) {
        for (const threshold of thresholds) {
          cases.push({ id: 'x', metric: m.id, split, comparator, threshold });
        }
      }
    }
  }

  it(`round-trips through parseCriterion for every metric, split, comparator (${cases.length} cases)`, () => {
    for (const c of cases) {
      const text = formatCriterion(c);
      const back = parseCriterion(text, c.id);
      expect(back, text).toEqual({ ok: true, criterion: c });
    }
  });

  it('round-trips notes and the default criteria', () => {
    for (const c of [...DEFAULT_TICKET_CRITERIA, criterion({ note: 'checked weekly # by QA' })]) {
      expect(parseCriterion(formatCriterion(c), c.id)).toEqual({ ok: true, criterion: c });
    }
  });
});

describe('validateCriterion', () => {
  it('accepts a valid criterion and the defaults', () => {
    expect(validateCriterion(criterion({}))).toEqual([]);
    expect(validateCriterion(criterion({ note: 'n' }))).toEqual([]);
    for (const c of DEFAULT_TICKET_CRITERIA) expect(validateCriterion(c)).toEqual([]);
  });

  it('rejects non-objects', () => {
    expect(validateCriterion(null)).toHaveLength(1);
    expect(validateCriterion('accuracy >= 0.9')).toHaveLength(1);
    expect(validateCriterion([])).toHaveLength(1);
  });

  it('reports each bad field', () => {
    expect(validateCriterion({ ...criterion({}), id: '' })).toEqual(['id must be a non-empty string.']);
    expect(validateCriterion({ ...criterion({}), metric: 'Accuracy' })[0]).toMatch(/^metric must be one of/);
    expect(validateCriterion({ ...criterion({}), split: 'holdout' })[0]).toMatch(/^split must be/);
    expect(validateCriterion({ ...criterion({}), comparator: '≥' })[0]).toMatch(/^comparator must be/);
    expect(validateCriterion({ ...criterion({}), threshold: '0.9' })).toEqual(['threshold must be a number.']);
    expect(validateCriterion({ ...criterion({}), threshold: 90 })[0]).toMatch(/between 0 and 1/);
    expect(validateCriterion({ ...criterion({}), threshold: Number.NaN })[0]).toMatch(/finite/);
    expect(validateCriterion({ ...criterion({}), note: 3 })).toEqual(['note must be a string when present.']);
    expect(validateCriterion(criterion({ metric: 'latency_p99_ms', threshold: -1 }))[0]).toMatch(/negative/);
    expect(validateCriterion(criterion({ metric: 'error_rate', split: 'test' }))[0]).toMatch(/production traffic only/);
  });

  it('reports several problems at once', () => {
    expect(validateCriterion({})).toHaveLength(5);
  });
});

describe('evaluateCriteria', () => {
  it('passes, fails and leaves unmeasured', () => {
    const criteria = [
      criterion({ id: 'acc', threshold: 0.9 }),
      criterion({ id: 'f1', metric: 'macro_f1', threshold: 0.85 }),
      criterion({ id: 'p99', metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200 }),
      criterion({ id: 'val', split: 'validation' }),
    ];
    const results = evaluateCriteria(criteria, {
      test: { accuracy: 0.93, macro_f1: 0.8 },
      production: { latency_p99_ms: 150 },
    });
    expect(results.map((r) => [r.criterion.id, r.status])).toEqual([
      ['acc', 'pass'],
      ['f1', 'fail'],
      ['p99', 'pass'],
      ['val', 'unmeasured'],
    ]);
    expect(results[0].measured).toBe(0.93);
    expect(results[0].margin).toBeCloseTo(0.03, 12);
    expect(results[1].margin).toBeCloseTo(-0.05, 12);
    expect(results[2].margin).toBe(50);
    expect(results[3]).toEqual({ criterion: criteria[3], status: 'unmeasured' });
  });

  it('gives upper bounds negative margin when exceeded', () => {
    const [r] = evaluateCriteria([criterion({ metric: 'ece', comparator: '<', threshold: 0.05 })], { test: { ece: 0.08 } });
    expect(r.status).toBe('fail');
    expect(r.margin).toBeCloseTo(-0.03, 12);
  });

  it('treats equality exactly at the boundary', () => {
    const at = (comparator: SuccessCriterion['comparator'], threshold: number, measured: number) =>
      evaluateCriteria([criterion({ comparator, threshold })], { test: { accuracy: measured } })[0];
    expect(at('>=', 0.9, 0.9)).toMatchObject({ status: 'pass', margin: 0 });
    expect(at('<=', 0.9, 0.9)).toMatchObject({ status: 'pass', margin: 0 });
    expect(at('>', 0.9, 0.9)).toMatchObject({ status: 'fail', margin: 0 });
    expect(at('<', 0.9, 0.9)).toMatchObject({ status: 'fail', margin: 0 });
    // One ulp short is a miss: no tolerance.
    expect(at('>=', 0.9, 0.8999999999999999).status).toBe('fail');
  });

  it('passes 900 correct of 1000 against "accuracy(test) ≥ 90%"', () => {
    const result = parseCriterion('accuracy(test) ≥ 90%');
    if (!result.ok) throw new Error(result.error);
    const [r] = evaluateCriteria([result.criterion], { test: { accuracy: 900 / 1000 } });
    expect(r.status).toBe('pass');
    expect(parsed('accuracy on test >= 0.90').threshold).toBe(parsed('accuracy(test) ≥ 90%').threshold);
  });

  it('treats non-finite measurements as unmeasured', () => {
    const results = evaluateCriteria([criterion({})], { test: { accuracy: Number.NaN } });
    expect(results[0].status).toBe('unmeasured');
    expect(evaluateCriteria([], {})).toEqual([]);
  });

  it('evaluates the default ticket criteria', () => {
    const results = evaluateCriteria(DEFAULT_TICKET_CRITERIA, {
      test: { accuracy: 0.91, macro_f1: 0.84 },
      production: { latency_p99_ms: 200 },
    });
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'fail']);
  });
});

describe('DEFAULT_TICKET_CRITERIA', () => {
  it('holds the beginner project targets', () => {
    expect(DEFAULT_TICKET_CRITERIA.map(formatCriterion)).toEqual([
      'Accuracy on test >= 0.9',
      'p99 latency on production <= 200 ms # single prediction through /api/v1/predict',
      'Macro-F1 on test >= 0.85',
    ]);
  });
  it('is frozen so a page cannot edit the shared defaults', () => {
    expect(Object.isFrozen(DEFAULT_TICKET_CRITERIA)).toBe(true);
    expect(Object.isFrozen(DEFAULT_TICKET_CRITERIA[0])).toBe(true);
  });
});
