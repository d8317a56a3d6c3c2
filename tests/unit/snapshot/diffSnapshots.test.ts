import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { exportSnapshot, importSnapshot } from '$lib/db/snapshot';
import { listDatasetVersions } from '$lib/db/datasets';
import { registerRun, setAlias } from '$lib/db/registry';
import { deploy } from '$lib/db/deployments';
import { saveCriteria } from '$lib/db/canvas';
import { diffSnapshots } from '$lib/core/snapshot/diffSnapshots';
import { withoutRowsAndWeights } from '$lib/core/snapshot/withoutRowsAndWeights';
import { snapshotDiffMarkdown } from '$lib/core/snapshot/snapshotDiffMarkdown';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { freshDb } from '../db/testDb';
import { addRun, livedInProject, waiveGate, type LivedIn } from './fixture';

let db: LifecycleDatabase;
let lived: LivedIn;
let before: SnapshotDocument;
let after: SnapshotDocument;

beforeAll(async () => {
  db = freshDb();
  lived = await livedInProject(db);
  const projectId = lived.project.id;
  before = await exportSnapshot(db, projectId, { now: '2026-03-05T00:00:00.000Z' });
  // A retraining: a new run on the latest data, registered, made champion and deployed.
  const [latest] = await listDatasetVersions(db, projectId);
  await addRun(db, projectId, latest.id, 'run-d', { 'test.accuracy': 0.95, 'test.macro_f1': 0.94 }, '2026-03-05T10:00:00.000Z');
  const v3 = await registerRun(db, { runId: 'run-d', modelName: 'ticket-router', by: 'Ana' });
  await waiveGate(db, projectId, 'performance-sla', { kind: 'model-version', id: v3.id });
  await setAlias(db, { projectId, modelName: 'ticket-router', alias: 'champion', versionId: v3.id, by: 'Ana', reason: 'retrained on fresh data' });
  await deploy(db, { projectId, servedVersionId: v3.id, alias: 'champion', by: 'Ana', reason: 'retrained' });
  await db.gates.update('gate-sla', { status: 'approved', approver: 'SRE' });
  await saveCriteria(db, projectId, [DEFAULT_TICKET_CRITERIA[0], { ...DEFAULT_TICKET_CRITERIA[1], threshold: 150 }]);
  after = await exportSnapshot(db, projectId, { now: '2026-03-06T00:00:00.000Z' });
}, 60_000);

afterAll(async () => {
  await db.delete();
});

describe('diffSnapshots', () => {
  it('lists the new model version, alias move, metric changes, deployment and gate changes', () => {
    const diff = diffSnapshots(before, after);
    expect(diff.unchanged).toBe(false);
    expect(diff.models.added.map((v) => v.label)).toEqual(['ticket-router v3']);
    expect(diff.models.aliasMoves.map((m) => [m.alias, m.from?.label, m.to?.label])).toEqual([['champion', 'ticket-router v1', 'ticket-router v3']]);
    expect(diff.metrics.runs.map((r) => [r.run, r.status])).toEqual([[4, 'added']]);
    expect(diff.metrics.runs[0].changes.find((c) => c.metric === 'test.accuracy')).toEqual({ metric: 'test.accuracy', before: null, after: 0.95, delta: null });
    expect(diff.metrics.champion.before?.label).toBe('ticket-router v1');
    expect(diff.metrics.champion.after?.label).toBe('ticket-router v3');
    const accuracy = diff.metrics.champion.changes.find((c) => c.metric === 'test.accuracy')!;
    expect(accuracy.before).toBe(0.91);
    expect(accuracy.after).toBe(0.95);
    expect(accuracy.delta).toBeCloseTo(0.04, 10);
    expect(diff.deployments.added.map((d) => [d.served?.label, d.status, d.rollback])).toEqual([['ticket-router v3', 'active', false]]);
    expect(diff.deployments.served).toEqual({ before: expect.objectContaining({ label: 'ticket-router v1' }), after: expect.objectContaining({ label: 'ticket-router v3' }), changed: true });
    expect(diff.gates.changed).toEqual([{ stage: 'deploy', name: 'Performance SLA', before: 'pending', after: 'approved' }]);
    expect(diff.criteria).toEqual({
      added: [],
      removed: ['Macro-F1 on test >= 0.85'],
      changed: [{ id: 'ticket-latency-p99', before: 'p99 latency on production <= 200 ms # single prediction through /api/v1/predict', after: 'p99 latency on production <= 150 ms # single prediction through /api/v1/predict' }],
    });
    expect(diff.data.added).toEqual([]);
  });

  it('writes the diff as Markdown', () => {
    const markdown = snapshotDiffMarkdown(diffSnapshots(before, after));
    expect(markdown).toContain('## Models\n\n- New model version: ticket-router v3\n- ticket-router @champion: ticket-router v1 → ticket-router v3');
    expect(markdown).toContain('| test.accuracy | 0.91 | 0.95 | +0.04 |');
    expect(markdown).toContain('### Run 4 (softmax-regression, added)');
    expect(markdown).toContain('- Served version: ticket-router v1 → ticket-router v3');
    expect(markdown).toContain('- Performance SLA (deploy): pending → approved');
    expect(markdown).toContain('- Removed: Macro-F1 on test \\>= 0.85');
  });

  it('finds nothing between a snapshot and the snapshot of its import', async () => {
    const target = freshDb();
    try {
      const { project } = await importSnapshot(target, after);
      const reimported = await exportSnapshot(target, project.id, { now: '2026-03-07T00:00:00.000Z' });
      const diff = diffSnapshots(after, reimported);
      expect(diff.unchanged).toBe(true);
      expect(snapshotDiffMarkdown(diff)).toMatch(/Nothing changed\.\n$/);
    } finally {
      await target.delete();
    }
  });

  it('is handed the same document whether the file carried rows and model files or not', async () => {
    const full = await exportSnapshot(db, lived.project.id, { now: '2026-03-06T00:00:00.000Z', includeRows: true, includeWeights: true });
    expect(full.registry.artifacts.length).toBeGreaterThan(0);
    expect(withoutRowsAndWeights(full)).toEqual(after);
  });

  it('reports data changes: new versions, row counts and class balance', () => {
    const grown = structuredClone(after);
    const last = grown.datasets.versions.at(-1)!;
    grown.datasets.versions.push({ ...last, id: 'v-new', parentId: last.id, number: 5, message: 'Labelled 3 more', change: 'label', rowCount: 1203, classBalance: { ...last.classBalance, Billing: last.classBalance.Billing + 3 } });
    const diff = diffSnapshots(after, grown);
    expect(diff.data.added).toEqual([{ number: 5, message: 'Labelled 3 more', change: 'label', rowCount: 1203 }]);
    expect(diff.data.latest).toMatchObject({ before: 4, after: 5, rowsBefore: 1200, rowsAfter: 1203 });
    expect(diff.data.latest.classBalance).toEqual([{ metric: 'Billing', before: last.classBalance.Billing, after: last.classBalance.Billing + 3, delta: 3 }]);
  });
});
