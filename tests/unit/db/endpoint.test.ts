import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun } from '$lib/db/registry';
import { deploy } from '$lib/db/deployments';
import { createEndpoint, DEPLOYMENT_TTL_MS } from '$lib/workers/endpoint';
import { deprecateVersion, retireVersion } from '$lib/db/retirement';
import { TfidfVectorizer } from '$lib/core/text/tfidf';
import { buildModel } from '$lib/core/models/families';
import { serializeModel } from '$lib/core/models/serialize';
import { predictProba } from '$lib/core/models/predict';
import { metricBuckets } from '$lib/db/monitoring';
import { mergeAll } from '$lib/core/monitor/buckets';
import { summarize } from '$lib/core/monitor/query';
import { freshDb, makeRows } from './testDb';
import { setLogSettings } from '$lib/db/logRetention';
import { murmur3String } from '$lib/core/data/murmur3';
import { hexOf } from '$lib/core/hex';

let db: LifecycleDatabase;
let projectId: string;
const classes = ['Billing', 'Technical Issue'];
const texts = ['refund my invoice please', 'the app crashes on login', 'invoice charge twice', 'login error crash'];
let expected: Float32Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Endpoint' })).id;
  const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
  const vectorizer = new TfidfVectorizer().fit(texts);
  const { model } = buildModel('softmax-regression', vectorizer.vocabularySize, 2, {}, 'endpoint-test');
  expected = predictProba(model, vectorizer.transform(['my invoice was charged twice']));
  const serialized = await serializeModel(model);
  model.dispose();
  await saveRun(
    db,
    { id: 'run', projectId, datasetVersionId: version.id, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test', classes },
    { modelTopology: serialized.modelTopology, weightSpecs: serialized.weightSpecs, weightData: serialized.weightData, vectorizer: vectorizer.toJSON() },
  );
});

afterEach(async () => {
  await db.delete();
});

const post = (body: string) => new Request('http://app.local/api/v1/predict', { method: 'POST', body, headers: { 'content-type': 'application/json' } });

describe('the prediction endpoint (as the service worker runs it)', () => {
  it('answers 404 JSON until a version is deployed, then predicts what the trained model predicts, and logs it', async () => {
    const endpoint = createEndpoint(db);
    const none = await endpoint.handle(post('{"text":"hello"}'));
    expect(none.status).toBe(404);
    expect((await none.json()).error.code).toBe('no_model_deployed');

    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    endpoint.invalidate();
    const ok = await endpoint.handle(post('{"text":"my invoice was charged twice"}'));
    expect(ok.status).toBe(200);
    const body = await ok.json();
    expect(body.model).toEqual({ name: 'Router', version: 1 });
    expect(body.prediction.probabilities.Billing).toBeCloseTo(expected[0], 5);
    expect(body.prediction.probabilities['Technical Issue']).toBeCloseTo(expected[1], 5);
    // Logs are written in batches shortly after answering.
    await endpoint.flushed();
    const logs = await db.predictionLogs.toArray();
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ projectId, modelVersionId: v1.id, route: 'champion', status: 200, inputLength: 'my invoice was charged twice'.length, text: 'my invoice was charged twice' });
    expect(await db.metricBuckets.count()).toBe(1);
  });

  it('answers bad requests with JSON 4xx, health and Prometheus metrics', async () => {
    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    const endpoint = createEndpoint(db);
    expect((await endpoint.handle(post('{oops'))).status).toBe(400);
    expect((await endpoint.handle(post('{"text": 1}'))).status).toBe(422);
    expect((await endpoint.handle(post(JSON.stringify({ text: 'x'.repeat(10_001) })))).status).toBe(413);
    expect((await endpoint.handle(new Request('http://app.local/api/v1/predict'))).status).toBe(405);
    const health = await (await endpoint.handle(new Request('http://app.local/api/v1/health'))).json();
    expect(health).toMatchObject({ status: 'ok', model: { name: 'Router', version: 1, alias: 'champion' } });
    await endpoint.handle(post('{"texts":["refund","crash"]}'));
    const metrics = await (await endpoint.handle(new Request('http://app.local/metrics'))).text();
    expect(metrics).toContain('lifecycle_lab_requests_total{route="/api/v1/predict",status="400"} 1');
    expect(metrics).toContain('lifecycle_lab_requests_total{route="/api/v1/predict",status="200"} 1');
    expect(metrics).toContain('lifecycle_lab_model_info{name="Router",version="1",alias="champion"} 1');
    expect(metrics).toMatch(/lifecycle_lab_predictions_total\{label="[^"]+",model_version="1"\} \d/);
    // Let the buffered log write finish before the database is deleted.
    await endpoint.flushed();
  });

  it('takes ground truth at /api/v1/feedback by prediction id or the caller\'s ref', async () => {
    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    const endpoint = createEndpoint(db);
    const feedback = (body: string) => endpoint.handle(new Request('http://app.local/api/v1/feedback', { method: 'POST', body }));
    const answer = await (await endpoint.handle(post('{"texts": ["refund my invoice", "app crash"], "refs": ["T-1", "T-2"]}'))).json();
    const [first, second] = answer.predictions;
    expect(first.id).toMatch(/^p-[0-9a-f]{16}$/);
    expect(first.id).not.toBe(second.id);
    expect(second.ref).toBe('T-2');
    // Right after answering: the logs may still be buffered, and feedback waits for them.
    const byId = await feedback(JSON.stringify({ id: first.id, label: first.label }));
    expect(byId.status).toBe(200);
    expect(await byId.json()).toEqual({ updated: 1, unknown: [] });
    const batch = await (await feedback(JSON.stringify({ outcomes: [{ id: 'T-2', label: 'Billing' }, { id: 'T-404', label: 'Billing' }] }))).json();
    expect(batch).toEqual({ updated: 1, unknown: ['T-404'] });
    const unknown = await feedback('{"id": "p-0000000000000000", "label": "Billing"}');
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('unknown_prediction');
    expect((await feedback('{"id": 3}')).status).toBe(422);
    expect((await endpoint.handle(new Request('http://app.local/api/v1/feedback'))).status).toBe(405);
    const graded = (await db.predictionLogs.toArray()).filter((l) => l.outcome !== undefined);
    expect(graded.map((l) => [l.ref, l.outcome])).toEqual([['T-1', first.label], ['T-2', 'Billing']]);
    const bucket = (await db.metricBuckets.toArray())[0].bucket;
    expect(bucket.labelled).toBe(2);
    await endpoint.flushed();
  });

  it('refuses feedback whose label is not a class of the version that predicted, and keeps the earlier outcome', async () => {
    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    const endpoint = createEndpoint(db);
    const feedback = (body: unknown) => endpoint.handle(new Request('http://app.local/api/v1/feedback', { method: 'POST', body: JSON.stringify(body) }));
    await endpoint.handle(post('{"texts": ["refund my invoice", "app crash"], "refs": ["T-1", "T-2"]}'));
    expect((await feedback({ id: 'T-1', label: 'Billing' })).status).toBe(200);

    const nonsense = await feedback({ id: 'T-1', label: 'Nonsense' });
    expect(nonsense.status).toBe(422);
    const body = await nonsense.json();
    expect(body.error).toMatchObject({ status: 422, code: 'unknown_label', refused: [{ index: 0, id: 'T-1', label: 'Nonsense', classes }] });
    expect(body.error.message).toContain('(Billing, Technical Issue)');
    // One bad label refuses the whole batch: T-2 is not graded either.
    const batch = await feedback({ outcomes: [{ id: 'T-2', label: 'Technical Issue' }, { id: 'T-1', label: 'billing' }] });
    expect(batch.status).toBe(422);
    expect((await batch.json()).error.refused).toEqual([{ index: 1, id: 'T-1', label: 'billing', classes }]);

    const outcomes = Object.fromEntries((await db.predictionLogs.toArray()).map((l) => [l.ref, l.outcome]));
    expect(outcomes).toEqual({ 'T-1': 'Billing', 'T-2': undefined });
    await endpoint.flushed();
    const refused = (await db.requestLogs.toArray()).filter((r) => r.status === 422);
    expect(refused.map((r) => [r.route, r.code])).toEqual([['/api/v1/feedback', 'unknown_label'], ['/api/v1/feedback', 'unknown_label']]);
  });
});

describe('what the endpoint keeps of each text', () => {
  const sent = 'Charged twice! Mail ana.lopez@example.com, call +44 20 7946 0958, card 4111 1111 1111 1111. ' + 'invoice '.repeat(1_200);

  it('keeps the whole text (up to the 10,000-character limit) with its hash, masked before storing once the project asks', async () => {
    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    const endpoint = createEndpoint(db);
    expect(sent.length).toBeGreaterThan(2_000);
    expect(sent.length).toBeLessThanOrEqual(10_000);
    expect((await endpoint.handle(post(JSON.stringify({ text: sent })))).status).toBe(200);
    await endpoint.flushed();
    const [plain] = await db.predictionLogs.toArray();
    expect(plain.text).toBe(sent);
    expect(plain.inputHash).toBe(hexOf(murmur3String(sent).subarray(0, 8)));

    await setLogSettings(db, projectId, { retentionDays: 30, maskPii: true }, Date.now());
    endpoint.invalidate();
    expect((await endpoint.handle(post(JSON.stringify({ text: sent })))).status).toBe(200);
    await endpoint.flushed();
    const masked = (await db.predictionLogs.toArray()).at(-1)!;
    expect(masked.text).toBe('Charged twice! Mail [EMAIL], call [PHONE], card [CARD]. ' + 'invoice '.repeat(1_200));
    expect(masked.text).not.toMatch(/example\.com|7946|4111/);
    // The hash is still of the text as sent: later steps find duplicates by it.
    expect(masked.inputHash).toBe(plain.inputHash);
  });
});

describe('the endpoint’s clocks', () => {
  it('stamps its logs with the injected wall clock and measures with the injected monotonic one', async () => {
    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    let monotonic = 1000;
    const endpoint = createEndpoint(db, () => (monotonic += 5), () => Date.parse('2031-05-06T07:08:09.010Z'));
    expect((await endpoint.handle(post('{"text":"refund my invoice"}'))).status).toBe(200);
    expect((await endpoint.handle(post('{oops'))).status).toBe(400);
    await endpoint.flushed();
    expect((await db.predictionLogs.toArray()).map((l) => l.at)).toEqual(['2031-05-06T07:08:09.010Z']);
    const requests = await db.requestLogs.toArray();
    expect(requests.map((r) => [r.at, r.status])).toEqual([['2031-05-06T07:08:09.010Z', 200], ['2031-05-06T07:08:09.010Z', 400]]);
    // Each request reads the monotonic clock when it arrives and when it is answered: 5 ms apart at least.
    expect(requests.every((r) => r.latencyMs >= 5 && Number.isInteger(r.latencyMs))).toBe(true);
  });
});

describe('every answer is logged, errors included', () => {
  const metricsOf = async (endpoint: ReturnType<typeof createEndpoint>) => (await endpoint.handle(new Request('http://app.local/metrics'))).text();
  const windowSummary = async () => summarize(mergeAll(await metricBuckets(db, projectId, 0, Date.now() + 60_000)));

  it('a deployed version whose model is missing answers 500 and the Monitor shows the error rate and availability', async () => {
    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    const endpoint = createEndpoint(db);
    for (let i = 0; i < 4; i++) expect((await endpoint.handle(post('{"text":"refund my invoice"}'))).status).toBe(200);
    expect((await endpoint.handle(post('{"texts":["refund","crash","invoice"]}'))).status).toBe(200);

    // Version 2's model files are lost (a corrupt or half-deleted store): every request to it fails
    // (version 1, of the same run, was loaded before they were).
    const v2 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await db.runArtifacts.delete('run');
    await deploy(db, { projectId, servedVersionId: v2.id, alias: 'champion', by: 'test', reason: '' });
    endpoint.invalidate();
    for (let i = 0; i < 20; i++) {
      const failed = await endpoint.handle(post('{"text":"refund my invoice"}'));
      expect(failed.status).toBe(500);
      expect((await failed.json()).error.code).toBe('internal_error');
    }
    expect((await endpoint.handle(post('{oops'))).status).toBe(400);
    expect((await endpoint.handle(new Request('http://app.local/api/v1/health'))).status).toBe(200);
    await endpoint.flushed();

    const failures = (await db.requestLogs.toArray()).filter((r) => r.status === 500);
    expect(failures).toHaveLength(20);
    expect(failures[0]).toMatchObject({ projectId, route: '/api/v1/predict', method: 'POST', code: 'internal_error', message: 'The deployed model version is missing from the registry.', texts: 1, modelVersionId: v2.id });
    expect(await db.predictionLogs.count()).toBe(7);
    // 27 requests: 5 answered predict (7 texts), 20 failed, 1 refused as not JSON, 1 health probe.
    const s = await windowSummary();
    expect(s).toMatchObject({ requests: 27, predictions: 7, errors: 20, errorCodes: { internal_error: 20, invalid_json: 1 } });
    expect(s.errorRate).toBeCloseTo(20 / 27, 12);
    expect(s.availability).toBeCloseTo(7 / 27, 12);
    expect(s.requestsByRoute).toEqual({ '/api/v1/predict': 26, '/api/v1/health': 1 });
    const metrics = await metricsOf(endpoint);
    expect(metrics).toContain('lifecycle_lab_requests_total{route="/api/v1/predict",status="500"} 20');
    expect(metrics).toContain('lifecycle_lab_requests_total{route="/api/v1/predict",status="200"} 5');
    await endpoint.flushed();
  });

  it('/metrics counts on across a restart of the service worker', async () => {
    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    const first = createEndpoint(db);
    for (let i = 0; i < 3; i++) await first.handle(post('{"text":"refund my invoice"}'));
    await first.handle(post('{oops'));
    await first.flushed();

    const second = createEndpoint(db);
    await second.handle(post('{"texts":["refund","crash"]}'));
    const metrics = await metricsOf(second);
    expect(metrics).toContain('lifecycle_lab_requests_total{route="/api/v1/predict",status="200"} 4');
    expect(metrics).toContain('lifecycle_lab_requests_total{route="/api/v1/predict",status="400"} 1');
    const predictions = [...metrics.matchAll(/^lifecycle_lab_predictions_total\{[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
    expect(predictions).toBe(5);
    expect(metrics).toMatch(/^lifecycle_lab_request_duration_seconds_count\{route="\/api\/v1\/predict"\} 5$/m);
    // The scrape itself is counted once it is answered.
    expect(await metricsOf(second)).toContain('lifecycle_lab_requests_total{route="/metrics",status="200"} 1');
    await second.flushed();
  });

  it('a log write the database refuses is kept and written with the next one', async () => {
    const v1 = await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'test', reason: '' });
    const endpoint = createEndpoint(db);
    await endpoint.handle(post('{"text":"refund my invoice"}'));
    await endpoint.flushed();
    const write = db.requestLogs.bulkAdd;
    db.requestLogs.bulkAdd = () => Promise.reject(new Error('QuotaExceededError')) as never;
    await endpoint.handle(post('{"text":"app crash"}'));
    await endpoint.flushed();
    expect(await db.requestLogs.count()).toBe(1);
    expect(await db.predictionLogs.count()).toBe(1);
    db.requestLogs.bulkAdd = write;
    await endpoint.handle(post('{"text":"invoice"}'));
    await endpoint.flushed();
    expect(await db.requestLogs.count()).toBe(3);
    expect(await db.predictionLogs.count()).toBe(3);
    expect(await metricsOf(endpoint)).toContain('lifecycle_lab_requests_total{route="/api/v1/predict",status="200"} 3');
    await endpoint.flushed();
  });
});

describe('retirement at the endpoint (core/registry/retirement.ts)', () => {
  const SUNSET = '2099-01-01T00:00:00.000Z';
  const deprecate = (versionId: string, replacementId: string) => deprecateVersion(db, { versionId, reason: 'superseded', sunset: SUNSET, replacementId, by: 'test' });
  const answers = async (endpoint: ReturnType<typeof createEndpoint>, n: number) => {
    const out: { version: number; deprecation: string | null; sunset: string | null }[] = [];
    for (let i = 0; i < n; i++) {
      const r = await endpoint.handle(post('{"text":"refund please"}'));
      out.push({ version: (await r.json()).model.version, deprecation: r.headers.get('Deprecation'), sunset: r.headers.get('Sunset') });
    }
    return out;
  };

  it('adds Deprecation and Sunset to a deprecated version’s answers (canary too), moves a retired canary’s share, answers 410 for a retired served version', async () => {
    let monotonic = 0;
    const endpoint = createEndpoint(db, () => monotonic, () => Date.parse('2030-01-01T00:00:00.000Z'));
    const [v1, v2, v3] = [await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' }), await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' }), await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' })];
    await deploy(db, { projectId, servedVersionId: v2.id, alias: 'v2', challenger: { versionId: v1.id, mode: 'canary', percent: 50 }, by: 'test', reason: '' });
    const plain = await answers(endpoint, 10);
    expect(plain.every((a) => a.deprecation === null && a.sunset === null)).toBe(true);

    const deprecated = await deprecate(v1.id, v2.id);
    endpoint.invalidate();
    const seconds = Math.floor(Date.parse(deprecated.deprecated!.at) / 1000);
    const mixed = await answers(endpoint, 20);
    expect(mixed.filter((a) => a.version === 1).length).toBeGreaterThan(0);
    for (const a of mixed) {
      expect(a).toEqual(a.version === 1 ? { version: 1, deprecation: `@${seconds}`, sunset: 'Thu, 01 Jan 2099 00:00:00 GMT' } : { version: 2, deprecation: null, sunset: null });
    }

    await retireVersion(db, { versionId: v1.id, reason: 'gone', by: 'test' });
    // Without being told, the endpoint notices within DEPLOYMENT_TTL_MS.
    monotonic += DEPLOYMENT_TTL_MS + 1;
    expect((await answers(endpoint, 10)).every((a) => a.version === 2 && a.deprecation === null)).toBe(true);

    await deprecate(v2.id, v3.id);
    await retireVersion(db, { versionId: v2.id, reason: 'replaced by v3', by: 'test' });
    endpoint.invalidate();
    const gone = await endpoint.handle(post('{"text":"refund please"}'));
    expect(gone.status).toBe(410);
    expect(await gone.json()).toEqual({ error: { status: 410, code: 'model_retired', message: expect.stringMatching(/^Router v2 was retired on \d{4}-\d\d-\d\d \(replaced by v3\); deploy another version\.$/) } });
    await endpoint.flushed();
    expect((await db.requestLogs.toArray()).at(-1)).toMatchObject({ status: 410, code: 'model_retired', modelVersionId: v2.id });
    // Health says so too, so the Monitor's probes count the endpoint as down while it answers 410.
    const health = await (await endpoint.handle(new Request('http://app.local/api/v1/health'))).json();
    expect(health).toMatchObject({ status: 'model_retired', model: { name: 'Router', version: 2, alias: 'v2' }, message: expect.stringMatching(/^Router v2 was retired on /) });
  });

  it('skips a retired shadow: the served version answers and nothing is scored in its name', async () => {
    const [v1, v2] = [await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' }), await registerRun(db, { runId: 'run', modelName: 'Router', by: 'test' })];
    await deploy(db, { projectId, servedVersionId: v2.id, alias: 'v2', challenger: { versionId: v1.id, mode: 'shadow', percent: 0 }, by: 'test', reason: '' });
    const endpoint = createEndpoint(db);
    expect((await endpoint.handle(post('{"text":"refund please"}'))).status).toBe(200);
    await deprecate(v1.id, v2.id);
    await retireVersion(db, { versionId: v1.id, reason: 'gone', by: 'test' });
    endpoint.invalidate();
    const answer = await endpoint.handle(post('{"text":"refund please"}'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Deprecation')).toBeNull();
    await endpoint.flushed();
    const routes = (await db.predictionLogs.toArray()).map((l) => `${l.route} ${l.modelVersionId === v1.id ? 'v1' : 'v2'}`);
    expect(routes).toEqual(['champion v2', 'shadow v1', 'champion v2']);
  });
});
