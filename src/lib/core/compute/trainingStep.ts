/**
 * A representative training step, timed on the active TF.js backend: one full-batch loss and
 * gradient of softmax regression through the sparse kernel (`csrMatMul`), as the default trainer
 * does per iteration, on seeded TF-IDF-like data (2,000 rows × 2,000 columns × 3 classes at
 * ≈ 1.5 % density unless told otherwise). `chooseBackend` compares these timings. Two warm-up
 * steps, because the CPU's first steps run before the JIT optimised the kernel (measured in
 * Chromium: 120 ms cold against 6.6 ms warm) and would hand the choice to a slower WebGL.
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../random';
import { csrFromRows, type CsrMatrix } from '../models/csr';
import { csrMatMul, csrTensors } from '../models/sparseKernels';
import { addRowVector } from '../models/biasKernels';
import { batchStats, labelTensors } from '../models/trainShared';

export interface StepOptions {
  rows?: number;
  cols?: number;
  classes?: number;
  density?: number;
  /** Untimed steps first (the JavaScript JIT, shader compiles), then timed ones; the median is reported. */
  warmups?: number;
  steps?: number;
  /** Stop once the steps so far took longer than this, ms (the step is then far slower than another backend). */
  deadlineMs?: number;
  now: () => number;
}

export interface StepTiming {
  /** Median ms of the timed steps; with `stoppedEarly`, the time spent before stopping. */
  ms: number;
  stoppedEarly: boolean;
}

let lastSample: { params: string; x: CsrMatrix; labels: Int32Array } | null = null;

/** The same seeded data for every backend measured (kept for the next call with the same sizes). */
function sample(rows: number, cols: number, density: number, classes: number): { x: CsrMatrix; labels: Int32Array } {
  const params = `${rows} ${cols} ${density} ${classes}`;
  if (lastSample?.params === params) return lastSample;
  const rng = createRng('backend-step');
  const perRow = Math.max(1, Math.round(cols * density));
  const sparseRows = Array.from({ length: rows }, () => {
    const picked = new Set<number>();
    while (picked.size < perRow) picked.add(Math.floor(rng() * cols));
    const indices = [...picked].sort((a, b) => a - b);
    return { indices, data: indices.map(() => rng()) };
  });
  const labels = Int32Array.from({ length: rows }, () => Math.floor(rng() * classes));
  lastSample = { params, x: csrFromRows(sparseRows, cols), labels };
  return lastSample;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times the step on the active backend; tensors are freed whatever happens. */
export async function timeTrainingStep(options: StepOptions): Promise<StepTiming> {
  const { rows = 2000, cols = 2000, classes = 3, density = 0.015, warmups = 2, steps = 5, deadlineMs = Infinity, now } = options;
  const { x, labels } = sample(rows, cols, density, classes);
  const a = csrTensors(x);
  const w = tf.tidy(() => tf.variable(tf.zeros<tf.Rank.R2>([cols, classes])));
  const b = tf.tidy(() => tf.variable(tf.zeros([classes])));
  // The trainer's own pieces (bias kernel, fused loss where the backend has them), so the step is the one training runs.
  const y = labelTensors(labels, Int32Array.from({ length: rows }, (_, i) => i), classes);
  const started = now();
  try {
    const times: number[] = [];
    for (let i = 0; i < warmups + steps; i++) {
      const t0 = now();
      const grads = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const { crossEntropy } = batchStats(addRowVector(csrMatMul(a, w), b), y);
          return tf.add(tf.div(crossEntropy, rows), tf.mul(1e-4, tf.sum(tf.square(w)))) as tf.Scalar;
        }, [w, b]);
        return tf.concat([value.reshape([1]), grads[w.name].reshape([-1]), grads[b.name]]);
      });
      await grads.data();
      grads.dispose();
      if (i >= warmups) times.push(now() - t0);
      const spent = now() - started;
      if (spent > deadlineMs && i < warmups + steps - 1) return { ms: spent, stoppedEarly: true };
    }
    return { ms: median(times), stoppedEarly: false };
  } finally {
    a.dispose();
    w.dispose();
    b.dispose();
    y.dispose();
  }
}
