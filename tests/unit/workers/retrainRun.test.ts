/**
 * Retraining end to end in Node (TF.js on the CPU): a champion trained on split tickets, new
 * labelled and unlabelled rows appended without a split, then retraining's two steps — placing
 * those rows by time as a dataset version (the data worker's retrainSplit), then the compute
 * worker's retrain job on that version — also in a project governed like the sample.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
import { grantWaiverFor, recordDecision, requestReviewFor } from '$lib/db/governance';
import { checkGate, GateRefusedError } from '$lib/db/governanceGate';
import { markCheckReviewed, saveEthicsAnswers } from '$lib/db/datasetReview';
import { REVIEWED_CHECKS } from '$lib/core/governance/facts';
import { DatasetStates } from '$lib/workers/datasetStates';
import { explorationHandlers } from '$lib/workers/explorationHandlers';
import { retrainHandlers } from '$lib/workers/retrainHandlers';
import { datasetEditHandlers } from '$lib/workers/datasetEditHandlers';
import { testContext } from './rpcContext';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { stratifiedSplit } from '$lib/core/data/split';
import { SAMPLE_PEOPLE, ticketToRow } from '$lib/db/sampleProject';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { SOFTMAX_REGRESSION_INFO } from '$lib/core/models/catalog';
import { trainRun } from '$lib/workers/trainRun';
import { retrainRun } from '$lib/workers/retrainRun';
import { CancelledError, type RpcContext } from '$lib/workers/rpc';
import type { RetrainRequest, TrainProgress } from '$lib/workers/computeProtocol';
import { everyRecord, expectRefused, freshDbsPerTest } from '../db/testDb';
import { exportSnapshot } from '$lib/db/snapshot/exportSnapshot';
import { importSnapshot } from '$lib/db/snapshot/importSnapshot';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';

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
const request = (over: Partial<RetrainRequest> = {}): RetrainRequest => ({ type: 'retrain', projectId, preferred: 'cpu', slices, by: 'Ada', ...over });

/** Step 1 through the data worker's handler: the labelled rows without a split placed by time, as a new version. */
let states: DatasetStates;
const placeRows = async (holdoutShare = 0.2, validationShare = 0.1) =>
  retrainHandlers(db, states).retrainSplit({ type: 'retrainSplit', projectId, holdoutShare, validationShare, by: 'Ada' }, testContext());
const plan = () => retrainHandlers(db, states).retrainPlan({ type: 'retrainPlan', projectId }, testContext());

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
  states = new DatasetStates(db);
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
    type: 'train', projectId, datasetVersionId: v1.id, family: 'softmax-regression', params: { ...SOFTMAX_REGRESSION_INFO.defaults, optimizer: 'adam', epochs: 4 },
    vectorizer: DEFAULT_VECTORIZER, seed: 'seed-7', preferred: 'cpu', slices: [],
  }, context());
  const version = await registerRun(db, { runId: run.id, modelName: 'Router', by: 'Ada' });
  await setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: version.id, by: 'Ada', reason: 'First model' });
  return { run, version };
}

describe('retraining in two steps', () => {
  it('places the new labelled rows by time as a dataset version with nothing trained, then retrains the champion\'s family, parameters and seed on that version and registers a challenger with its comparison', async () => {
    const first = await champion();
    const v2 = await appendNewRows();
    expect(await plan()).toMatchObject({ step: { step: 'split', rows: 30 }, newestId: v2.id, newestNumber: 2, unsplitLabelled: 30, order: 'time', unlabelled: 5 });
    // Retraining first is refused, writing nothing: the version trained on must be written (and reviewable) before training.
    const before = await everyRecord(db);
    await expectRefused(db, () => retrainRun(db, request(), context()), 'Dataset v2 has 30 rows with a label but no split: assign splits by time first');
    expect(await everyRecord(db)).toEqual(before);

    const v3 = await placeRows();
    expect(v3).toMatchObject({ number: 3, parentId: v2.id, change: 'split' });
    expect(v3.message).toBe('Retraining split: 30 rows without a split assigned by time: 21 train, 3 validation, 6 test (the newest 20 %, the recent production holdout); rows that had a split keep it; 5 rows without a label left out (they stay for labelling)');
    expect(v3.split).toMatchObject({ method: 'stratified', seed: 's', counts: { train: 105, validation: 21, test: 24 } });
    const state = await loadDatasetState(db, v3.id);
    expect(state.rows.filter((r) => r.key.startsWith('new-') && r.label === null).every((r) => r.split === undefined)).toBe(true);
    expect(await db.runs.count()).toBe(1);
    expect(await plan()).toMatchObject({ step: { step: 'retrain' }, newestId: v3.id, unsplitLabelled: 0, originalTest: 18, recentHoldout: 6 });
    await expectRefused(db, placeRows, 'Every labelled row of dataset v3 already has a split: retrain on it as it is.');

    const ctx = context();
    const { datasetVersion, run, version } = await retrainRun(db, request(), ctx);
    expect(ctx.phases).toEqual(['load', 'vectorize', 'train', 'evaluate', 'latency', 'compare', 'save']);
    expect(datasetVersion.id).toBe(v3.id);
    expect((await listDatasetVersions(db, projectId)).length).toBe(3);
    expect(run).toMatchObject({ datasetVersionId: v3.id, family: 'softmax-regression', seed: 'seed-7', params: { epochs: 4 }, number: 2 });
    const { challenge } = (await getRun(db, run.id))!;
    expect(challenge).toMatchObject({ championVersionId: first.version.id, championName: 'Router version 1', datasetVersionId: v3.id, datasetVersionNumber: 3, alpha: 0.05 });
    expect(challenge!.split).toBe('dataset v3 as it is — 105 train, 21 validation; judged on 18 rows of the original test split and 6 rows of the recent production holdout; 5 rows without a label left out (they stay for labelling)');
    // (a) is the champion's own test split, (b) the six newest placed rows — although step 1 wrote their split before this job.
    const newestSix = state.rows.filter((r) => r.key.startsWith('new-') && r.split === 'test').map((r) => r.key);
    expect(newestSix).toHaveLength(6);
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

    // A snapshot carries the comparison; its copy names the copy's champion, run and data.
    const doc = await exportSnapshot(db, projectId);
    expect(doc.runs.find((r) => r.number === 2)!.challenge).toMatchObject({ championName: 'Router version 1', datasetVersionNumber: 3 });
    const copy = await importSnapshot(db, serializeSnapshot(doc));
    const copied = (await db.runs.where('projectId').equals(copy.project.id).toArray()).find((r) => r.number === 2)!;
    const copiedV1 = (await listModelVersions(db, copy.project.id)).find((v) => v.version === 1)!;
    const copiedV3 = (await listDatasetVersions(db, copy.project.id)).find((v) => v.number === 3)!;
    expect(copied.challenge).toEqual({ ...challenge, championVersionId: copiedV1.id, championRunId: copiedV1.runId, datasetVersionId: copiedV3.id });

    const again = await retrainRun(db, request(), context());
    expect([again.datasetVersion.number, again.version.version, again.run.challenge!.recentHoldout!.n]).toEqual([3, 3, 6]);
  });

  it('in a project governed like the sample: the split version needs its own Data Ethics Review before training, and once one person asks and another approves, the retrain succeeds', async () => {
    await champion();
    // The sample's Standard policy and people (db/sampleProject.ts governSample), after the champion was made.
    await startFromTemplate(db, projectId, 'standard');
    await publishPolicy(db, projectId, 'test');
    const [noor, sam] = await Promise.all(SAMPLE_PEOPLE.map((p) => addPerson(db, { projectId, name: p.name, roles: [...p.roles], by: 'test' })));
    await appendNewRows();
    const v3 = await placeRows();
    const object = { kind: 'dataset-version', id: v3.id } as const;
    const verdict = await checkGate(db, projectId, 'train', object, Date.now());
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons.join(' ')).toMatch(/^Training on this dataset version needs Data Ethics Review/);
    const before = await everyRecord(db);
    const refused = context();
    await expectRefused(db, () => retrainRun(db, request(), refused), verdict.reasons.join(' '));
    expect(refused.phases).toEqual(['load']);
    await expect(retrainRun(db, request(), context())).rejects.toBeInstanceOf(GateRefusedError);
    expect(await everyRecord(db)).toEqual(before);

    // As on the sample, the tickets carry personal data: masked first (v4 keeps every split), then the review of exactly v4 —
    // its checks run and looked at, the ethics questions answered, asked by Sam, approved by Noor.
    const v4 = await datasetEditHandlers(db, states).maskPii({ type: 'maskPii', versionId: v3.id }, testContext());
    expect((await plan()).step).toEqual({ step: 'retrain' });
    const reviewed = { kind: 'dataset-version', id: v4.id } as const;
    await explorationHandlers(db, states).checks({ type: 'checks', versionId: v4.id, slices: [] }, testContext());
    for (const check of REVIEWED_CHECKS) await markCheckReviewed(db, { datasetVersionId: v4.id, check, personId: sam.id, note: '' });
    await saveEthicsAnswers(db, { datasetVersionId: v4.id, personId: sam.id, answers: { intendedUse: 'Route tickets to a team.', whoCouldBeHarmed: 'Customers whose ticket waits longer.', consent: 'Given under the support terms.' } });
    const review = await requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object: reviewed, personId: sam.id, note: 'Production rows for retraining' });
    await recordDecision(db, { projectId, requestId: review.id, personId: noor.id, role: 'ethics-reviewer', outcome: 'approve', comment: '' });
    expect((await checkGate(db, projectId, 'train', reviewed, Date.now())).allowed).toBe(true);

    const { run, version } = await retrainRun(db, request(), context());
    expect(run.datasetVersionId).toBe(v4.id);
    expect(run.challenge).toMatchObject({ originalTest: { n: 18 }, recentHoldout: { n: 6 } });
    expect(version.aliases).toEqual(['challenger']);
  });
});

describe('retrainRun', () => {
  it('says plainly when there is no champion, nothing new, or nothing new with a label — in both steps, writing nothing', async () => {
    const bothRefused = async (message: string | RegExp) => {
      await expectRefused(db, () => retrainRun(db, request(), context()), message);
      await expectRefused(db, placeRows, message);
      expect((await plan()).step).toEqual({ step: 'none', reason: expect.stringMatching(message) });
    };
    await bothRefused(/^There is no champion to retrain/);
    await champion();
    await bothRefused(/nothing new to retrain on: the newest dataset version is the one the champion \(Router version 1\) was trained on/);
    const parent = (await listDatasetVersions(db, projectId))[0];
    const unlabelled = generateTickets({ count: 3, seed: 'u' }).map((t) => ({ ...ticketToRow(t), key: `u-${t.id}`, label: null }));
    await writeDerivedVersion(db, { parent, state: await loadDatasetState(db, parent.id), delta: { upserts: unlabelled, removedKeys: [] }, message: 'Unlabelled', change: 'production' });
    await bothRefused(/^None of the 3 rows added since the champion's training data has a label yet/);
  });

  it('leaves the database as it was when cancelled after training or refused by the policy as it saves', async () => {
    await champion();
    await appendNewRows();
    const v3 = await placeRows();
    const before = await everyRecord(db);
    const cancelled = context('save');
    await expectRefused(db, () => retrainRun(db, request(), cancelled), /^Cancelled$/);
    expect(cancelled.phases.at(-1)).toBe('save');

    // Training on v3 is waived for a day when the job starts; the day is over by the time it saves, and saving asks again.
    await startFromTemplate(db, projectId, 'standard');
    await publishPolicy(db, projectId, 'test');
    const noor = await addPerson(db, { projectId, name: 'Noor Haddad', roles: ['ethics-reviewer'], by: 'test' });
    await grantWaiverFor(db, {
      projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: v3.id }, personId: noor.id, role: 'ethics-reviewer',
      reason: 'Pilot', owner: 'Noor Haddad', expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const governed = await everyRecord(db);
    const refused = context();
    const progress = refused.progress;
    refused.progress = (p) => {
      progress(p);
      if (p.phase === 'compare') vi.setSystemTime(Date.now() + 2 * 86_400_000);
    };
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await expectRefused(db, () => retrainRun(db, request(), refused), /^Training on this dataset version needs Data Ethics Review: .*a waiver expired/);
    } finally {
      vi.useRealTimers();
    }
    expect(refused.phases.at(-1)).toBe('save');
    expect(await everyRecord(db)).toEqual(governed);
    expect(Object.keys(before)).toEqual(Object.keys(governed));
  });
});
