import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { aliasHistory, listModelVersions, registerRun, setAlias, setArchived } from '$lib/db/registry';
import { versionFiles } from '$lib/db/modelFiles';
import { activeDeployment, deploy, deploymentHistory, rollback } from '$lib/db/deployments';
import { listAudit } from '$lib/db/audit';
import { getModelCardEdits, saveModelCardEdits } from '$lib/db/modelCards';
import { freshDb, makeRows } from './testDb';

let db: LifecycleDatabase;
let projectId: string;
let runIds: string[];

beforeEach(async () => {
  db = freshDb();
  projectId = (await createProject(db, { name: 'Registry' })).id;
  const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
  runIds = [];
  for (const id of ['run-a', 'run-b', 'run-c']) {
    await saveRun(
      db,
      { id, projectId, datasetVersionId: version.id, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test' },
      { modelTopology: { id }, weightSpecs: [], weightData: new Float32Array([1]).buffer, vectorizer: { id } },
    );
    runIds.push(id);
  }
});

afterEach(async () => {
  await db.delete();
});

describe('model registry', () => {
  it('numbers versions per model name, each reading its run’s model files', async () => {
    const v1 = await registerRun(db, { runId: 'run-a', modelName: ' Ticket router ', by: 'Ana' });
    const v2 = await registerRun(db, { runId: 'run-b', modelName: 'Ticket router', description: 'more data', tags: { owner: 'support' }, by: 'Ana' });
    const other = await registerRun(db, { runId: 'run-c', modelName: 'Spam filter', by: 'Ana' });
    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    expect(v2).toMatchObject({ modelName: 'Ticket router', runId: 'run-b', description: 'more data', tags: { family: 'softmax-regression', owner: 'support' }, aliases: [], archived: false });
    expect((await versionFiles(db, v1))?.modelTopology).toEqual({ id: 'run-a' });
    expect((await listModelVersions(db, projectId)).map((v) => `${v.modelName} ${v.version}`)).toEqual(['Spam filter 1', 'Ticket router 2', 'Ticket router 1']);
    await expect(registerRun(db, { runId: 'gone', modelName: 'x', by: 'Ana' })).rejects.toThrow(/no longer exists/);
  });

  it('moves aliases between versions and keeps every move with who and why', async () => {
    const v1 = await registerRun(db, { runId: 'run-a', modelName: 'router', by: 'Ana' });
    const v2 = await registerRun(db, { runId: 'run-b', modelName: 'router', by: 'Ana' });
    await setAlias(db, { projectId, modelName: 'router', alias: 'Champion', versionId: v1.id, by: 'Ana', reason: 'first model' });
    await setAlias(db, { projectId, modelName: 'router', alias: 'champion', versionId: v2.id, by: 'Ben', reason: 'better macro-F1' });
    await setAlias(db, { projectId, modelName: 'router', alias: 'challenger', versionId: v1.id, by: 'Ben', reason: 'keep comparing' });
    const versions = await listModelVersions(db, projectId);
    expect(versions.find((v) => v.id === v2.id)?.aliases).toEqual(['champion']);
    expect(versions.find((v) => v.id === v1.id)?.aliases).toEqual(['challenger']);
    const history = await aliasHistory(db, projectId, 'router');
    expect(history.map((e) => [e.alias, e.fromVersionId, e.toVersionId, e.by, e.reason])).toEqual([
      ['challenger', null, v1.id, 'Ben', 'keep comparing'],
      ['champion', v1.id, v2.id, 'Ben', 'better macro-F1'],
      ['champion', null, v1.id, 'Ana', 'first model'],
    ]);
    expect((await listAudit(db, projectId)).some((a) => a.action === 'registry.alias' && a.actor === 'Ben')).toBe(true);
    await expect(setAlias(db, { projectId, modelName: 'router', alias: 'champion', versionId: v2.id, by: 'Ben', reason: 'again' })).rejects.toThrow(/already/);
    await expect(setAlias(db, { projectId, modelName: 'router', alias: 'Not OK!', versionId: v2.id, by: 'Ben', reason: 'x' })).rejects.toThrow(/alias/);
    await expect(setAlias(db, { projectId, modelName: 'router', alias: 'staging', versionId: v2.id, by: 'Ben', reason: ' ' })).rejects.toThrow(/why/);
  });

  it('archives only versions that hold no alias and are not served', async () => {
    const v1 = await registerRun(db, { runId: 'run-a', modelName: 'router', by: 'Ana' });
    const v2 = await registerRun(db, { runId: 'run-b', modelName: 'router', by: 'Ana' });
    await setAlias(db, { projectId, modelName: 'router', alias: 'champion', versionId: v1.id, by: 'Ana', reason: 'first' });
    await expect(setArchived(db, v1.id, true, 'Ana')).rejects.toThrow(/aliases/);
    await deploy(db, { projectId, servedVersionId: v2.id, alias: 'manual', by: 'Ana', reason: 'try' });
    await expect(setArchived(db, v2.id, true, 'Ana')).rejects.toThrow(/deployed/);
    const v3 = await registerRun(db, { runId: 'run-c', modelName: 'router', by: 'Ana' });
    await setArchived(db, v3.id, true, 'Ana');
    await expect(setAlias(db, { projectId, modelName: 'router', alias: 'challenger', versionId: v3.id, by: 'Ana', reason: 'x' })).rejects.toThrow(/archived/);
    await expect(deploy(db, { projectId, servedVersionId: v3.id, alias: 'x', by: 'Ana', reason: '' })).rejects.toThrow(/Archived/);
  });
});

describe('deployments', () => {
  it('supersedes the active deployment, keeps the history and rolls back one step', async () => {
    const v1 = await registerRun(db, { runId: 'run-a', modelName: 'router', by: 'Ana' });
    const v2 = await registerRun(db, { runId: 'run-b', modelName: 'router', by: 'Ana' });
    const first = await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', by: 'Ana', reason: 'go live' });
    const canary = await deploy(db, { projectId, servedVersionId: v1.id, alias: 'champion', challenger: { versionId: v2.id, mode: 'canary', percent: 10 }, by: 'Ana', reason: 'try v2' });
    expect(canary.traffic).toEqual([
      { modelVersionId: v1.id, percent: 90, mode: 'serve' },
      { modelVersionId: v2.id, percent: 10, mode: 'canary' },
    ]);
    expect((await activeDeployment(db, projectId))?.id).toBe(canary.id);
    const back = await rollback(db, projectId, 'Ben', 'v2 answers slowly');
    expect(back.traffic).toEqual(first.traffic);
    expect(back.status).toBe('active');
    const history = await deploymentHistory(db, projectId);
    expect(history.map((d) => d.status).sort()).toEqual(['active', 'rolled-back', 'superseded']);
    expect((await activeDeployment(db, projectId))?.id).toBe(back.id);
    await expect(rollback(db, projectId, 'Ben', 'again')).rejects.toThrow(/no earlier deployment/);
  });

  it('makes the served version the champion in the same transaction, or leaves the alias where it was', async () => {
    const v1 = await registerRun(db, { runId: 'run-a', modelName: 'router', by: 'Ana' });
    const v2 = await registerRun(db, { runId: 'run-b', modelName: 'router', by: 'Ana' });
    const first = await deploy(db, { projectId, servedVersionId: v1.id, alias: 'v1', makeChampion: true, by: 'Ana', reason: '' });
    expect(first.alias).toBe('champion');
    expect((await db.modelVersions.get(v1.id))?.aliases).toEqual(['champion']);
    expect((await aliasHistory(db, projectId, 'router'))[0]).toMatchObject({ alias: 'champion', toVersionId: v1.id, by: 'Ana', reason: 'Deployed as the champion' });
    // A failing deployment moves nothing.
    await expect(deploy(db, { projectId, servedVersionId: v2.id, alias: 'v2', makeChampion: true, challenger: { versionId: 'gone', mode: 'shadow', percent: 0 }, by: 'Ana', reason: 'x' })).rejects.toThrow(/does not exist/);
    expect((await db.modelVersions.get(v1.id))?.aliases).toEqual(['champion']);
    await deploy(db, { projectId, servedVersionId: v2.id, alias: 'v2', makeChampion: true, by: 'Ben', reason: 'better' });
    expect((await listModelVersions(db, projectId)).map((v) => [v.version, v.aliases])).toEqual([[2, ['champion']], [1, []]]);
    // Deploying without it keeps the alias where it is.
    await deploy(db, { projectId, servedVersionId: v1.id, alias: 'v1', by: 'Ben', reason: 'back' });
    expect((await db.modelVersions.get(v2.id))?.aliases).toEqual(['champion']);
  });

  it('checks canary percentages and challengers', async () => {
    const v1 = await registerRun(db, { runId: 'run-a', modelName: 'router', by: 'Ana' });
    await expect(deploy(db, { projectId, servedVersionId: v1.id, alias: 'c', challenger: { versionId: v1.id, mode: 'shadow', percent: 0 }, by: 'Ana', reason: '' })).rejects.toThrow(/another version/);
    const v2 = await registerRun(db, { runId: 'run-b', modelName: 'router', by: 'Ana' });
    await expect(deploy(db, { projectId, servedVersionId: v1.id, alias: 'c', challenger: { versionId: v2.id, mode: 'canary', percent: 100 }, by: 'Ana', reason: '' })).rejects.toThrow(/between/);
    const shadow = await deploy(db, { projectId, servedVersionId: v1.id, alias: 'c', challenger: { versionId: v2.id, mode: 'shadow', percent: 0 }, by: 'Ana', reason: '' });
    expect(shadow.traffic.map((t) => [t.mode, t.percent])).toEqual([['serve', 100], ['shadow', 0]]);
    expect(await db.deployments.count()).toBe(1);
  });
});

describe('model card edits', () => {
  it('are empty until saved, then kept per version with an audit entry', async () => {
    const v1 = await registerRun(db, { runId: 'run-a', modelName: 'router', by: 'Ana' });
    expect(await getModelCardEdits(db, v1.id)).toMatchObject({ overview: '', license: '' });
    await saveModelCardEdits(db, { modelVersionId: v1.id, edits: { ...(await getModelCardEdits(db, v1.id)), license: '  Internal use only ', users: 'x'.repeat(6000) }, by: 'Ana' });
    const edits = await getModelCardEdits(db, v1.id);
    expect(edits.license).toBe('Internal use only');
    expect(edits.users).toHaveLength(5000);
    expect((await listAudit(db, projectId))[0]).toMatchObject({ action: 'registry.card', actor: 'Ana' });
    await expect(saveModelCardEdits(db, { modelVersionId: 'gone', edits, by: 'Ana' })).rejects.toThrow(/no longer exists/);
  });
});
