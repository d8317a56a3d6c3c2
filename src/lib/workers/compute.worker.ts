/// <reference lib="webworker" />
/**
 * The compute worker: TF.js on the backend measured fastest here (tfBackend.ts) for the measurement itself, training runs,
 * predictions and scoring the labelling queue's rows. It opens its own connection to the app database.
 */
import * as tf from '@tensorflow/tfjs';
import { connect } from '$lib/db/connection';
import type { BackendReport, ComputeProgress, ComputeRequest, ComputeResults } from './computeProtocol';
import { serveHandlers } from './rpc';
import { backendMeasurements, startBackend, useMeasurementCache } from './tfBackend';
import { chooseBackend } from '$lib/core/compute/backendChoice';
import { trainRun } from './trainRun';
import { predictRun } from './predictRun';
import { retrainRun } from './retrainRun';
import { scoreRows } from './scoreRowsJob';
import './sparseKernelsWebgl';

const db = connect({ onVersionChange: () => undefined, onBlocked: () => undefined });

useMeasurementCache(db);

/**
 * Long jobs running now. TF.js has one global backend per worker: while a job trains or scores,
 * nothing may switch it under the job, so a new measurement is refused and a prediction or a
 * scoring job started meanwhile runs on the backend in use.
 */
let running = 0;

async function exclusive<T>(job: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await job();
  } finally {
    running--;
  }
}

async function backends(again: boolean): Promise<BackendReport> {
  if (again && running > 0) throw new Error('A training or scoring job is running in this tab: measure again once it has finished.');
  const measured = await backendMeasurements(again);
  return { measurements: measured.measurements, decision: chooseBackend(measured.measurements), measuredAt: measured.measuredAt, tookMs: measured.tookMs, fresh: measured.fresh, tfVersion: tf.version.tfjs };
}

serveHandlers<ComputeRequest, ComputeProgress, ComputeResults>(self as unknown as DedicatedWorkerGlobalScope, {
  backends: (request) => backends(request.again),
  train: (request, ctx) => exclusive(() => trainRun(db, request, ctx)),
  retrain: (request, ctx) => exclusive(() => retrainRun(db, request, ctx)),
  predict: async (request) => {
    if (running === 0) await startBackend('auto');
    return predictRun(db, request.runId, request.text);
  },
  scoreRows: (request, ctx) =>
    exclusive(async () => {
      if (running === 1) await startBackend('auto');
      return scoreRows(db, request, ctx);
    }),
});
