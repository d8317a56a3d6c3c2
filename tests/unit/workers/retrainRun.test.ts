/**
 * Retraining end to end in Node (TF.js on the CPU): a champion trained on split tickets, new
 * labelled and unlabelled rows appended without a split, then the compute worker's retrain job.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DatasetVersionRecord } from '$lib/db/records';
import type { DataRow } from '$lib/core/data/dataset';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion, listDatasetVersions, loadDatasetState, writeDerivedVersion } from '$lib/db/datasets';
import { getRun } from '$lib/db/runs';
import { listModelVersions, registerRun, setAlias } from '$lib/db/registry';
import { listAudit } from '$lib/db/audit';
import { publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson } from '$lib/db/governancePeople';
import { grantWaiverFor } from '$lib/db/governance';
import { GateRefusedError } from '$lib/db/governanceGate';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { stratifiedSplit } from '$lib/core/data/split';
import { ticketToRow } from '$lib/db/sampleProject';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { SOFTMAX_REGRESSION_INFO } from '$lib/core/models/catalog';
import { trainRun } from '$lib/workers/trainRun';
import { retrainRun } from '$lib/workers/retrainRun';
import { CancelledError, type RpcContext } from '$lib/workers/rpc';
import type { RetrainRequest, TrainProgress } from '$lib/workers/computeProtocol';
import { expectRefused, freshDbsPerTest } from '../db/testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;
let v1: DatasetVersionRecord;

/** A context that records phases and cancels when `cancelAt` is reported. */
function context(cancelAt?: TrainProgress['phase']): RpcContext<TrainProgress> & { phases: string[] } {
  const phases: string[] = [];
  let cancelled = false;
  return {
    phases,
    progress: (p) => {
      if (phases.at(-1) !== p.phase) phases.push(p.phase);
      if (p.phase === cancelAt) cancelled = true;
    },
    get cancelled() {
      return cancelled;
    },
    throwIfCancelled() {
      if (cancelled) throw new CancelledError();
    },
  };
}

const slices = [{ id: 'email', name: 'Email', where: [{ column: 'channel', op: '=' as const, value: 'email' }] }];
const request = (over: Partial<RetrainRequest> = {}): RetrainRequest => ({
  type: 'retrain', projectId, holdoutShare: 0.2, validationShare: 0.1, preferred: 'cpu', slices, by: 'Ada', ...over,
});

/** 30 labelled and 5 unlabelled rows of later traffic, appended to the newest version without a split. */
async function appendNewRows(): Promise<DatasetVersionRecord> {
  const tickets = generateTickets({ count: 35, seed: 'later', start: '2026-09-01T00:00:00.000Z', days: 5 });
  const rows: DataRow[] = tickets.map((t, i) => ({ ...ticketToRow(t), key: `new-${t.id}`, label: i < 30 ? t.label : null }));
  const parent = (await listDatasetVersions(db, projectId))[0];
  return writeDerivedVersion(db, { parent, state: await loadDatasetState(db, parent.id), delta: { upserts: rows, removedKeys: [] }, message: 'Production rows', change: 'production' });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Retrain' })).id;
  const rows = generateTickets({ count: 120, seed: 'champion' }).map(ticketToRow);
  const splits = stratifiedSplit(rows, { seed: 's' });
  v1 = await createDatasetVersion(db, {
    projectId, source: { name: 'tickets.csv' }, message: 'Tickets', schema: [], rows: rows.map((r, i) => ({ ...r, split: splits[i] })),
    split: { seed: 's', method: 'stratified', ratios: [0.7, 0.15, 0.15], counts: { train: 84, validation: 18, test: 18 } },
  });
});

/** Trains run 1 on v1 and makes it the champion of "Router". */
async function champion() {
  const run = await trainRun(db, {
    type: 'train', projectId, datasetVersionId: v1.id, family: 'softmax-regression', params: { ...SOFTMAX_REGRESSION_INFO.defaults, epochs: 4 },
    vectorizer: DEFAULT_VECTORIZER, seed: 'seed-7', preferred: 'cpu', slices: [],
  }, context());
  const version = await registerRun(db, { runId: run.id, modelName: 'Router', by: 'Ada' });
  await setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: version.id, by: 'Ada', reason: 'First model' });
  return { run, version };
}

describe('retrainRun', () => {
  it('retrains the champion\'s family, parameters and seed on the new rows, writes the split version and registers a challenger with its comparison', async () => {
    const first = await champion();
    const v2 = await appendNewRows();
    const ctx = context();
    const { datasetVersion, run, version } = await retrainRun(db, request(), ctx);
    expect(ctx.phases).toEqual(['load', 'vectorize', 'train', 'evaluate', 'latency', 'compare', 'save']);

    expect(datasetVersion).toMatchObject({ number: 3, parentId: v2.id, change: 'split' });
    expect(datasetVersion.message).toBe('Retraining split: 30 rows without a split assigned by time: 21 train, 3 validation, 6 test (the newest 20 %, the recent production holdout); rows that had a split keep it; 5 rows without a label left out (they stay for labelling)');
    expect(datasetVersion.split).toMatchObject({ method: 'stratified', seed: 's', counts: { train: 105, validation: 21, test: 24 } });
    const state = await loadDatasetState(db, datasetVersion.id);
    expect(state.rows.filter((r) => r.key.startsWith('new-') && r.label === null).every((r) => r.split === undefined)).toBe(true);

    expect(run).toMatchObject({ datasetVersionId: datasetVersion.id, family: 'softmax-regression', seed: 'seed-7', params: { epochs: 4 }, number: 2 });
    const { challenge } = (await getRun(db, run.id))!;
    expect(challenge).toMatchObject({ championVersionId: first.version.id, championName: 'Router version 1', datasetVersionNumber: 3, holdoutShare: 0.2, validationShare: 0.1, alpha: 0.05 });
    expect(challenge!.originalTest!.n).toBe(18);
    expect(challenge!.recentHoldout!.n).toBe(6);
    for (const part of [challenge!.originalTest!, challenge!.recentHoldout!]) {
      const { b, c } = part.mcnemar;
      expect(part.bothRight + part.bothWrong + b + c).toBe(part.n);
      expect(part.perSlice.map((s) => s.name)).toEqual(['Email']);
    }
    // The champion's figures on its own test split are the ones its run recorded.
    expect(challenge!.originalTest!.champion.accuracy).toBeCloseTo(first.run.evaluation!.test.accuracy, 10);

    expect(version).toMatchObject({ modelName: 'Router', version: 2, runId: run.id, aliases: ['challenger'] });
    const stored = await listModelVersions(db, projectId);
    expect(stored.map((v) => [v.version, v.aliases])).toEqual([[2, ['challenger']], [1, ['champion']]]);
    expect((await listAudit(db, projectId))[0]).toMatchObject({ action: 'registry.alias', actor: 'Ada', detail: expect.stringContaining('Router @challenger: nothing → version 2') });
  });

  it('trains on the newest version as it is when every labelled row already has a split', async () => {
    await champion();
    await appendNewRows();
    await retrainRun(db, request(), context());
    const again = await retrainRun(db, request(), context());
    expect(again.datasetVersion.number).toBe(3);
    expect(again.version.version).toBe(3);
    expect(again.run.challenge!.recentHoldout!.n).toBe(6);
  });

  it('says plainly when there is no champion, nothing new, or nothing new with a label — and writes nothing', async () => {
    await expectRefused(db, () => retrainRun(db, request(), context()), 'There is no champion to retrain');
    await champion();
    await expectRefused(db, () => retrainRun(db, request(), context()), /nothing new to retrain on: the newest dataset version is the one the champion \(Router version 1\) was trained on/);
    const parent = (await listDatasetVersions(db, projectId))[0];
    const unlabelled = generateTickets({ count: 3, seed: 'u' }).map((t) => ({ ...ticketToRow(t), key: `u-${t.id}`, label: null }));
    await writeDerivedVersion(db, { parent, state: await loadDatasetState(db, parent.id), delta: { upserts: unlabelled, removedKeys: [] }, message: 'Unlabelled', change: 'production' });
    await expectRefused(db, () => retrainRun(db, request(), context()), 'None of the 3 rows added since the champion\'s training data has a label yet');
  });

  it('leaves the database as it was when cancelled after training or refused by the policy as it saves', async () => {
    await champion();
    const v2 = await appendNewRows();
    const cancelled = context('save');
    await expectRefused(db, () => retrainRun(db, request(), cancelled), /^Cancelled$/);
    expect(cancelled.phases.at(-1)).toBe('save');

    // Training on v2 is waived; the split version the retrain would write is a new object the waiver does not cover.
    await startFromTemplate(db, projectId, 'standard');
    await publishPolicy(db, projectId, 'test');
    const noor = await addPerson(db, { projectId, name: 'Noor Haddad', roles: ['ethics-reviewer'], by: 'test' });
    await grantWaiverFor(db, {
      projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: v2.id }, personId: noor.id, role: 'ethics-reviewer',
      reason: 'Pilot', owner: 'Noor Haddad', expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const refused = context();
    await expectRefused(db, () => retrainRun(db, request(), refused), /^Training on this dataset version needs Data Ethics Review/);
    expect(refused.phases.at(-1)).toBe('save');
    await expect(retrainRun(db, request(), context())).rejects.toBeInstanceOf(GateRefusedError);
  });
});
