import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun } from '$lib/db/registry';
import { deploy } from '$lib/db/deployments';
import { createEndpoint } from '$lib/workers/endpoint';
import { TfidfVectorizer } from '$lib/core/text/tfidf';
import { buildModel } from '$lib/core/models/families';
import { serializeModel } from '$lib/core/models/serialize';
import { setLogSettings } from '$lib/db/logRetention';
import { getRequestShape, setRequestContract, suggestContractFromTraining } from '$lib/db/requestContract';
import { listAudit } from '$lib/db/audit';
import { freshDb } from './testDb';
import { artefactFacts } from '$lib/db/artefactFacts';
import { checkArtefacts } from '$lib/core/monitor/artefactChecks';

let db: LifecycleDatabase;
let projectId: string;
const texts = ['Refund\n\nmy invoice please', 'Crash\n\nthe app crashes on login'];
const schema = [{ name: 'subject', type: 'text' as const }, { name: 'body', type: 'text' as const }, { name: 'label', type: 'label' as const }];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Fields' })).id;
  const rows = texts.map((text, i) => ({ key: `r${i}`, text, label: i ? 'Technical Issue' : 'Billing', meta: { subject: text.split('\n\n')[0] } }));
  const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema, rows });
  const vectorizer = new TfidfVectorizer().fit(texts);
  const { model } = buildModel('softmax-regression', vectorizer.vocabularySize, 2, {}, 'fields-test');
  const serialized = await serializeModel(model);
  model.dispose();
  await saveRun(
    db,
    { id: 'run', projectId, datasetVersionId: version.id, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test', classes: ['Billing', 'Technical Issue'] },
    { modelTopology: serialized.modelTopology, weightSpecs: serialized.weightSpecs, weightData: serialized.weightData, vectorizer: vectorizer.toJSON() },
  );
  const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
  await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
});

afterEach(async () => {
  await db.delete();
});

const post = (body: unknown) => new Request('http://app.local/api/v1/predict', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('named fields at the endpoint', () => {
  it('joins the dataset’s text columns in their order for the model and logs every field, masked like the text', async () => {
    await setLogSettings(db, projectId, { retentionDays: 30, maskPii: true }, Date.parse('2026-03-01T00:00:00Z'));
    const endpoint = createEndpoint(db);
    const answer = await endpoint.handle(post({ fields: { body: 'write to ann@example.com', subject: 'Refund', channel: 'email' } }));
    expect(answer.status).toBe(200);
    expect((await answer.json()).prediction.label).toMatch(/Billing|Technical Issue/);
    await endpoint.flushed();
    const [log] = await db.predictionLogs.toArray();
    expect(log.text).toBe('Refund\n\nwrite to [EMAIL]');
    expect(log.fields).toEqual({ body: 'write to [EMAIL]', subject: 'Refund', channel: 'email' });
    expect(log.inputLength).toBe('Refund\n\nwrite to ann@example.com'.length);
  });

  it('refuses what breaks the project’s contract with 422 naming the field, logs and counts it', async () => {
    const endpoint = createEndpoint(db);
    await setRequestContract(db, projectId, { enabled: true, fields: [{ name: 'subject', required: true, charset: 'printable' }, { name: 'body', required: true, maxLength: 80, charset: 'printable' }] }, Date.parse('2026-03-01T00:00:00Z'));
    endpoint.invalidate();
    const noSubject = await endpoint.handle(post({ fields: { body: 'my invoice' } }));
    expect(noSubject.status).toBe(422);
    expect((await noSubject.json()).error).toEqual({ status: 422, code: 'contract_violation', field: 'subject', message: expect.stringContaining('"subject" is required') });
    const text = await (await endpoint.handle(post({ text: 'my invoice' }))).json();
    expect(text.error).toMatchObject({ code: 'contract_violation', field: 'subject', message: expect.stringContaining('send {"fields"') });
    expect((await endpoint.handle(post({ fields: { subject: 'Refund', body: 'x'.repeat(81) } }))).status).toBe(422);
    expect((await endpoint.handle(post({ fields: { subject: 'Refund', body: 'x'.repeat(80) } }))).status).toBe(200);
    const metrics = await (await endpoint.handle(new Request('http://app.local/metrics'))).text();
    expect(metrics).toContain('lifecycle_lab_contract_violations_total{field="subject"} 2\n');
    expect(metrics).toContain('lifecycle_lab_contract_violations_total{field="body"} 1\n');
    await endpoint.flushed();
    const refused = (await db.requestLogs.toArray()).filter((r) => r.code === 'contract_violation');
    expect(refused.map((r) => [r.status, r.field])).toEqual([[422, 'subject'], [422, 'subject'], [422, 'body']]);
    expect(await db.predictionLogs.count()).toBe(1);
    expect((await listAudit(db, projectId)).some((a) => a.action === 'deploy.request-contract' && a.detail.includes('Request contract on: subject, required'))).toBe(true);
  });

  it('suggests a contract from the served version’s training rows and orders fields by it', async () => {
    const { contract, source } = await suggestContractFromTraining(db, projectId);
    expect(source).toContain('Router v1');
    expect(contract.fields.map((f) => [f.name, f.required, f.minLength, f.maxLength])).toEqual([
      ['subject', true, 5, 6],
      ['body', true, 17, 24],
    ]);
    await setRequestContract(db, projectId, { ...contract, fields: [...contract.fields].reverse() }, Date.now());
    expect((await getRequestShape(db, projectId)).textFields).toEqual(['body', 'subject']);
    await expect(setRequestContract(db, projectId, { enabled: true, fields: [] }, Date.now())).rejects.toThrow(/at least one field/);
  });

  it('keeps when an outcome arrived, for the outcome delay of the "Is it real?" checks', async () => {
    let wall = Date.parse('2026-03-02T10:00:00Z');
    const endpoint = createEndpoint(db, () => 0, () => wall);
    const answer = await (await endpoint.handle(post({ fields: { subject: 'Refund', body: 'my invoice' } }))).json();
    wall += 90_000;
    const feedback = await endpoint.handle(new Request('http://app.local/api/v1/feedback', { method: 'POST', body: JSON.stringify({ id: answer.prediction.id, label: 'Billing' }) }));
    expect(feedback.status).toBe(200);
    const [log] = await db.predictionLogs.toArray();
    expect(log).toMatchObject({ at: '2026-03-02T10:00:00.000Z', outcome: 'Billing', outcomeAt: '2026-03-02T10:01:30.000Z' });
    const facts = await artefactFacts(db, projectId, Date.parse('2026-03-02T10:00:00Z'), Date.parse('2026-03-02T11:00:00Z'));
    expect(checkArtefacts(facts).outcomes).toEqual({ predictions: 1, withOutcome: 1, pendingShare: 0, medianDelayMs: 90_000 });
  });
});
