/**
 * Shared scaffolding for the database tests (not a test file itself): a fresh, uniquely named
 * database per test, a poll helper for asynchronous emissions, and a seeder that puts a record
 * of a project into every per-project table.
 */
import { afterEach, expect } from 'vitest';
import { LifecycleDatabase } from '$lib/db/database';
import { createDatasetVersion, type NewRow } from '$lib/db/datasets';
import { appendAuditEntries } from '$lib/db/audit';
import { policyTemplate } from '$lib/core/governance/templates';
import type { DatasetCheckSummary } from '$lib/core/governance/facts';
import type {
  DeploymentRecord, DriftReportRecord, GateRecord, HealthCheckRecord,
  LabelEventRecord, ModelVersionRecord, PredictionLogRecord, RunRecord,
} from '$lib/db/records';

/** A database with a name no other test uses; delete it with `db.delete()` after the test. */
export function freshDb(): LifecycleDatabase {
  return new LifecycleDatabase(`test-${crypto.randomUUID()}`);
}

/** Opens fresh databases for a test file's tests; each is deleted after the test that opened it. */
export function freshDbsPerTest(): () => LifecycleDatabase {
  const open: LifecycleDatabase[] = [];
  afterEach(async () => {
    for (const db of open.splice(0)) await db.delete();
  });
  return () => {
    const db = freshDb();
    open.push(db);
    return db;
  };
}

/** Every table's records, to prove a refused change wrote nothing. */
export async function everyRecord(db: LifecycleDatabase): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const table of db.tables) all[table.name] = await table.toArray();
  return all;
}

/** Asserts `action` is refused with `message` and the database holds exactly what it held before. */
export async function expectRefused(db: LifecycleDatabase, action: () => Promise<unknown>, message: string | RegExp): Promise<void> {
  const before = await everyRecord(db);
  await expect(action()).rejects.toThrow(message);
  expect(await everyRecord(db)).toEqual(before);
}

/** Resolves once `check()` is truthy; rejects after `timeoutMs` (liveQuery emits asynchronously). */
export async function waitFor(check: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** `n` labelled rows `r0 … r{n-1}`, cycling through `labels`. */
export function makeRows(n: number, labels: readonly (string | null)[] = ['a', 'b']): NewRow[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `r${i}`,
    text: `row number ${i}`,
    label: labels[i % labels.length],
    meta: { n: i },
  }));
}

export interface SeededIds {
  datasetVersionId: string;
  runId: string;
  modelVersionId: string;
  deploymentId: string;
}

/**
 * Writes at least one record of `projectId` into every per-project table: imports,
 * datasetVersions and rows (through createDatasetVersion, which also audits), labelEvents,
 * runs and their model files, modelVersions, deployments, predictionLogs, healthChecks, driftReports,
 * gates, the governance stores (policy versions and draft, people, requests, decisions, waivers,
 * check runs, check marks, ethics answers) and auditLog. The project (and its canvas) must exist already.
 */
export async function seedEveryTable(db: LifecycleDatabase, projectId: string, tag: string): Promise<SeededIds> {
  const version = await createDatasetVersion(db, {
    projectId,
    source: { name: `${tag}.csv` },
    message: `${tag} data`,
    schema: [{ name: 'text', type: 'text' }, { name: 'label', type: 'label' }],
    rows: makeRows(6),
  });
  const at = '2026-02-01T10:00:00.000Z';
  const labelEvent: LabelEventRecord = {
    projectId, datasetVersionId: version.id, rowKey: 'r0', label: 'b', previousLabel: 'a', at, by: 'you',
  };
  const run: RunRecord = {
    id: `${tag}-run`, number: 1, projectId, datasetVersionId: version.id, createdAt: at, status: 'completed',
    family: 'softmax-regression', params: { epochs: 3 }, seed: 1, backend: 'cpu',
    metrics: { accuracy: 0.9 }, curves: { loss: [1, 0.5], valLoss: [], accuracy: [], valAccuracy: [] }, timings: { trainMs: 10 }, appVersion: 'test',
  };
  const modelVersion: ModelVersionRecord = {
    id: `${tag}-mv`, projectId, modelName: 'triage', version: 1, runId: run.id, datasetVersionId: version.id,
    createdAt: at, description: '', tags: {}, aliases: ['champion'], archived: false, appVersion: 'test',
  };
  const deployment: DeploymentRecord = {
    id: `${tag}-dep`, projectId, alias: 'champion', modelVersionId: modelVersion.id, createdAt: at, status: 'active',
    traffic: [{ modelVersionId: modelVersion.id, percent: 100, mode: 'serve' }], previousDeploymentId: null,
  };
  const log: PredictionLogRecord = {
    projectId, deploymentId: deployment.id, modelVersionId: modelVersion.id, at, inputHash: 'h',
    label: 'a', confidence: 0.8, latencyMs: 3, status: 200,
  };
  const health: HealthCheckRecord = { projectId, at, ok: true, latencyMs: 2, modelVersionId: modelVersion.id };
  const drift: DriftReportRecord = {
    id: `${tag}-drift`, projectId, createdAt: at, referenceId: version.id,
    currentWindow: { from: at, to: at }, summary: { driftedColumns: 0, columns: 1, datasetDrift: false }, details: null,
  };
  const gate: GateRecord = {
    id: `${tag}-gate`, projectId, stage: 'model', name: 'Data Ethics Review', requirement: 'Reviewed',
    status: 'approved', approver: 'ethics', reason: 'ok', at,
  };
  await db.labelEvents.add(labelEvent);
  await db.runs.add(run);
  await db.runArtifacts.add({ runId: run.id, modelTopology: {}, weightSpecs: [], weightData: new ArrayBuffer(4), vectorizer: {} });
  await db.modelVersions.add(modelVersion);
  await db.deployments.add(deployment);
  await db.predictionLogs.add(log);
  await db.healthChecks.add(health);
  await db.requestLogs.add({ projectId, at, route: '/api/v1/predict', method: 'POST', status: 500, code: 'internal_error', latencyMs: 1, deploymentId: deployment.id, modelVersionId: modelVersion.id });
  await db.driftReports.add(drift);
  await db.gates.add(gate);
  await db.aliasEvents.add({ projectId, modelName: 'triage', alias: 'champion', fromVersionId: null, toVersionId: modelVersion.id, at, by: 'you', reason: 'first' });
  await db.metricBuckets.add({ projectId, start: 0, bucket: { start: 0 } as never });
  await db.modelCards.add({ modelVersionId: modelVersion.id, projectId, edits: {} as never, updatedAt: at, by: 'you' });
  await db.slices.add({ id: `${tag}-slice`, projectId, name: 'email', where: [{ column: 'channel', op: '=', value: 'email' }], createdAt: at });
  await seedGovernance(db, projectId, tag, at);
  await seedReviewEvidence(db, { projectId, datasetVersionId: version.id, contentHash: version.contentHash }, tag, at);
  await appendAuditEntries(db, projectId, [{ projectId, at, actor: 'you', action: 'test.seed', detail: tag, refs: {} }]);
  return { datasetVersionId: version.id, runId: run.id, modelVersionId: modelVersion.id, deploymentId: deployment.id };
}

/** One record of the project in each store of schema v11 (shapes only; not part of seedEveryTable, whose users count governance records). */
export async function seedHighRiskGovernance(db: LifecycleDatabase, projectId: string, datasetVersionId: string, tag: string, at: string): Promise<void> {
  const by = { personId: `${tag}-person`, name: 'Noor' };
  await db.riskAssessments.add({ id: `${tag}-risk`, projectId, answers: { 'intended-use': ['none'] }, tier: 'minimal', by, at });
  await db.signingKeys.add({
    personId: by.personId, projectId, name: by.name, publicKeyJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }, fingerprint: '0123456789abcdef', createdAt: at, privateKey: null,
  });
  await db.documents.add({ id: `${tag}-doc`, projectId, kind: 'datasheet', subjectId: datasetVersionId, version: 1, status: 'draft', fields: {}, parentId: null, createdAt: at, transitions: [] });
  await db.templateFills.add({ id: `${projectId}:evaluation-plan`, projectId, templateId: 'evaluation-plan', fields: {}, at, by });
  await db.playbookTicks.add({ id: `${projectId}:item`, projectId, itemId: 'item', done: true, at, by });
}

/** One record of the project in each governance store (shapes only: no policy logic runs). */
async function seedGovernance(db: LifecycleDatabase, projectId: string, tag: string, at: string): Promise<void> {
  const data = policyTemplate('light');
  const policy = { version: 1, hash: 'a'.repeat(64) };
  const subject = { kind: 'model-version', modelVersionId: `${tag}-mv`, modelName: 'triage', version: 1, runId: `${tag}-run` } as const;
  const by = { personId: `${tag}-person`, name: 'Ana', role: 'approver' };
  const common = { projectId, gateId: 'deployment-check', subject, at, policy };
  await db.policyVersions.add({ projectId, ...policy, publishedBy: 'Ana', publishedAt: at, data });
  await db.policyDrafts.add({ projectId, status: 'draft', version: 2, basedOn: 1, data, updatedAt: at });
  await db.people.add({ id: by.personId, projectId, name: 'Ana', roles: ['approver'] });
  await db.reviewRequests.add({ id: `${tag}-request`, ...common, requestedBy: by, note: '' });
  await db.decisions.add({ id: `${tag}-decision`, ...common, requestId: `${tag}-request`, outcome: 'approve', comment: '', by });
  await db.waivers.add({ id: `${tag}-waiver`, ...common, reason: 'pilot', owner: 'Ana', grantedBy: by, expiresAt: '2099-01-01T00:00:00.000Z' });
}

/** A run of the data checks on rows with this content hash that found nothing (what `recordCheckRun` stores). */
export function cleanChecks(contentHash: string, scanned: number, at = '2026-03-01T09:00:00.000Z'): DatasetCheckSummary {
  return {
    contentHash, at, pii: { scanned, textsWithPii: 0 },
    imbalanceWarnings: 0, flaggedSegments: 0, leakedRows: null, nearDuplicateConflicts: 0, nearDuplicatesComplete: true, sameTextConflicts: 0,
  };
}

/** One record of the project in each store of the Data Ethics Review's evidence (shapes only). */
async function seedReviewEvidence(db: LifecycleDatabase, on: { projectId: string; datasetVersionId: string; contentHash: string }, tag: string, at: string): Promise<void> {
  await db.checkRuns.add({ id: `${tag}-checks`, ...on, ...cleanChecks(on.contentHash, 6, at) });
  await db.checkReviews.add({ id: `${tag}-mark`, ...on, personId: `${tag}-person`, check: 'class-balance', by: 'Ana', at, note: '' });
  await db.ethicsAnswers.add({ id: `${tag}-answers`, ...on, personId: `${tag}-person`, intendedUse: 'x', whoCouldBeHarmed: 'y', consent: 'z', by: 'Ana', at });
}

/** Whether a stored record belongs to the project: directly, or through its dataset/model version. */
export function belongsTo(record: Record<string, unknown>, projectId: string, ids: SeededIds): boolean {
  return (
    record.projectId === projectId ||
    record.datasetVersionId === ids.datasetVersionId ||
    record.modelVersionId === ids.modelVersionId ||
    record.runId === ids.runId
  );
}

/** Rows stored in the whole database, summed over all row blocks. */
export async function storedRowCount(db: LifecycleDatabase): Promise<number> {
  let n = 0;
  await db.rowBlocks.each((b) => (n += b.count));
  return n;
}
