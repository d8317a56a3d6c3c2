/// <reference lib="webworker" />
/**
 * The compute worker: TF.js on WebGL (CPU fallback) for the backend probe, training runs,
 * predictions and scoring the labelling queue's rows. It opens its own connection to the app database.
 */
import * as tf from '@tensorflow/tfjs';
import { connect } from '$lib/db/connection';
import type { BackendReport, ComputeProgress, ComputeRequest, ComputeResults } from './computeProtocol';
import { serveHandlers } from './rpc';
import { startBackend, webglInfo } from './tfBackend';
import { trainRun } from './trainRun';
import { predictRun } from './predictRun';
import { retrainRun } from './retrainRun';
import { scoreRows } from './scoreRowsJob';
import './sparseKernelsWebgl';

const db = connect({ onVersionChange: () => undefined, onBlocked: () => undefined });

/** Runs a small matrix product on the backend and checks it against plain arithmetic. */
async function probe(preferred: 'webgl' | 'cpu'): Promise<BackendReport> {
  const choice = await startBackend(preferred);
  const n = 64;
  const a = new Float32Array(n * n).map((_, i) => ((i * 7) % 13) / 13 - 0.5);
  const b = new Float32Array(n * n).map((_, i) => ((i * 5) % 11) / 11 - 0.5);
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  const product = tf.tidy(() => tf.matMul(tf.tensor2d(a, [n, n]), tf.tensor2d(b, [n, n])));
  const values = await product.data();
  product.dispose();
  const checkMs = performance.now() - t0;
  let checkMaxError = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
      checkMaxError = Math.max(checkMaxError, Math.abs(sum - values[i * n + j]));
    }
  }
  const info = webglInfo();
  return {
    backend: choice.backend,
    fallbackReason: choice.fallbackReason,
    webglVersion: info.version,
    renderer: info.renderer,
    checkMaxError,
    checkMs,
    tensorsLeaked: tf.memory().numTensors - before,
    tfVersion: tf.version.tfjs,
  };
}

serveHandlers<ComputeRequest, ComputeProgress, ComputeResults>(self as unknown as DedicatedWorkerGlobalScope, {
  probe: (request) => probe(request.preferred),
  train: (request, ctx) => trainRun(db, request, ctx),
  retrain: (request, ctx) => retrainRun(db, request, ctx),
  predict: async (request) => {
    await startBackend('webgl');
    return predictRun(db, request.runId, request.text);
  },
  scoreRows: async (request, ctx) => {
    await startBackend('webgl');
    return scoreRows(db, request, ctx);
  },
});
