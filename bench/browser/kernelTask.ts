/**
 * Page side of the sparse-kernel figures: on one TF.js backend, `checkCsrKernel()` (the kernel and
 * its gradient against dense TF.js) and the time of one `CsrMatMul` product over 10k tickets'
 * TF-IDF rows — A·W (10,000 × vocabulary · vocabulary × 3) and, for the gradient's cost, Aᵀ·dy.
 */
import * as tf from '@tensorflow/tfjs';
import '$lib/workers/sparseKernelsWebgl';
import { checkCsrKernel, type KernelCheck } from '$lib/core/models/kernelCheck';
import { csrTensors, csrTransposeMatMul, runCsrMatMul } from '$lib/core/models/sparseKernels';
import { TfidfVectorizer } from '$lib/core/text/tfidf';
import { generateTickets } from '$lib/core/scenarios/tickets';

export interface KernelBenchResult {
  backend: string;
  check: KernelCheck;
  rows: number;
  cols: number;
  nnz: number;
  units: number;
  /** ms per A·W, read back with `data()`, after `warmup` untimed products. */
  productMs: number[];
  /** ms per Aᵀ·dy (rows of Aᵀ are the vocabulary's columns: long on a GPU). */
  transposedMs: number[];
  tensorsLeaked: number;
}

async function timed(run: () => tf.Tensor): Promise<number> {
  const t0 = performance.now();
  const out = run();
  await out.data();
  out.dispose();
  return performance.now() - t0;
}

/** Switches TF.js to `backend` (this page's only TF.js user during the call) and measures the kernel there. */
export async function kernelBench(backend: 'cpu' | 'webgl', n: number, repetitions: number, warmup = 1): Promise<KernelBenchResult> {
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`TF.js could not start the ${backend} backend`);
  await tf.ready();
  const before = tf.memory().numTensors;
  const check = await checkCsrKernel();
  const texts = generateTickets({ seed: 'bench-train', count: n }).map((t) => `${t.subject}\n\n${t.body}`);
  const x = new TfidfVectorizer({ minDf: 2, sublinearTf: true }).fitTransform(texts); // the app's default settings
  const units = 3;
  const a = csrTensors(x);
  const w = tf.tensor2d(Float32Array.from({ length: x.cols * units }, (_, i) => Math.sin(i)), [x.cols, units]);
  const dy = tf.tensor2d(Float32Array.from({ length: x.rows * units }, (_, i) => Math.cos(i)), [x.rows, units]);
  const productMs: number[] = [];
  const transposedMs: number[] = [];
  try {
    for (let i = 0; i < warmup + repetitions; i++) {
      const forward = await timed(() => runCsrMatMul(a, w));
      const backward = await timed(() => csrTransposeMatMul(a, dy));
      if (i < warmup) continue;
      productMs.push(forward);
      transposedMs.push(backward);
    }
  } finally {
    a.dispose();
    w.dispose();
    dy.dispose();
  }
  return { backend: tf.getBackend(), check, rows: x.rows, cols: x.cols, nnz: x.indptr[x.rows], units, productMs, transposedMs, tensorsLeaked: tf.memory().numTensors - before };
}
