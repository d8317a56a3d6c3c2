/**
 * A lived-in sample project for the snapshot tests (not a test file itself): the sample
 * tickets, a stratified split, a delta that relabels a row and adds one with personal data, a
 * delta that drops a row, a slice, a trained and registered model (trained once per test file,
 * with TF.js's CPU backend), champion/challenger aliases, a deployment and its rollback,
 * logged predictions with some ground truth, health checks, gates and a drift report.
 */
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ProjectRecord, RunArtifactRecord, RunRecord } from '$lib/db/records';
import { createSampleProject } from '$lib/db/sampleProject';
import { listDatasetVersions, loadDatasetState, writeDerivedVersion } from '$lib/db/datasets';
import { createSlice } from '$lib/db/slices';
import { saveRun } from '$lib/db/runs';
import { registerRun, setAlias } from '$lib/db/registry';
import { deploy, rollback } from '$lib/db/deployments';
import { saveModelCardEdits } from '$lib/db/modelCards';
import { EMPTY_MODEL_CARD_EDITS } from '$lib/core/registry/modelCardEdits';
import { recordEndpointTraffic, recordHealthCheck } from '$lib/db/monitoring';
import { emptyEndpointCounters } from '$lib/core/serving/prometheus';
import { relabelDelta } from '$lib/core/data/datasetState';
import { splitCounts, stratifiedSplit } from '$lib/core/data/split';
import { runPipeline } from '$lib/core/models/pipeline';
import { DEFAULT_VECTORIZER } from '$lib/core/models/runReport';
import { flattenMeasured } from '$lib/core/lifecycle/measured';
import { grantWaiverFor } from '$lib/db/governance';
import { listPeople } from '$lib/db/governancePeople';
import type { GovernedObject } from '$lib/db/governanceFacts';

export const PII_TEXT = 'Please call me on +44 20 7946 0958 or write to jane.doe@example.com about invoice 42.';

type TrainedRun = { run: Omit<RunRecord, 'number' | 'id' | 'projectId' | 'datasetVersionId'>; artifact: Omit<RunArtifactRecord, 'runId'> };
let trained: Promise<TrainedRun> | null = null;

/** Trains the logistic regression once (per test file) on a deterministic version's rows. */
function trainOnce(rows: Awaited<ReturnType<typeof loadDatasetState>>['rows']): Promise<TrainedRun> {
  trained ??= (async () => {
    await tf.setBackend('cpu');
    const labelled = rows.filter((r) => r.label !== null);
    const result = await runPipeline({
      train: labelled.filter((r) => r.split === 'train'),
      validation: labelled.filter((r) => r.split === 'validation'),
      test: labelled.filter((r) => r.split === 'test'),
      family: 'softmax-regression',
      params: { epochs: 4 },
      vectorizer: DEFAULT_VECTORIZER,
      seed: 'snapshot-test',
      now: () => performance.now(),
      slices: [{ id: 'slice-email', name: 'email', where: [{ column: 'channel', op: '=', value: 'email' }] }],
      latencySamples: 10,
    });
    try {
      const model = result.serialized;
      return {
        run: {
          createdAt: '2026-03-02T10:00:00.000Z', status: 'completed', family: 'softmax-regression', params: { ...result.params },
          seed: 'snapshot-test', backend: 'cpu', fallbackReason: null, metrics: flattenMeasured(result.measured), curves: { ...result.curves },
          timings: { ...result.timings }, appVersion: 'test', classes: result.classes, vectorizer: { ...DEFAULT_VECTORIZER }, evaluation: result.evaluation, warnings: [],
        },
        artifact: { modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData: model.weightData, vectorizer: result.vectorizer.toJSON() },
      };
    } finally {
      result.model.dispose();
    }
  })();
  return trained;
}

export interface LivedIn {
  project: ProjectRecord;
  runIds: string[];
  modelVersionIds: string[];
}

/** Adds a run (the cached trained model, with the given metrics overriding) and returns its id. */
export async function addRun(db: LifecycleDatabase, projectId: string, datasetVersionId: string, id: string, metrics: Record<string, number> = {}, createdAt = '2026-03-02T10:00:00.000Z'): Promise<string> {
  const state = await loadDatasetState(db, datasetVersionId);
  const { run, artifact } = await trainOnce(state.rows);
  await saveRun(db, { ...run, id, projectId, datasetVersionId, createdAt, metrics: { ...run.metrics, ...metrics } }, artifact);
  return id;
}

/** Waives one of Standard's gates for an object, as the sample's person holding the deciding role, for a year. */
export async function waiveGate(db: LifecycleDatabase, projectId: string, gateId: 'data-ethics-review' | 'performance-sla', object: GovernedObject): Promise<void> {
  const role = gateId === 'data-ethics-review' ? 'ethics-reviewer' : 'engineering-lead';
  const person = (await listPeople(db, projectId)).find((p) => p.roles.includes(role))!;
  const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
  await grantWaiverFor(db, { projectId, gateId, object, personId: person.id, role, reason: 'Snapshot fixture', owner: person.name, expiresAt });
}

/** The sample project with every stage touched (see the file comment). */
export async function livedInProject(db: LifecycleDatabase): Promise<LivedIn> {
  const project = (await createSampleProject(db))!;
  const [v1] = await listDatasetVersions(db, project.id);
  const state = await loadDatasetState(db, v1.id);
  const assignments = stratifiedSplit(state.rows, { seed: 'split-1' });
  const counts = splitCounts(assignments, state.rows.map((r) => r.label)).totals;
  const v2 = await writeDerivedVersion(db, {
    parent: v1, state, message: 'Stratified split 70/15/15', change: 'split',
    delta: { upserts: state.rows.map((r, i) => ({ ...r, split: assignments[i] })), removedKeys: [] },
    split: { seed: 'split-1', method: 'stratified', ratios: [0.7, 0.15, 0.15], counts },
  });
  const relabel = relabelDelta(state, [state.rows[0].key], state.rows[0].label === 'Billing' ? 'General Inquiry' : 'Billing');
  const piiRow = { key: 'pii-1', text: PII_TEXT, label: 'Billing', split: 'train' as const, meta: { subject: 'Call me: +44 20 7946 0958', channel: 'email', tier: 'pro' } };
  const v3 = await writeDerivedVersion(db, { parent: v2, state, message: 'Relabelled one ticket, added one', change: 'label', delta: { upserts: [...relabel.upserts, piiRow], removedKeys: [] } });
  const v4 = await writeDerivedVersion(db, { parent: v3, state, message: 'Excluded a duplicate', change: 'exclude', delta: { upserts: [], removedKeys: [state.rows[5].key] } });
  await createSlice(db, { projectId: project.id, name: 'email', where: [{ column: 'channel', op: '=', value: 'email' }], columns: v4.schema });

  // The sample starts on Standard: its gates are waived for the data trained on and the versions deployed.
  await waiveGate(db, project.id, 'data-ethics-review', { kind: 'dataset-version', id: v4.id });
  const runA = await addRun(db, project.id, v4.id, 'run-a', { 'test.accuracy': 0.91 }, '2026-03-02T10:00:00.000Z');
  const runB = await addRun(db, project.id, v4.id, 'run-b', { 'test.accuracy': 0.93 }, '2026-03-02T11:00:00.000Z');
  await addRun(db, project.id, v4.id, 'run-c', { 'test.accuracy': 0.89 }, '2026-03-02T12:00:00.000Z');
  const mv1 = await registerRun(db, { runId: runA, modelName: 'ticket-router', description: 'baseline <b>v1</b>', by: 'Ana' });
  const mv2 = await registerRun(db, { runId: runB, modelName: 'ticket-router', description: 'more epochs', by: 'Ana' });
  for (const mv of [mv1, mv2]) await waiveGate(db, project.id, 'performance-sla', { kind: 'model-version', id: mv.id });
  await setAlias(db, { projectId: project.id, modelName: 'ticket-router', alias: 'champion', versionId: mv1.id, by: 'Ana', reason: 'first model' });
  await setAlias(db, { projectId: project.id, modelName: 'ticket-router', alias: 'challenger', versionId: mv2.id, by: 'Ana', reason: 'try it' });
  await saveModelCardEdits(db, { modelVersionId: mv1.id, edits: { ...EMPTY_MODEL_CARD_EDITS, users: 'Support agents', owners: 'Ana (ana@example.com)' }, by: 'Ana' });
  await deploy(db, { projectId: project.id, servedVersionId: mv1.id, alias: 'champion', by: 'Ana', reason: 'meets accuracy' });
  await deploy(db, { projectId: project.id, servedVersionId: mv1.id, alias: 'champion', challenger: { versionId: mv2.id, mode: 'canary', percent: 10 }, by: 'Ana', reason: 'canary' });
  await rollback(db, project.id, 'Ben', 'canary errors');

  const active = (await db.deployments.where('projectId').equals(project.id).filter((d) => d.status === 'active').first())!;
  const labels = ['Billing', 'Technical Issue', 'General Inquiry'];
  const start = Date.parse('2026-03-03T09:00:00.000Z');
  // 300 requests of one text each, as the endpoint logs them: every 50th failed with a 500 (no answer to log).
  const at = (i: number) => new Date(start + i * 17 * 60_000).toISOString();
  const failed = (i: number) => i % 50 === 0;
  const version = (i: number) => (i % 10 === 0 ? mv2.id : mv1.id);
  await recordEndpointTraffic(db, {
    predictions: Array.from({ length: 300 }, (_, i) => i).filter((i) => !failed(i)).map((i) => ({
      projectId: project.id, deploymentId: active.id, modelVersionId: version(i), route: i % 10 === 0 ? ('challenger' as const) : ('champion' as const),
      at: at(i), inputHash: `h${i}`, label: labels[i % 3], confidence: 0.4 + (i % 6) / 10,
      latencyMs: 2 + (i % 7), status: 200, ...(i % 4 === 0 ? { outcome: labels[(i + (i % 8 === 0 ? 1 : 0)) % 3] } : {}),
    })),
    requests: Array.from({ length: 300 }, (_, i) => ({
      projectId: project.id, at: at(i), route: '/api/v1/predict', method: 'POST', status: failed(i) ? 500 : 200, latencyMs: 2 + (i % 7), texts: 1,
      deploymentId: active.id, modelVersionId: version(i), ...(failed(i) ? { code: 'internal_error', message: 'The deployed model version is missing from the registry.' } : {}),
    })),
    counters: emptyEndpointCounters(),
  });
  for (let i = 0; i < 5; i++) await recordHealthCheck(db, { projectId: project.id, at: new Date(start + i * 3_600_000).toISOString(), ok: i !== 3, latencyMs: 1.5, modelVersionId: null });
  await db.gates.bulkAdd([
    { id: 'gate-ethics', projectId: project.id, stage: 'model', name: 'Data Ethics Review', requirement: 'PII masked', status: 'approved', approver: 'Ethics board', reason: 'ok', at: '2026-03-01T12:00:00.000Z' },
    { id: 'gate-sla', projectId: project.id, stage: 'deploy', name: 'Performance SLA', requirement: 'p99 ≤ 200 ms', status: 'pending', approver: null, reason: '', at: '2026-03-01T12:00:00.000Z' },
  ]);
  await db.driftReports.add({
    id: 'drift-1', projectId: project.id, createdAt: '2026-03-04T00:00:00.000Z', referenceId: v4.id,
    currentWindow: { from: '2026-03-03T00:00:00.000Z', to: '2026-03-04T00:00:00.000Z' },
    summary: { driftedColumns: 1, columns: 4, datasetDrift: false }, details: { columns: [{ name: 'channel', test: 'chi2', pValue: 0.01, drifted: true }] },
  });
  return { project, runIds: ['run-a', 'run-b', 'run-c'], modelVersionIds: [mv1.id, mv2.id] };
}
