/**
 * The training job checks for room for the run's files while the model trains (its size is fixed
 * once it is built), and a refusal still stores nothing.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { getRunArtifact } from '$lib/db/runs';
import { ensureRoomFor, NotEnoughRoomError } from '$lib/db/storage';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { stratifiedSplit } from '$lib/core/data/split';
import { ticketToRow } from '$lib/db/sampleProject';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { SOFTMAX_REGRESSION_INFO } from '$lib/core/models/catalog';
import { trainRun } from '$lib/workers/trainRun';
import type { RpcContext } from '$lib/workers/rpc';
import type { TrainProgress, TrainRequest } from '$lib/workers/computeProtocol';
import { everyRecord, freshDbsPerTest } from '../db/testDb';

// The real check, watched: when it is asked and for how many bytes.
vi.mock('$lib/db/storage', async (importOriginal) => {
  const actual = await importOriginal<typeof import('$lib/db/storage')>();
  return { ...actual, ensureRoomFor: vi.fn(actual.ensureRoomFor) };
});

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let request: TrainRequest;

/** Progress as the page sees it: the phase of every report, in order. */
function context(): RpcContext<TrainProgress> & { phases: string[] } {
  const phases: string[] = [];
  return { phases, progress: (p) => void phases.push(p.phase), cancelled: false, throwIfCancelled: () => undefined };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(async () => {
  vi.mocked(ensureRoomFor).mockClear();
  db = open();
  const projectId = (await createProject(db, { name: 'Room' })).id;
  const rows = generateTickets({ count: 150, seed: 'room' }).map(ticketToRow);
  const splits = stratifiedSplit(rows, { seed: 's' });
  const counts = { train: 0, validation: 0, test: 0 };
  splits.forEach((s) => counts[s]++);
  const version = await createDatasetVersion(db, {
    projectId, source: { name: 'tickets.csv' }, message: 'Tickets', schema: [], rows: rows.map((r, i) => ({ ...r, split: splits[i] })),
    split: { seed: 's', method: 'stratified', ratios: [0.7, 0.15, 0.15], counts },
  });
  request = {
    type: 'train', projectId, datasetVersionId: version.id, family: 'softmax-regression', params: { ...SOFTMAX_REGRESSION_INFO.defaults },
    vectorizer: DEFAULT_VECTORIZER, seed: 'room', preferred: 'cpu', slices: [],
  };
});

describe('room for a training run\'s files', () => {
  it('is checked once, while the model trains, for the bytes of the weights and the vectorizer it then stores', async () => {
    const ctx = context();
    let phasesAtCheck: string[] = [];
    vi.mocked(ensureRoomFor).mockImplementationOnce(async () => {
      phasesAtCheck = [...new Set(ctx.phases)];
    });
    const run = await trainRun(db, request, ctx);
    expect(ensureRoomFor).toHaveBeenCalledTimes(1);
    // Asked once the features are built and before training (let alone evaluation) is over.
    expect(phasesAtCheck).toEqual(['load', 'vectorize']);
    expect(ctx.phases).toContain('train');
    const artifact = (await getRunArtifact(db, run.id))!;
    expect(vi.mocked(ensureRoomFor).mock.calls[0]).toEqual([artifact.weightData.byteLength + JSON.stringify(artifact.vectorizer).length, 'store this run and its model']);
  }, 60_000);

  it('refused early, stops training, says why (not "cancelled") and stores nothing', async () => {
    const before = await everyRecord(db);
    vi.mocked(ensureRoomFor).mockRejectedValueOnce(new NotEnoughRoomError('There is not enough free storage to store this run and its model.'));
    const ctx = context();
    await expect(trainRun(db, request, ctx)).rejects.toThrow(/not enough free storage to store this run/);
    // Training stopped at the refusal: the run never reached evaluation or saving.
    expect(ctx.phases).not.toContain('evaluate');
    expect(ctx.phases).not.toContain('save');
    expect(await everyRecord(db)).toEqual(before);
  }, 60_000);
});
