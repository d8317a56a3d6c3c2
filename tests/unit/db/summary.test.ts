import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DeploymentRecord, GateRecord, ProjectRecord, RunRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { saveCanvasFields, saveCriteria } from '$lib/db/canvas';
import { createDatasetVersion } from '$lib/db/datasets';
import { loadLifecycleSummary } from '$lib/db/summary';
import { recordPredictions } from '$lib/db/monitoring';
import { BASE_BUCKET_MS, emptyBucket } from '$lib/core/monitor/buckets';
import { CANVAS_BOXES } from '$lib/core/lifecycle/canvas';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import { computeStageStatuses, emptySummary, type GateStatus, type StageId } from '$lib/core/lifecycle/stages';
import { freshDb, makeRows, seedEveryTable } from './testDb';

let db: LifecycleDatabase;
let project: ProjectRecord;

beforeEach(async () => {
  db = freshDb();
  project = await createProject(db, { name: 'Summary' });
});

afterEach(async () => {
  await db.delete();
});

const at = '2026-03-01T00:00:00.000Z';

function run(id: string, status: RunRecord['status'], datasetVersionId: string): RunRecord {
  return {
    id, number: 1, projectId: project.id, datasetVersionId, createdAt: at, status, family: 'softmax-regression',
    params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test',
  };
}

function deployment(id: string, status: DeploymentRecord['status']): DeploymentRecord {
  return {
    id, projectId: project.id, alias: 'champion', modelVersionId: 'mv', createdAt: at, status,
    traffic: [{ modelVersionId: 'mv', percent: 100, mode: 'serve' }], previousDeploymentId: null,
  };
}

function gate(id: string, stage: StageId, status: GateStatus): GateRecord {
  return { id, projectId: project.id, stage, name: id, requirement: '', status, approver: null, reason: '', at };
}

async function splitVersion(id: string): Promise<void> {
  await db.datasetVersions.update(id, { split: { seed: 7, method: 'stratified', ratios: [0.7, 0.15, 0.15], counts: { train: 7, validation: 2, test: 1 } } });
}

describe('loadLifecycleSummary', () => {
  it('is the empty summary for a new project', async () => {
    expect(await loadLifecycleSummary(db, project.id)).toEqual(emptySummary());
  });

  it('counts every stage’s records of this project only', async () => {
    // Another project with one of everything must not show up in the counts.
    const other = await createProject(db, { name: 'Other' });
    await seedEveryTable(db, other.id, 'other');

    await saveCanvasFields(db, project.id, {
      valueProposition: 'v', predictionTask: 'p', decisions: 'd', monitoring: '   ', features: '',
    });
    await saveCriteria(db, project.id, DEFAULT_TICKET_CRITERIA);
    // An older, fully labelled and split version, then the newest with 2 of 8 rows unlabelled.
    const v1 = await createDatasetVersion(db, {
      projectId: project.id, source: { name: 'a.csv' }, message: 'v1', schema: [], rows: makeRows(20),
    });
    await splitVersion(v1.id);
    const v2 = await createDatasetVersion(db, {
      projectId: project.id, source: { name: 'b.csv' }, message: 'v2', schema: [], rows: makeRows(8, ['a', 'b', null, 'a']),
    });
    await db.runs.bulkAdd([run('r1', 'completed', v2.id), run('r2', 'failed', v2.id), run('r3', 'completed', v1.id), run('r4', 'running', v2.id)]);
    await db.modelVersions.add({
      id: 'mv', projectId: project.id, modelName: 'triage', version: 1, runId: 'r1', datasetVersionId: v2.id,
      createdAt: at, description: '', tags: {}, aliases: [], archived: false, appVersion: 'test',
    });
    await db.deployments.bulkAdd([deployment('d1', 'superseded'), deployment('d2', 'active'), deployment('d3', 'rolled-back')]);
    for (let i = 0; i < 5; i++) {
      await db.predictionLogs.add({
        projectId: project.id, deploymentId: 'd2', modelVersionId: 'mv', at, inputHash: `h${i}`,
        label: 'a', confidence: 0.9, latencyMs: 4, status: 200,
      });
    }
    await db.healthChecks.bulkAdd([
      { projectId: project.id, at, ok: true, latencyMs: 1, modelVersionId: 'mv' },
      { projectId: project.id, at, ok: false, latencyMs: 0, modelVersionId: null },
    ]);
    await db.gates.bulkAdd([gate('g1', 'model', 'approved'), gate('g2', 'deploy', 'pending'), gate('g3', 'monitor', 'rejected')]);

    const summary = await loadLifecycleSummary(db, project.id);
    expect(summary).toEqual({
      canvasFilledBoxes: 3,
      criteriaCount: DEFAULT_TICKET_CRITERIA.length,
      datasetVersions: 2,
      labelledRows: 6,
      unlabelledRows: 2,
      splitAssigned: false,
      runs: 4,
      completedRuns: 2,
      modelVersions: 1,
      activeDeployments: 1,
      predictionLogs: 5,
      healthChecks: 2,
      driftReports: 0,
      gates: expect.arrayContaining([
        { stage: 'model', status: 'approved' },
        { stage: 'deploy', status: 'pending' },
        { stage: 'monitor', status: 'rejected' },
      ]),
    });
    expect(summary.gates).toHaveLength(3);

    // Splitting the newest version and adding a drift report show up at once.
    await splitVersion(v2.id);
    await db.driftReports.add({
      id: 'dr', projectId: project.id, createdAt: at, referenceId: v2.id, currentWindow: { from: at, to: at },
      summary: { driftedColumns: 1, columns: 3, datasetDrift: false }, details: null,
    });
    const later = await loadLifecycleSummary(db, project.id);
    expect(later.splitAssigned).toBe(true);
    expect(later.driftReports).toBe(1);
  });
});

describe('logged predictions for the Monitor stage', () => {
  const log = (at: string) => ({
    projectId: project.id, deploymentId: 'd', modelVersionId: 'mv', route: 'champion' as const, at, inputHash: 'h', label: 'a', confidence: 0.9, latencyMs: 3, status: 200,
  });
  /** A minute bucket as an imported snapshot writes it: traffic, but no logs behind it. */
  async function importedBucket(start: number, champion: number, shadow = 0): Promise<void> {
    const bucket = emptyBucket(start, BASE_BUCKET_MS);
    bucket.routes = { champion, challenger: 0, shadow };
    bucket.requests = champion;
    await db.metricBuckets.add({ projectId: project.id, start, bucket });
  }

  it('counts the logs of a project that was never imported', async () => {
    await recordPredictions(db, [log('2026-03-01T10:00:05.000Z'), log('2026-03-01T10:00:30.000Z'), log('2026-03-01T11:00:00.000Z')]);
    expect((await loadLifecycleSummary(db, project.id)).predictionLogs).toBe(3);
  });

  it('counts imported traffic from its minute buckets, and new logs on top', async () => {
    const minute = Date.parse('2026-03-01T10:00:00.000Z');
    await importedBucket(minute, 4, 1);
    await importedBucket(minute + BASE_BUCKET_MS, 2);
    const imported = await loadLifecycleSummary(db, project.id);
    expect(imported.predictionLogs).toBe(7);
    expect(computeStageStatuses(imported).monitor).toMatchObject({ status: 'in-progress', reason: expect.stringContaining('7 prediction logs') });

    // Served after the import: its logs add to the imported buckets, never double-counted.
    await recordPredictions(db, [log('2026-03-02T09:00:00.000Z'), log('2026-03-02T09:00:10.000Z')]);
    expect((await loadLifecycleSummary(db, project.id)).predictionLogs).toBe(9);
  });
});

describe('summary → stage statuses, end to end', () => {
  it('derives every stage’s status from what is stored', async () => {
    const everyBox = Object.fromEntries(CANVAS_BOXES.map((b) => [b.key, `About ${b.title}`]));
    await saveCanvasFields(db, project.id, everyBox);
    await saveCriteria(db, project.id, DEFAULT_TICKET_CRITERIA);
    const version = await createDatasetVersion(db, {
      projectId: project.id, source: { name: 'tickets.csv' }, message: 'all labelled', schema: [], rows: makeRows(30),
    });
    await splitVersion(version.id);
    // A Data Ethics Review still pending guards training; nothing trained yet.
    await db.gates.add(gate('ethics', 'model', 'pending'));

    const statuses = computeStageStatuses(await loadLifecycleSummary(db, project.id));
    expect(Object.fromEntries(Object.entries(statuses).map(([stage, s]) => [stage, s.status]))).toEqual({
      frame: 'done',
      data: 'done',
      model: 'blocked',
      deploy: 'not-started',
      monitor: 'not-started',
      govern: 'in-progress',
    });
    expect(statuses.frame.reason).toContain('10 of 10');
    expect(statuses.data.reason).toContain('30 labelled, 0 unlabelled');
    expect(statuses.model.reason).toMatch(/^Blocked by 1 pending gate/);

    // Approving the review and training a run unblocks the model stage.
    await db.gates.update('ethics', { status: 'approved' });
    await db.runs.add(run('first', 'running', version.id));
    const next = computeStageStatuses(await loadLifecycleSummary(db, project.id));
    expect(next.model.status).toBe('in-progress');
    expect(next.govern.status).toBe('done');
  });
});
