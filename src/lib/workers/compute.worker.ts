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

async function backends(again: boolean): Promise<BackendReport> {
  const measured = await backendMeasurements(again);
  return { measurements: measured.measurements, decision: chooseBackend(measured.measurements), measuredAt: measured.measuredAt, tookMs: measured.tookMs, fresh: measured.fresh, tfVersion: tf.version.tfjs };
}

serveHandlers<ComputeRequest, ComputeProgress, ComputeResults>(self as unknown as DedicatedWorkerGlobalScope, {
  backends: (request) => backends(request.again),
  train: (request, ctx) => trainRun(db, request, ctx),
  retrain: (request, ctx) => retrainRun(db, request, ctx),
  predict: async (request) => {
    await startBackend('auto');
    return predictRun(db, request.runId, request.text);
  },
  scoreRows: async (request, ctx) => {
    await startBackend('auto');
    return scoreRows(db, request, ctx);
  },
});
