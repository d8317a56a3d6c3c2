import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DatasetVersionRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { readAuditChain } from '$lib/db/audit';
import { DatasetStates } from '$lib/workers/datasetStates';
import { explorationHandlers } from '$lib/workers/explorationHandlers';
import { datasetEditHandlers } from '$lib/workers/datasetEditHandlers';
import { freshDbsPerTest, makeRows } from '../db/testDb';
import { testContext } from './rpcContext';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let base: DatasetVersionRecord;
let states: DatasetStates;

beforeEach(async () => {
  db = open();
  const project = await createProject(db, { name: 'Checks' });
  base = await createDatasetVersion(db, { projectId: project.id, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(12, ['a', 'a', 'b']) });
  states = new DatasetStates(db);
});

const runChecks = (versionId: string) => explorationHandlers(db, states).checks({ type: 'checks', versionId, slices: [] }, testContext());
const checkEntries = async () => (await readAuditChain(db, base.projectId)).filter((e) => e.action === 'data.checks');

describe('the data checks in the data worker', () => {
  it('store a summary of what they found for the version, with an audit entry naming it', async () => {
    const report = await runChecks(base.id);
    const runs = await db.checkRuns.toArray();
    expect(runs).toEqual([
      expect.objectContaining({
        projectId: base.projectId, datasetVersionId: base.id, contentHash: base.contentHash,
        pii: { scanned: 12, textsWithPii: 0 }, imbalanceWarnings: report.imbalance.warnings.length,
        nearDuplicateConflicts: report.nearDuplicates.total, leakedRows: null,
      }),
    ]);
    expect(Date.parse(runs[0].at)).not.toBeNaN();
    const [entry] = await checkEntries();
    expect(entry.detail).toMatch(/^Data checks on v1: \d+ imbalance warnings?, 0 flagged segments, \d+ label conflicts?, 0 texts with personal data$/);
    expect(entry.refs).toEqual({ datasetVersionId: base.id, contentHash: base.contentHash, checkRunId: runs[0].id });
  });

  it('store nothing new when they find the same on the same rows again, and a new run for a relabelled version', async () => {
    await runChecks(base.id);
    await runChecks(base.id);
    expect(await db.checkRuns.count()).toBe(1);
    const v2 = await datasetEditHandlers(db, states).label({ type: 'label', versionId: base.id, keys: ['r2'], label: 'a', message: 'r2 as a', change: 'label' }, testContext());
    await runChecks(v2.id);
    expect((await db.checkRuns.toArray()).map((r) => [r.datasetVersionId, r.contentHash]).sort()).toEqual([[base.id, base.contentHash], [v2.id, v2.contentHash]].sort());
    expect(await checkEntries()).toHaveLength(2);
  });

  it('report the failure and store nothing when the run cannot be recorded', async () => {
    vi.spyOn(db.auditLog, 'add').mockRejectedValueOnce(new Error('disk full'));
    await expect(runChecks(base.id)).rejects.toThrow('disk full');
    vi.restoreAllMocks();
    expect(await db.checkRuns.count()).toBe(0);
  });

  it('report agreement on production rows, counting a person’s relabelling only from the version it made on', async () => {
    const meta = (source: string, predicted: string) => ({ source, prediction_id: 'x', served_version: 'Router v1', predicted_label: predicted, confidence: 0.9 });
    const prod = await createDatasetVersion(db, {
      projectId: base.projectId, source: { name: 'collected' }, message: 'production', schema: [], parentId: 'newest',
      rows: [
        { key: 'p1', text: 'one', label: 'a', meta: meta('feedback', 'a') },
        { key: 'p2', text: 'two', label: 'a', meta: meta('feedback', 'b') },
        { key: 'p3', text: 'three', label: 'b', meta: meta('labelled in app', 'b') },
      ],
    });
    const none = await runChecks(base.id);
    expect(none.agreement.productionRows).toBe(0);
    const before = await runChecks(prod.id);
    expect(before.agreement.productionRows).toBe(3);
    expect(before.agreement.pairs.map((p) => [p.id, p.n, p.observed])).toEqual([['feedback-model', 2, 0.5], ['app-model', 1, 1], ['feedback-app', 0, null]]);
    const relabelled = await datasetEditHandlers(db, states).label({ type: 'label', versionId: prod.id, keys: ['p2'], label: 'b', message: 'p2 as b', change: 'label' }, testContext());
    const after = await runChecks(relabelled.id);
    // Feedback still said a for p2; the person said b, as the model did.
    expect(after.agreement.pairs.map((p) => [p.id, p.n, p.observed])).toEqual([['feedback-model', 2, 0.5], ['app-model', 2, 1], ['feedback-app', 1, 0]]);
    expect(after.agreement.pairs[2].disagreements).toEqual([{ first: 'a', second: 'b', count: 1 }]);
    expect((await runChecks(prod.id)).agreement.pairs[2].n).toBe(0);
  });
});
