import { unzipSync, zipSync } from 'fflate';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { importModelVersion, registerRun, setAlias, setArchived } from '$lib/db/registry';
import { recordPredictions } from '$lib/db/monitoring';
import { exportGrafanaDashboard, exportMlflow, exportMonitoringBackfill, exportMonitoringPrometheus } from '$lib/db/interop';
import type { PredictionLogRecord, RunRecord } from '$lib/db/records';
import { mlflowExperimentId, mlflowRunId } from '$lib/core/interop/mlflow/ids';
import { packModel, unpackModel } from '$lib/core/registry/modelPackage';
import type { SerializedModel } from '$lib/core/models/serialize';
import type { SerializedTfidf } from '$lib/core/text/tfidf';
import { freshDb, makeRows } from '../db/testDb';
import { classes, evaluation, packageInput, realModel } from '../registry/fixtures';
import { parsePrometheus, valueOf } from './promText';
import { parseOpenMetrics, seriesOf } from './openMetricsText';
import { readMlruns } from './readMlruns';

let db: LifecycleDatabase;
let projectId: string;
let model: SerializedModel;
let vectorizer: SerializedTfidf;
let packed: Uint8Array;

beforeAll(async () => {
  const real = await realModel();
  real.model.dispose();
  model = real.serialized;
  vectorizer = real.vectorizer.toJSON();
  packed = packModel(packageInput(real.serialized, real.vectorizer, real.params, { name: 'Imported router', version: 7 }));
});

function run(id: string, createdAt: string, extra: Partial<RunRecord> = {}): Omit<RunRecord, 'number'> {
  return {
    id, projectId, datasetVersionId: '', createdAt, status: 'completed', family: 'softmax-regression', params: { epochs: 5, hiddenUnits: [8] },
    seed: 'seed', backend: 'cpu', metrics: { 'test.accuracy': 0.9 }, curves: { loss: [0.9, 0.5], valLoss: [], accuracy: [], valAccuracy: [] }, timings: { totalMs: 1500 }, appVersion: 'test', classes, ...extra,
  };
}

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Ticket triage', description: 'Beginner project' })).id;
  const data = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
  const files = { modelTopology: model.modelTopology, weightSpecs: model.weightSpecs, weightData: model.weightData, vectorizer };
  await saveRun(db, run('run-a', '2026-03-01T10:00:00.000Z', { datasetVersionId: data.id, evaluation }), files);
  await saveRun(db, run('run-b', '2026-03-02T10:00:00.000Z', { datasetVersionId: data.id, metrics: { 'test.accuracy': 0.93 } }), files);
  await saveRun(db, run('run-c', '2026-03-03T10:00:00.000Z', { datasetVersionId: data.id }), files);
});

afterEach(async () => {
  await db.delete();
});

async function registry() {
  const v1 = await registerRun(db, { runId: 'run-a', modelName: 'Ticket router', description: 'baseline', by: 'Ana' });
  const v2 = await registerRun(db, { runId: 'run-b', modelName: 'Ticket router', tags: { owner: 'support' }, by: 'Ana' });
  await setAlias(db, { projectId, modelName: 'Ticket router', alias: 'champion', versionId: v1.id, by: 'Ana', reason: 'first' });
  await setAlias(db, { projectId, modelName: 'Ticket router', alias: 'champion', versionId: v2.id, by: 'Ben', reason: 'better' });
  await setArchived(db, v1.id, true, 'Ben');
  const unpacked = unpackModel(packed);
  if (!unpacked.ok) throw new Error(unpacked.errors.join('\n'));
  const v3 = await importModelVersion(db, { projectId, unpacked: unpacked.value, fileName: 'router.zip', by: 'Ana' });
  return { v1, v2, v3 };
}

describe('exportMlflow', () => {
  it('exports every run and version of the project, with the model files', async () => {
    const { v3 } = await registry();
    const result = await exportMlflow(db, projectId, { includeArtifacts: true, user: 'Ana' });
    expect(result.fileName).toBe('ticket-triage-mlruns.zip');
    expect(result.warnings).toEqual([]);
    const { experiments, models } = readMlruns(result.bytes);
    const exp = experiments[mlflowExperimentId(projectId)];
    expect(exp.meta).toMatchObject({ name: 'Ticket triage', lifecycle_stage: 'active' });
    expect(exp.tags['mlflow.note.content']).toBe('Beginner project');
    const imported = (await db.runs.get(v3.runId))!;
    const ids = ['run-a', 'run-b', 'run-c', imported.id].map((id) => mlflowRunId(projectId, id));
    expect(Object.keys(exp.runs).sort()).toEqual([...ids].sort());

    const a = exp.runs[ids[0]];
    expect(a.params).toEqual({ epochs: '5', hiddenUnits: '[8]' });
    expect(a.metrics.loss.map((p) => p.value)).toEqual([0.9, 0.5]);
    expect(a.meta.start_time).toBe(Date.parse('2026-03-01T10:00:00.000Z') - 1500);
    expect(a.tags['lifecycle_lab.run_number']).toBe('1');
    expect(a.tags['mlflow.user']).toBe('Ana');
    expect(exp.runs[ids[3]].tags['lifecycle_lab.imported_from']).toBe('router.zip');

    // Registered runs carry a complete model package: zipped up, it imports like the app's own .zip.
    for (const id of [ids[0], ids[1], ids[3]]) {
      const files = Object.fromEntries(Object.entries(exp.runs[id].artifacts).filter(([p]) => p.startsWith('model/')).map(([p, d]) => [p.slice('model/'.length), d]));
      expect(Object.keys(files).sort()).toEqual(['MODEL_CARD.md', 'lifecycle-lab.json', 'model.json', 'vectorizer.json', 'weights.bin']);
      const reread = unpackModel(zipSync(files));
      if (!reread.ok) throw new Error(reread.errors.join('\n'));
      expect(new Uint8Array(reread.value.model.weightData)).toEqual(new Uint8Array(model.weightData));
      expect(reread.value.classes).toEqual(classes);
    }
    // An unregistered run has its model but no card.
    expect(Object.keys(exp.runs[ids[2]].artifacts).sort()).toEqual(['model/model.json', 'model/vectorizer.json', 'model/weights.bin']);
    expect(Object.keys(exp.runs[ids[0]].artifacts)).toContain('evaluation.json');
    expect(new TextDecoder().decode(exp.runs[ids[0]].artifacts['model/MODEL_CARD.md'])).toContain('# Model card: Ticket router, version 1');

    const router = models['Ticket router'];
    expect(router.aliases).toEqual({ champion: '2' });
    expect(router.versions[1].meta).toMatchObject({ current_stage: 'Archived', description: 'baseline', run_id: ids[0], source: `runs:/${ids[0]}/model` });
    expect(router.versions[2].meta).toMatchObject({ current_stage: 'None', description: null, aliases: ['champion'], run_id: ids[1] });
    expect(router.versions[2].tags).toMatchObject({ owner: 'support', family: 'softmax-regression', 'lifecycle_lab.aliases': 'champion' });
    expect(router.tags['lifecycle_lab.alias_history'].split('\n').map((l) => l.replace(/^\S+ /, ''))).toEqual([
      '@champion: version 1 → version 2 by Ben: better',
      '@champion: nothing → version 1 by Ana: first',
    ]);
    expect(models['Imported router'].versions[1].meta).toMatchObject({ current_stage: 'None', run_id: ids[3] });
  });

  it('leaves the model files out unless asked, and gives the same bytes every time', async () => {
    await registry();
    const first = await exportMlflow(db, projectId, { includeArtifacts: false });
    const paths = Object.keys(unzipSync(first.bytes));
    expect(paths.some((p) => p.includes('/artifacts/model/'))).toBe(false);
    expect(paths.filter((p) => p.endsWith('/artifacts/evaluation.json'))).toHaveLength(1);
    const again = await exportMlflow(db, projectId, { includeArtifacts: false });
    expect(again.bytes).toEqual(first.bytes);
    const { experiments } = readMlruns(first.bytes);
    expect(Object.values(experiments[mlflowExperimentId(projectId)].runs).every((r) => r.meta.user_id === 'lifecycle-lab')).toBe(true);
  });

  it('exports a project without runs as its experiment alone, and refuses a missing project', async () => {
    const empty = (await createProject(db, { name: 'Empty' })).id;
    const { experiments, models } = readMlruns((await exportMlflow(db, empty, { includeArtifacts: true })).bytes);
    expect(Object.keys(experiments).sort()).toEqual(['0', mlflowExperimentId(empty)].sort());
    expect(experiments[mlflowExperimentId(empty)].runs).toEqual({});
    expect(models).toEqual({});
    await expect(exportMlflow(db, 'nope', { includeArtifacts: false })).rejects.toThrow(/no longer exists/);
  });
});

describe('exportMonitoringPrometheus', () => {
  const T0 = Date.UTC(2026, 2, 10, 12, 0, 0);
  const log = (ms: number, fields: Partial<PredictionLogRecord>): PredictionLogRecord => ({
    projectId, deploymentId: 'd', modelVersionId: 'x', at: new Date(ms).toISOString(), inputHash: 'h', label: 'Billing', confidence: 0.8, latencyMs: 20, status: 200, ...fields,
  });

  it('writes the window’s aggregates with version names and the project label', async () => {
    const { v2 } = await registry();
    await recordPredictions(db, [
      log(T0 + 1_000, { modelVersionId: v2.id, outcome: 'Billing' }),
      log(T0 + 61_000, { modelVersionId: v2.id, status: 500, latencyMs: 300 }),
      log(T0 + 120_000, { modelVersionId: v2.id, label: 'Technical Issue', outcome: 'Billing' }),
      log(T0 + 3_600_000, { modelVersionId: v2.id }), // after the window
    ]);
    const text = await exportMonitoringPrometheus(db, projectId, T0, T0 + 3_600_000);
    const families = parsePrometheus(text);
    const labels = { project_id: projectId };
    expect(valueOf(families, 'lifecycle_lab_monitor_requests', { ...labels, status_class: '2xx' })).toBe(2);
    expect(valueOf(families, 'lifecycle_lab_monitor_requests', { ...labels, status_class: '5xx' })).toBe(1);
    expect(valueOf(families, 'lifecycle_lab_monitor_request_latency_seconds_count', labels)).toBe(3);
    expect(valueOf(families, 'lifecycle_lab_monitor_answers', { ...labels, label: 'Technical Issue' })).toBe(1);
    expect(valueOf(families, 'lifecycle_lab_monitor_accuracy', labels)).toBe(0.5);
    const version = { model_version_id: v2.id, model_name: 'Ticket router', model_version: '2' };
    expect(valueOf(families, 'lifecycle_lab_monitor_version_requests', version)).toBe(3);
    expect(valueOf(families, 'lifecycle_lab_monitor_version_errors', version)).toBe(1);

    expect([...families.values()].every((f) => f.samples.every((s) => s.timestamp === undefined))).toBe(true);
    await expect(exportMonitoringPrometheus(db, 'nope', T0, T0 + 1)).rejects.toThrow(/no longer exists/);

    // The backfill of the same hour: 5-minute points in seconds, counters ending at the window's totals.
    const backfill = parseOpenMetrics(await exportMonitoringBackfill(db, projectId, T0, T0 + 3_600_000));
    const ok = seriesOf(backfill, 'lifecycle_lab_monitor_requests_total', { ...labels, status_class: '2xx' });
    expect(ok.map((p) => p.seconds)).toEqual(Array.from({ length: 12 }, (_, i) => T0 / 1000 + (i + 1) * 300));
    expect(ok.map((p) => p.value)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(seriesOf(backfill, 'lifecycle_lab_monitor_version_errors_total', { ...labels, ...version }).at(-1)!.value).toBe(1);
    const dashboard = JSON.parse(await exportGrafanaDashboard(db, projectId, 86_400_000));
    expect(dashboard.templating.list[0].current.value).toBe(projectId);
    expect(dashboard.time.from).toBe('now-24h');
  });
});
