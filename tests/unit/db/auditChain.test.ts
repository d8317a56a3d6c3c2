/**
 * The audit log as a hash chain in the database: every write path appends a linked entry inside
 * its own transaction (concurrent writers cannot fork the chain, a failed write leaves no entry),
 * older databases are chained on upgrade, snapshot imports are re-chained, and deleting a project
 * deletes its chain. Verification and point-in-time questions are core's; here they read the DB.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appendAudit, readAuditChain } from '$lib/db/audit';
import { LifecycleDatabase } from '$lib/db/database';
import { createProject, deleteProject, renameProject, setRowWord } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { listModelVersions, registerRun } from '$lib/db/registry';
import { deploy, rollback } from '$lib/db/deployments';
import { exportSnapshot, importSnapshot } from '$lib/db/snapshot';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import { sha256Hex, verifyChain } from '$lib/core/governance/auditChain';
import { servedAt, versionLineages } from '$lib/core/governance/pointInTime';
import { createDatabaseAt, DB_FIXTURES } from '../../fixtures/db/loadDbFixture';
import { freshDbsPerTest, makeRows } from './testDb';

const newDb = freshDbsPerTest();

afterEach(() => {
  vi.useRealTimers();
});

async function verified(db: LifecycleDatabase, projectId: string) {
  return verifyChain(await readAuditChain(db, projectId), sha256Hex);
}

describe('the audit chain in the database', () => {
  it('links every entry the write paths append, per project', async () => {
    const db = newDb();
    const a = await createProject(db, { name: 'A' });
    const b = await createProject(db, { name: 'B' });
    await renameProject(db, a.id, 'A two');
    await setRowWord(db, a.id, 'ticket');
    const chain = await readAuditChain(db, a.id);
    expect(chain.map((e) => [e.seq, e.action])).toEqual([[1, 'project.create'], [2, 'project.rename'], [3, 'project.row-word']]);
    expect(await verified(db, a.id)).toEqual({ ok: true, count: 3, head: chain[2].hash });
    expect(await verified(db, b.id)).toMatchObject({ ok: true, count: 1 });
  });

  it('stays one chain when writers append concurrently', async () => {
    const db = newDb();
    const project = await createProject(db, { name: 'Busy' });
    await Promise.all([
      ...Array.from({ length: 12 }, (_, i) => appendAudit(db, { projectId: project.id, action: 'test.plain', detail: `plain ${i}`, refs: {} })),
      ...Array.from({ length: 6 }, (_, i) => renameProject(db, project.id, `Busy ${i}`)),
      ...Array.from({ length: 6 }, (_, i) =>
        db.transaction('rw', [db.projects, db.auditLog], async () => {
          await db.projects.update(project.id, { description: `d${i}` });
          await appendAudit(db, { projectId: project.id, action: 'test.first', detail: `${i}`, refs: {} });
          await appendAudit(db, { projectId: project.id, action: 'test.second', detail: `${i}`, refs: {} });
        }),
      ),
    ]);
    const chain = await readAuditChain(db, project.id);
    expect(chain.map((e) => e.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(await verified(db, project.id)).toMatchObject({ ok: true, count: 31 });
    // A transaction's two entries are adjacent: nothing got between its head read and its appends.
    for (const [i, e] of chain.entries()) if (e.action === 'test.first') expect(chain[i + 1]).toMatchObject({ action: 'test.second', detail: e.detail });
  });

  it('keeps nothing of a transaction that fails after appending, and links the next entry to the head before it', async () => {
    const db = newDb();
    const project = await createProject(db, { name: 'Careful' });
    await expect(
      db.transaction('rw', [db.projects, db.auditLog], async () => {
        await appendAudit(db, { projectId: project.id, action: 'test.lost', detail: 'never kept', refs: {} });
        await db.projects.update(project.id, { name: 'Changed' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await readAuditChain(db, project.id)).map((e) => e.action)).toEqual(['project.create']);
    expect((await db.projects.get(project.id))?.name).toBe('Careful');
    await renameProject(db, project.id, 'Careful two');
    expect(await verified(db, project.id)).toMatchObject({ ok: true, count: 2 });
  });

  it('refuses a second entry at a chain position that is taken', async () => {
    const db = newDb();
    const project = await createProject(db, { name: 'Unique' });
    const [head] = await readAuditChain(db, project.id);
    await expect(db.auditLog.add({ ...head, id: undefined, detail: 'a fork' })).rejects.toThrow();
  });

  it('chains every project’s stored entries in id order when an older database is upgraded', async () => {
    for (const fixture of DB_FIXTURES.filter((f) => f.schemaVersion < 8)) {
      const db = new LifecycleDatabase(await createDatabaseAt(fixture));
      await db.open();
      const chain = await readAuditChain(db, 'p-fx-triage');
      expect(chain.map((e) => [e.id, e.seq])).toEqual([[1, 1], [2, 2]]);
      expect(await verified(db, 'p-fx-triage'), `v${fixture.schemaVersion}`).toMatchObject({ ok: true, count: 2 });
      // Written after the upgrade, the next entry continues the chain.
      await renameProject(db, 'p-fx-triage', 'Renamed');
      expect(await verified(db, 'p-fx-triage')).toMatchObject({ ok: true, count: 3 });
      await db.delete();
    }
  });

  it('re-chains a snapshot’s entries on import, in their order and with their times', async () => {
    const source = newDb();
    const project = await createProject(source, { name: 'Exported' });
    await renameProject(source, project.id, 'Exported two');
    const before = await readAuditChain(source, project.id);
    const doc = await exportSnapshot(source, project.id, { includeRows: false, includeWeights: false, now: '2026-03-05T00:00:00.000Z' });
    const target = newDb();
    await createProject(target, { name: 'Already here' });
    const { project: imported } = await importSnapshot(target, serializeSnapshot(doc));
    const chain = await readAuditChain(target, imported.id);
    expect(chain.map((e) => [e.seq, e.action, e.at])).toEqual([
      ...before.map((e) => [e.seq, e.action, e.at]),
      [3, 'snapshot.import', chain[2].at],
    ]);
    expect(await verified(target, imported.id)).toMatchObject({ ok: true, count: 3 });
  });

  it('deletes a project’s chain with the project, and only its chain', async () => {
    const db = newDb();
    const gone = await createProject(db, { name: 'Gone' });
    const kept = await createProject(db, { name: 'Kept' });
    await renameProject(db, gone.id, 'Gone two');
    await deleteProject(db, gone.id);
    expect(await readAuditChain(db, gone.id)).toEqual([]);
    expect(await verified(db, kept.id)).toMatchObject({ ok: true, count: 1 });
  });

  it('answers what was served between a deployment, a canary and a rollback from the stored trail', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const db = newDb();
    vi.setSystemTime(new Date('2026-03-01T09:00:00.000Z'));
    const project = await createProject(db, { name: 'Served' });
    const dataset = await createDatasetVersion(db, { projectId: project.id, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
    for (const id of ['run-a', 'run-b']) {
      await saveRun(
        db,
        { id, projectId: project.id, datasetVersionId: dataset.id, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test' },
        { modelTopology: { id }, weightSpecs: [], weightData: new Float32Array([1]).buffer, vectorizer: { id } },
      );
    }
    const v1 = await registerRun(db, { runId: 'run-a', modelName: 'router', by: 'Ana' });
    const v2 = await registerRun(db, { runId: 'run-b', modelName: 'router', by: 'Ana' });
    vi.setSystemTime(new Date('2026-03-02T09:00:00.000Z'));
    await deploy(db, { projectId: project.id, servedVersionId: v1.id, alias: 'champion', by: 'Ana', reason: 'go live' });
    vi.setSystemTime(new Date('2026-03-03T09:00:00.000Z'));
    await deploy(db, { projectId: project.id, servedVersionId: v1.id, alias: 'champion', challenger: { versionId: v2.id, mode: 'canary', percent: 10 }, by: 'Ana', reason: 'try v2' });
    vi.setSystemTime(new Date('2026-03-04T09:00:00.000Z'));
    await rollback(db, project.id, 'Ben', 'v2 answers slowly');
    const trail = await readAuditChain(db, project.id);
    const versions = versionLineages(await listModelVersions(db, project.id), []);
    const ask = (at: string) => servedAt({ trail, at, versions });
    expect(ask('2026-03-01T12:00:00.000Z').served).toBeNull();
    expect(ask('2026-03-03T12:00:00.000Z')).toMatchObject({ served: { name: { modelName: 'router', version: 1 } }, challenger: { modelVersionId: v2.id, mode: 'canary', percent: 10 }, since: { actor: 'Ana', action: 'deploy' } });
    expect(ask('2026-03-04T12:00:00.000Z')).toMatchObject({ served: { modelVersionId: v1.id }, challenger: null, since: { actor: 'Ben', action: 'deploy.rollback' } });
  });
});
