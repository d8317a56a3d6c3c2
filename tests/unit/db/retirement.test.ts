import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ModelVersionRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { listModelVersions, registerRun, setAlias } from '$lib/db/registry';
import { activeDeployment, deploy, rollback } from '$lib/db/deployments';
import { deprecateVersion, retireVersion } from '$lib/db/retirement';
import { listAudit } from '$lib/db/audit';
import { expectRefused, freshDb, makeRows } from './testDb';

let db: LifecycleDatabase;
let projectId: string;
let v1: ModelVersionRecord;
let v2: ModelVersionRecord;
const SUNSET = '2099-01-01T00:00:00.000Z';

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Retirement' })).id;
  const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
  for (const id of ['run-a', 'run-b']) {
    await saveRun(
      db,
      { id, projectId, datasetVersionId: version.id, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test' },
      { modelTopology: { id }, weightSpecs: [], weightData: new Float32Array([1]).buffer, vectorizer: { id } },
    );
  }
  v1 = await registerRun(db, { runId: 'run-a', modelName: 'Router', by: 'Ana' });
  v2 = await registerRun(db, { runId: 'run-b', modelName: 'Router', by: 'Ana' });
  await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', makeChampion: true, by: 'Ana', reason: 'first' });
});

afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const refused = (action: () => Promise<unknown>, message: string | RegExp) => expectRefused(db, action, message);

const deprecate = (versionId: string, replacementId: string | null = null) => deprecateVersion(db, { versionId, reason: 'v2 is better', sunset: SUNSET, replacementId, by: 'Ana' });

describe('deprecating a model version', () => {
  it('needs a replacement for the champion (or the served version), and records who, why, the sunset and the replacement', async () => {
    await refused(() => deprecate(v1.id), 'Router v1 is the champion or being served: name the version that replaces it.');
    await refused(() => deprecateVersion(db, { versionId: v1.id, reason: 'old', sunset: '2020-01-01T00:00:00.000Z', replacementId: v2.id, by: 'Ana' }), 'The sunset date must be in the future.');
    await refused(() => deprecate(v1.id, 'no-such-version'), 'The replacement version does not exist in this project.');
    const done = await deprecate(v1.id, v2.id);
    expect(done.deprecated).toMatchObject({ by: 'Ana', reason: 'v2 is better', sunset: SUNSET, replacementId: v2.id });
    expect((await db.modelVersions.get(v1.id))!.deprecated).toEqual(done.deprecated);
    const [entry] = await listAudit(db, projectId, 1);
    expect(entry).toMatchObject({ action: 'registry.deprecate', actor: 'Ana', refs: { modelVersionId: v1.id, replacementVersionId: v2.id } });
    expect(entry.detail).toBe('Deprecated Router version 1, sunset 2099-01-01, replaced by version 2 — v2 is better');
    await refused(() => deprecate(v1.id, v2.id), 'Router v1 is already deprecated');
  });

  it('keeps a deprecated version deployable but not as the champion', async () => {
    await deprecate(v2.id);
    await refused(() => setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: v2.id, by: 'Ana', reason: 'try' }), 'Router v2 is deprecated (v2 is better) and cannot become the champion.');
    await refused(() => deploy(db, { projectId, servedVersionId: v2.id, alias: 'champion', makeChampion: true, by: 'Ana', reason: 'x' }), /cannot become the champion/);
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', challenger: { versionId: v2.id, mode: 'canary', percent: 10 }, by: 'Ana', reason: 'canary' });
    expect((await activeDeployment(db, projectId))!.traffic.map((t) => t.modelVersionId)).toEqual([v1.id, v2.id]);
  });

  it('leaves the database as it was when its audit entry cannot be written', async () => {
    vi.spyOn(db.auditLog, 'add').mockRejectedValueOnce(new Error('disk full'));
    await refused(() => deprecate(v2.id), 'disk full');
    expect((await db.modelVersions.get(v2.id))!.deprecated).toBeUndefined();
  });
});

describe('retiring a model version', () => {
  it('needs a deprecation first and the champion alias moved away; the version stays in the registry', async () => {
    await refused(() => retireVersion(db, { versionId: v2.id, reason: 'gone', by: 'Ben' }), 'Deprecate Router v2 first');
    await deprecate(v1.id, v2.id);
    await refused(() => retireVersion(db, { versionId: v1.id, reason: 'gone', by: 'Ben' }), 'Router v1 still holds the champion alias: move it to Router v2 first.');
    await setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: v2.id, by: 'Ben', reason: 'replacement' });
    const done = await retireVersion(db, { versionId: v1.id, reason: 'sunset reached', by: 'Ben' });
    expect(done.retired).toMatchObject({ by: 'Ben', reason: 'sunset reached' });
    expect((await listModelVersions(db, projectId)).find((v) => v.id === v1.id)).toMatchObject({ retired: { reason: 'sunset reached' }, deprecated: { replacementId: v2.id } });
    const [entry] = await listAudit(db, projectId, 1);
    // Still served: retiring is allowed and the endpoint answers 410, which the audit entry says.
    expect(entry).toMatchObject({ action: 'registry.retire', actor: 'Ben', refs: { modelVersionId: v1.id } });
    expect(entry.detail).toBe('Retired Router version 1 (still deployed: the endpoint answers 410 until another version is deployed) — sunset reached');
  });

  it('refuses every new use of a retired version, and a rollback onto it, leaving the database as it was', async () => {
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', challenger: { versionId: v2.id, mode: 'shadow', percent: 0 }, by: 'Ana', reason: 'shadow' });
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'Ana', reason: 'alone' });
    await deprecate(v2.id);
    await retireVersion(db, { versionId: v2.id, reason: 'broken', by: 'Ben' });
    const retired = /^Router v2 was retired on \d{4}-\d\d-\d\d \(broken\)/;
    await refused(() => deploy(db, { projectId, servedVersionId: v2.id, alias: 'v2', by: 'Ana', reason: 'x' }), retired);
    await refused(() => deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', challenger: { versionId: v2.id, mode: 'canary', percent: 10 }, by: 'Ana', reason: 'x' }), retired);
    await refused(() => deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', challenger: { versionId: v2.id, mode: 'shadow', percent: 0 }, by: 'Ana', reason: 'x' }), retired);
    await refused(() => setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: v2.id, by: 'Ana', reason: 'x' }), retired);
    // The previous deployment had v2 as its shadow: rolling back to it is refused too.
    await refused(() => rollback(db, projectId, 'Ana', 'back'), retired);
    await refused(() => retireVersion(db, { versionId: v2.id, reason: 'again', by: 'Ben' }), 'Router v2 is already retired.');
  });
});
