import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ModelVersionRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun } from '$lib/db/registry';
import { deploy, rollback } from '$lib/db/deployments';
import { listAudit } from '$lib/db/audit';
import { setCanaryRule } from '$lib/db/canaryRule';
import { createEndpoint } from '$lib/workers/endpoint';
import { TfidfVectorizer } from '$lib/core/text/tfidf';
import { buildModel } from '$lib/core/models/families';
import { serializeModel } from '$lib/core/models/serialize';
import { freshDb } from './testDb';

let db: LifecycleDatabase;
let projectId: string;
let cheap: ModelVersionRecord;
let costly: ModelVersionRecord;
const texts = ['refund my invoice please', 'the app crashes on login'];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function registered(runId: string, seed: string, datasetVersionId: string): Promise<ModelVersionRecord> {
  const vectorizer = new TfidfVectorizer().fit(texts);
  const { model } = buildModel('softmax-regression', vectorizer.vocabularySize, 2, {}, seed);
  const serialized = await serializeModel(model);
  model.dispose();
  await saveRun(
    db,
    { id: runId, projectId, datasetVersionId, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test', classes: ['Billing', 'Technical Issue'] },
    { modelTopology: serialized.modelTopology, weightSpecs: serialized.weightSpecs, weightData: serialized.weightData, vectorizer: vectorizer.toJSON() },
  );
  return registerRun(db, { runId, modelName: 'Router', by: 'test' });
}

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Segments' })).id;
  const rows = texts.map((text, i) => ({ key: `r${i}`, text, label: i ? 'Technical Issue' : 'Billing', meta: {} }));
  const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [{ name: 'text', type: 'text' }, { name: 'label', type: 'label' }], rows });
  cheap = await registered('run-cheap', 'cheap', version.id);
  costly = await registered('run-costly', 'costly', version.id);
});

afterEach(async () => {
  await db.delete();
});

const post = (body: unknown) => new Request('http://app.local/api/v1/predict', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('an endpoint routing by segment', () => {
  it('answers each segment with its version, logs the route of every request and answer, and counts them in /metrics', async () => {
    await deploy(db, { projectId, servedVersionId: cheap.id, alias: 'champion', segmentRouting: { field: 'tier', routes: [{ value: 'enterprise', modelVersionId: costly.id }] }, by: 'test', reason: '' });
    const endpoint = createEndpoint(db);
    const versionOf = async (body: unknown) => (await (await endpoint.handle(post(body))).json()).model.version;
    expect(await versionOf({ text: 'refund please', tier: 'enterprise' })).toBe(costly.version);
    expect(await versionOf({ text: 'refund please', metadata: { tier: 'enterprise' } })).toBe(costly.version);
    expect(await versionOf({ texts: ['refund please', 'crash'], tier: 'smb' })).toBe(cheap.version);
    expect(await versionOf({ text: 'refund please' })).toBe(cheap.version);
    const mixed = await endpoint.handle(post({ records: [{ text: 'a', tier: 'enterprise' }, { text: 'b' }] }));
    expect(mixed.status).toBe(422);
    await endpoint.flushed();
    const logs = await db.predictionLogs.toArray();
    expect(logs.map((l) => [l.segmentRoute, l.modelVersionId])).toEqual([
      ['tier=enterprise', costly.id], ['tier=enterprise', costly.id], ['default', cheap.id], ['default', cheap.id], ['default', cheap.id],
    ]);
    const requests = (await db.requestLogs.toArray()).filter((r) => r.status === 200);
    expect(requests.map((r) => r.segmentRoute)).toEqual(['tier=enterprise', 'tier=enterprise', 'default', 'default']);
    const metrics = await (await endpoint.handle(new Request('http://app.local/metrics'))).text();
    expect(metrics).toContain(`lifecycle_lab_routed_predictions_total{route="tier=enterprise",model_version="${costly.version}"} 2\n`);
    expect(metrics).toContain(`lifecycle_lab_routed_predictions_total{route="default",model_version="${cheap.version}"} 3\n`);
  });

  it('stores the routing with the deployment and its audit entry, keeps it through a rollback, and refuses a challenger beside it', async () => {
    const routed = await deploy(db, { projectId, servedVersionId: cheap.id, alias: 'champion', segmentRouting: { field: ' tier ', routes: [{ value: ' enterprise ', modelVersionId: costly.id }] }, by: 'test', reason: '' });
    expect(routed.segmentRouting).toEqual({ field: 'tier', routes: [{ value: 'enterprise', modelVersionId: costly.id }] });
    expect((await listAudit(db, projectId)).some((e) => e.detail.includes(`routing by tier: enterprise → version ${costly.version}`))).toBe(true);
    await deploy(db, { projectId, servedVersionId: cheap.id, alias: 'champion', by: 'test', reason: '' });
    expect((await rollback(db, projectId, 'test', 'back')).segmentRouting?.field).toBe('tier');
    await expect(deploy(db, { projectId, servedVersionId: cheap.id, alias: 'champion', challenger: { versionId: costly.id, mode: 'canary', percent: 10 }, segmentRouting: { field: 'tier', routes: [{ value: 'enterprise', modelVersionId: costly.id }] }, by: 'test', reason: '' })).rejects.toThrow('not both');
    await expect(deploy(db, { projectId, servedVersionId: cheap.id, alias: 'champion', segmentRouting: { field: 'tier', routes: [{ value: 'enterprise', modelVersionId: 'nope' }] }, by: 'test', reason: '' })).rejects.toThrow('does not exist');
    expect((await db.deployments.toArray()).filter((d) => d.status === 'active')).toHaveLength(1);
  });

  it('under the canary rule, gives a route only to a version that served all traffic before', async () => {
    await setCanaryRule(db, projectId, { requireCanary: true, maxFirstPercent: 10 }, 'test', '2026-03-02T00:00:00.000Z');
    await deploy(db, { projectId, servedVersionId: cheap.id, alias: 'champion', by: 'test', reason: '' });
    const routeToCostly = { projectId, servedVersionId: cheap.id, alias: 'champion', segmentRouting: { field: 'tier', routes: [{ value: 'enterprise', modelVersionId: costly.id }] }, by: 'test', reason: '' };
    await expect(deploy(db, routeToCostly)).rejects.toThrow(`Router v${costly.version} has never served all traffic, and the canary rule is on: the route tier = enterprise would give it every request of that segment.`);
    expect((await db.deployments.toArray()).map((d) => d.segmentRouting)).toEqual([undefined]);
    // A canary is not enough; once a past deployment served it to all traffic, it may answer a route.
    await deploy(db, { projectId, servedVersionId: cheap.id, alias: 'champion', challenger: { versionId: costly.id, mode: 'canary', percent: 10 }, by: 'test', reason: '' });
    await expect(deploy(db, routeToCostly)).rejects.toThrow('never served all traffic');
    await db.deployments.add({ id: 'served-costly', projectId, alias: 'champion', modelVersionId: costly.id, createdAt: '2026-03-03T00:00:00.000Z', status: 'superseded', traffic: [{ modelVersionId: costly.id, percent: 100, mode: 'serve' }], previousDeploymentId: null });
    expect((await deploy(db, routeToCostly)).segmentRouting?.routes[0].modelVersionId).toBe(costly.id);
  });
});
