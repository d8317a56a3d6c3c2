import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { loadDatasetState } from '$lib/db/datasets';
import { listDriftReports } from '$lib/db/driftReports';
import { exportSnapshot, importSnapshot } from '$lib/db/snapshot';
import { listProjects } from '$lib/db/projects';
import { loadLifecycleSummary } from '$lib/db/summary';
import { computeStageStatuses } from '$lib/core/lifecycle/stages';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import { validateAgainstSchema } from '$lib/core/snapshot/schemaValidation';
import type { TextDriftDetails } from '$lib/core/drift/text/textDriftReport';
import { runTextDrift, TEXT_DRIFT_SEED } from '$lib/workers/textDriftJob';
import type { DataProgress } from '$lib/workers/dataProtocol';
import { CancelledError, type RpcContext } from '$lib/workers/rpc';
import { freshDb } from '../db/testDb';
import { logTexts, newProductTexts, servedProject, type ServedProject } from '../db/servedProject';

let db: LifecycleDatabase;
let served: ServedProject;
const NOW = '2026-03-10T12:00:00.000Z';
/** i minutes before NOW. */
const ago = (i: number) => new Date(Date.parse(NOW) - i * 60_000).toISOString();

function context(cancelAt?: string): RpcContext<DataProgress> & { steps: string[] } {
  const steps: string[] = [];
  let cancelled = false;
  return {
    steps,
    progress(p) {
      steps.push(`${p.phase}:${p.done}/${p.total}${p.step ? ` ${p.step}` : ''}`);
      if (p.step === cancelAt) cancelled = true;
    },
    get cancelled() {
      return cancelled;
    },
    throwIfCancelled() {
      if (cancelled) throw new CancelledError();
    },
  };
}

const run = (ctx = context(), windowId: '1h' | '24h' | '7d' | 'all' = '24h') =>
  runTextDrift(db, { type: 'textDrift', projectId: served.project.id, windowId, now: NOW }, ctx, (id) => loadDatasetState(db, id));

beforeEach(async () => {
  db = freshDb();
  served = await servedProject(db);
});

afterEach(async () => {
  await db.delete();
});

describe('runTextDrift', () => {
  it('compares the window’s logged texts with the training split, stores the report and reports progress', async () => {
    await logTexts(db, served, newProductTexts(60, 'recent'), (i) => ago(i + 1));
    await logTexts(db, served, newProductTexts(30, 'last week'), (i) => ago(3 * 24 * 60 + i));
    const ctx = context();
    const result = await run(ctx);
    if (result.status !== 'stored') throw new Error(JSON.stringify(result));
    const { report } = result;
    expect(ctx.steps).toEqual([
      'drift:0/6 reading the logs and the training data',
      'drift:1/6 counting unseen words',
      'drift:2/6 comparing word frequencies',
      'drift:3/6 comparing predicted labels and confidences',
      'drift:4/6 training the domain classifier',
      'drift:5/6 storing the report',
    ]);
    expect(report).toMatchObject({
      projectId: served.project.id,
      createdAt: NOW,
      referenceId: served.version.id,
      currentWindow: { from: '2026-03-09T12:00:00.000Z', to: NOW },
      summary: { driftedColumns: 3, columns: 3, datasetDrift: true },
    });
    const details = report.details as TextDriftDetails;
    expect(details).toMatchObject({
      kind: 'text-drift',
      schemaVersion: 1,
      seed: TEXT_DRIFT_SEED,
      window: { id: '24h', from: '2026-03-09T12:00:00.000Z', to: NOW },
      source: { modelVersionId: 'mv-1', modelTitle: 'Ticket router v1', runId: 'run-1', datasetVersionId: served.version.id, datasetVersionNumber: 1 },
      sizes: { reference: 300, current: 60, answers: 60 },
      drifted: true,
    });
    expect(details.domain.auc).toBeGreaterThan(0.9);
    expect(details.confidence.available).toBe(true);
    expect(await listDriftReports(db, served.project.id)).toEqual([report]);
    // A drift report on logged traffic completes the Monitor stage.
    expect(computeStageStatuses(await loadLifecycleSummary(db, served.project.id)).monitor.status).toBe('done');

    const all = await run(context(), 'all');
    expect(all.status === 'stored' && all.report.currentWindow).toEqual({ from: ago(3 * 24 * 60 + 29), to: NOW });
    expect(all.status === 'stored' && (all.report.details as TextDriftDetails).sizes.current).toBe(90);
  });

  it('stores nothing with too few texts in the window, or nothing to compare with', async () => {
    await logTexts(db, served, newProductTexts(49, 'few'), (i) => ago(i));
    expect(await run(context(), '1h')).toEqual({ status: 'too-few', texts: 49, minimum: 50, window: { from: ago(60), to: NOW } });
    await db.runs.update('run-1', { datasetVersionId: 'gone' });
    expect(await run(context(), '1h')).toEqual({ status: 'unavailable', reason: 'The dataset version the served model was trained on no longer exists.' });
    expect(await listDriftReports(db, served.project.id)).toEqual([]);
  });

  it('stops between steps when cancelled, storing nothing', async () => {
    await logTexts(db, served, newProductTexts(60, 'cancel'), (i) => ago(i + 1));
    await expect(run(context('training the domain classifier'))).rejects.toBeInstanceOf(CancelledError);
    await expect(run(context('storing the report'))).rejects.toBeInstanceOf(CancelledError);
    expect(await listDriftReports(db, served.project.id)).toEqual([]);
  });

  it('says the confidence shift is not available for a model without stored test confidences', async () => {
    await db.runs.update('run-1', { evaluation: undefined });
    await logTexts(db, served, newProductTexts(60, 'no bands'), (i) => ago(i + 1));
    const result = await run();
    if (result.status !== 'stored') throw new Error(JSON.stringify(result));
    expect((result.report.details as TextDriftDetails).confidence).toEqual({ available: false, reason: expect.stringMatching(/^Not available/) });
    expect(result.report.summary).toEqual({ driftedColumns: 2, columns: 2, datasetDrift: true });
  });

  it('travels in the lifecycle snapshot and comes back with the imported project', async () => {
    await logTexts(db, served, newProductTexts(60, 'snapshot'), (i) => ago(i + 1));
    const result = await run();
    if (result.status !== 'stored') throw new Error(JSON.stringify(result));
    const doc = await exportSnapshot(db, served.project.id, { now: NOW, appVersion: 'test' });
    expect(validateAgainstSchema(doc)).toEqual([]);
    expect(doc.driftReports).toEqual([
      expect.objectContaining({ id: result.report.id, kind: 'drift-report', title: expect.stringMatching(/^Text drift \(last 24 hours\): drifted, domain classifier AUC (0\.9\d|1\.00), 3 of 3 checks drifted$/) }),
    ]);
    const imported = await importSnapshot(db, serializeSnapshot(doc));
    const [copy] = await listDriftReports(db, imported.project.id);
    expect(copy.details).toEqual(JSON.parse(JSON.stringify(result.report.details)));
    expect((await listProjects(db)).length).toBe(2);
  });
});
