import { describe, it, expect } from 'vitest';
import { evaluateSplit, toMeasuredMetrics, type SplitMetrics } from '$lib/core/eval/evaluate';
import { percentiles } from '$lib/core/eval/latency';
import { DEFAULT_TICKET_CRITERIA, evaluateCriteria, type SuccessCriterion } from '$lib/core/lifecycle/criteria';
import type { Slice, SliceRow } from '$lib/core/data/slices';

const CLASSES = ['Billing', 'Technical Issue', 'General Inquiry'];

// Six tickets, probabilities exact in binary:
//   row  probs                  true  pred  conf   right  channel
//   0    [0.75, 0.125, 0.125]   0     0     0.75   yes    email
//   1    [0.5, 0.25, 0.25]      1     0     0.5    no     email
//   2    [0.125, 0.875, 0]      1     1     0.875  yes    chat
//   3    [0.25, 0.25, 0.5]      2     2     0.5    yes    chat
//   4    [0.25, 0.5, 0.25]      2     1     0.5    no     email
//   5    [0.375, 0.375, 0.25]   0     0     0.375  yes    chat   (tie → lowest index)
const PROBS = Float32Array.from([
  0.75, 0.125, 0.125, 0.5, 0.25, 0.25, 0.125, 0.875, 0, 0.25, 0.25, 0.5, 0.25, 0.5, 0.25, 0.375, 0.375, 0.25,
]);
const Y_TRUE = Int32Array.from([0, 1, 1, 2, 2, 0]);
const CHANNELS = ['email', 'email', 'chat', 'chat', 'email', 'chat'];
const ROWS: SliceRow[] = CHANNELS.map((channel, i) => ({ label: CLASSES[Y_TRUE[i]], split: 'test', meta: { channel } }));

const slice = (id: string, where: Slice['where']): Slice => ({ id, name: id, where });

describe('evaluateSplit', () => {
  const ev = evaluateSplit({
    classes: CLASSES,
    yTrue: Y_TRUE,
    probs: PROBS,
    rows: ROWS,
    slices: [
      slice('email', [{ column: 'channel', op: '=', value: 'email' }]),
      slice('chat', [{ column: 'channel', op: '=', value: 'chat' }]),
      slice('fax', [{ column: 'channel', op: '=', value: 'fax' }]),
      slice('billing', [{ column: 'label', op: '=', value: 'Billing' }]),
    ],
  });

  it('predicts the arg-max and keeps its confidence', () => {
    expect(Array.from(ev.predictions)).toEqual([0, 0, 1, 2, 1, 0]);
    expect(Array.from(ev.confidences)).toEqual([0.75, 0.5, 0.875, 0.5, 0.5, 0.375]);
    expect(ev.confidences).toBeInstanceOf(Float32Array);
  });

  it('builds the confusion matrix and the headline metrics', () => {
    //           pred B  T  G
    //   true B       2  0  0
    //   true T       1  1  0
    //   true G       0  1  1
    expect(ev.confusion).toEqual([
      [2, 0, 0],
      [1, 1, 0],
      [0, 1, 1],
    ]);
    // accuracy 4/6. P: 2/3, 1/2, 1/1. R: 2/2, 1/2, 1/2. F1: 4/5, 2/4, 2/3.
    // macro P (2/3 + 1/2 + 1)/3 = 13/18; macro R (1 + 1/2 + 1/2)/3 = 2/3;
    // macro F1 (4/5 + 1/2 + 2/3)/3 = 59/90; weighted F1 (equal supports) = 59/90.
    expect(ev.n).toBe(6);
    expect(ev.accuracy).toBe(4 / 6);
    expect(ev.microF1).toBe(4 / 6);
    expect(ev.precisionMacro).toBeCloseTo(13 / 18, 14);
    expect(ev.recallMacro).toBeCloseTo(2 / 3, 14);
    expect(ev.macroF1).toBeCloseTo(59 / 90, 14);
    expect(ev.weightedF1).toBeCloseTo(59 / 90, 14);
    expect(ev.report.perClass.map((c) => c.className)).toEqual(CLASSES);
  });

  it('measures calibration', () => {
    // bin 7 (0.75, right):       1/6 · |1 − 0.75|    = 0.25/6
    // bin 5 (0.5 ×3, 1 right):   3/6 · |1/3 − 0.5|   = 1/12
    // bin 8 (0.875, right):      1/6 · |1 − 0.875|   = 0.125/6
    // bin 3 (0.375, right):      1/6 · |1 − 0.375|   = 0.625/6
    // ECE = (0.25 + 0.125 + 0.625)/6 + 1/12 = 1/6 + 1/12 = 1/4
    expect(ev.reliability.bins[5]).toMatchObject({ count: 3, correct: 1 });
    expect(ev.ece).toBeCloseTo(0.25, 14);
  });

  it('gives the abstention curve of the same predictions', () => {
    expect(ev.abstain.grid[0]).toEqual({ threshold: 0, answered: 6, coverage: 1, accuracy: 4 / 6 });
    // ≥ 0.875: row 2 (right) → 1/1; ≥ 0.75: rows 0, 2 → 2/2;
    // ≥ 0.5: rows 0–4, right 0, 2, 3 → 3/5; ≥ 0.375: all six → 4/6.
    expect(Array.from(ev.abstain.exact.thresholds)).toEqual([0.875, 0.75, 0.5, 0.375]);
    expect(Array.from(ev.abstain.exact.accuracy)).toEqual([1, 1, 3 / 5, 4 / 6]);
  });

  it('scores each slice on its own rows', () => {
    // email: rows 0 (B→B), 1 (T→B), 4 (G→T): accuracy 1/3.
    //   Present B (support 1, predicted 2): F1 2·1/(1 + 2) = 2/3; T: TP 0 → 0; G: 0 → macro 2/9.
    // chat: rows 2, 3, 5 all right, one per class → accuracy 1, macro-F1 1.
    // fax: no rows → NaN. label = Billing: rows 0 and 5, both right → 1 (macro over Billing alone).
    const [email, chat, fax, billing] = ev.perSlice;
    expect(email).toMatchObject({ sliceId: 'email', name: 'email', n: 3, accuracy: 1 / 3 });
    expect(email.macroF1).toBeCloseTo(2 / 9, 14);
    expect(chat).toEqual({ sliceId: 'chat', name: 'chat', n: 3, accuracy: 1, macroF1: 1 });
    expect(fax.n).toBe(0);
    expect(fax.accuracy).toBeNaN();
    expect(billing).toMatchObject({ n: 2, accuracy: 1, macroF1: 1 });
  });

  it('accepts number[] probabilities and skips slices without rows', () => {
    const e = evaluateSplit({ classes: ['a', 'b'], yTrue: [0, 1], probs: [0.7, 0.3, 0.4, 0.6] });
    expect(e.accuracy).toBe(1);
    expect(e.perSlice).toEqual([]);
    expect(e.reliability.bins[7].count).toBe(1); // the double 0.7 is in [0.7, 0.8)
  });

  it('rejects inconsistent input', () => {
    expect(() => evaluateSplit({ classes: CLASSES, yTrue: [0, 1], probs: PROBS })).toThrow(/2 true labels but 6 rows/);
    expect(() => evaluateSplit({ classes: CLASSES, yTrue: Y_TRUE, probs: PROBS, slices: [slice('x', [])] })).toThrow(
      /Slices need the rows/,
    );
    expect(() => evaluateSplit({ classes: CLASSES, yTrue: Y_TRUE, probs: PROBS, rows: ROWS.slice(1) })).toThrow(RangeError);
    expect(() => evaluateSplit({ classes: CLASSES, yTrue: Int32Array.from([0, 1, 1, 2, 2, 3]), probs: PROBS })).toThrow(
      /yTrue\[5\] = 3/,
    );
  });

  it('reports an empty split as NaN rather than a score', () => {
    const e = evaluateSplit({ classes: CLASSES, yTrue: [], probs: new Float32Array(0) });
    expect(e.n).toBe(0);
    expect(e.accuracy).toBeNaN();
    expect(e.ece).toBeNaN();
  });
});

/**
 * Two classes, ten examples; `wrong` of the class-1 examples are predicted as class 0.
 * With wrong = 1: accuracy 9/10; P_0 5/6, R_0 1, F1_0 10/11; P_1 1, R_1 4/5, F1_1 8/9;
 * macro-F1 (10/11 + 8/9)/2 = 89/99 ≈ 0.899.
 */
function tenTickets(wrong: number) {
  const yTrue = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1];
  const probs = yTrue.flatMap((y, i) => (y === 0 || i < 5 + wrong ? [0.75, 0.25] : [0.25, 0.75]));
  return evaluateSplit({ classes: ['Billing', 'Other'], yTrue, probs });
}

describe('toMeasuredMetrics', () => {
  it('maps every split metric to its criterion id', () => {
    const metrics: SplitMetrics = {
      accuracy: 0.1, macroF1: 0.2, microF1: 0.3, weightedF1: 0.4, precisionMacro: 0.5, recallMacro: 0.6, ece: 0.7,
    };
    expect(toMeasuredMetrics({ validation: metrics })).toEqual({
      validation: {
        accuracy: 0.1, macro_f1: 0.2, micro_f1: 0.3, weighted_f1: 0.4, precision_macro: 0.5, recall_macro: 0.6, ece: 0.7,
      },
    });
  });

  it('puts offline latency under test by default, under production only when asked', () => {
    const latency = { p50: 12, p95: 80, p99: 250 };
    const offline = toMeasuredMetrics({ test: tenTickets(1) }, latency);
    expect(offline.test).toMatchObject({ accuracy: 0.9, latency_p50_ms: 12, latency_p95_ms: 80, latency_p99_ms: 250 });
    expect(offline.production).toBeUndefined();
    const live = toMeasuredMetrics({ test: tenTickets(1) }, latency, { latencySplit: 'production' });
    expect(live.production).toEqual({ latency_p50_ms: 12, latency_p95_ms: 80, latency_p99_ms: 250 });
    expect(live.test?.latency_p99_ms).toBeUndefined();
  });

  it('leaves out unmeasured (NaN) values', () => {
    const empty = evaluateSplit({ classes: ['a', 'b'], yTrue: [], probs: [] });
    expect(toMeasuredMetrics({ test: empty })).toEqual({ test: {} });
  });

  it('feeds evaluateCriteria: pass, fail and unmeasured', () => {
    // Defaults: accuracy on test ≥ 0.9, p99 latency on production ≤ 200 ms, macro-F1 on test ≥ 0.85.
    const status = (measured: ReturnType<typeof toMeasuredMetrics>) =>
      evaluateCriteria(DEFAULT_TICKET_CRITERIA, measured).map((r) => `${r.criterion.id}:${r.status}`);

    // 9/10 meets ≥ 0.9 exactly; macro-F1 89/99 ≥ 0.85; offline latency does not answer production.
    const samples = [40, 60, 80, 100, 120];
    expect(status(toMeasuredMetrics({ test: tenTickets(1) }, percentiles(samples) ?? undefined))).toEqual([
      'ticket-accuracy-test:pass',
      'ticket-latency-p99:unmeasured',
      'ticket-macro-f1-test:pass',
    ]);

    // 8/10 misses the accuracy target. Confusion [[5, 0], [2, 3]]: F1_0 = 2·5/(5 + 7) = 10/12,
    // F1_1 = 2·3/(5 + 3) = 3/4 → macro-F1 (10/12 + 3/4)/2 = 19/24 ≈ 0.792 < 0.85.
    // Endpoint latency p99 = 100 + 0.96·(300 − 100) = 292 ms > 200 → fail.
    const endpoint = percentiles([40, 60, 80, 100, 300]) ?? undefined;
    expect(endpoint?.p99).toBeCloseTo(292, 10);
    expect(status(toMeasuredMetrics({ test: tenTickets(2) }, endpoint, { latencySplit: 'production' }))).toEqual([
      'ticket-accuracy-test:fail',
      'ticket-latency-p99:fail',
      'ticket-macro-f1-test:fail',
    ]);
  });

  it('answers a latency criterion on test with offline latency', () => {
    const criterion: SuccessCriterion = { id: 'p95', metric: 'latency_p95_ms', split: 'test', comparator: '<=', threshold: 100 };
    const [pass] = evaluateCriteria([criterion], toMeasuredMetrics({}, { p50: 10, p95: 100, p99: 140 }));
    expect(pass).toMatchObject({ status: 'pass', measured: 100, margin: 0 });
    const [fail] = evaluateCriteria([criterion], toMeasuredMetrics({}, { p50: 10, p95: 101, p99: 140 }));
    expect(fail.status).toBe('fail');
  });
});
