import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import {
  PROJECT_NAME_MAX, createProject, deleteProject, getProject, listProjects, renameProject, setRowWord, touchProject,
} from '$lib/db/projects';
import { listAudit } from '$lib/db/audit';
import { emptyCanvas } from '$lib/core/lifecycle/canvas';
import { belongsTo, freshDb, seedEveryTable, seedHighRiskGovernance } from './testDb';
import { countRows } from '$lib/db/datasets';

let db: LifecycleDatabase;

beforeEach(() => {
  db = freshDb();
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

/** Fakes only the clock (IndexedDB's own scheduling keeps real timers). */
function setClock(iso: string): void {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

describe('createProject', () => {
  it('stores the project with a trimmed, whitespace-collapsed name', async () => {
    const project = await createProject(db, { name: '  Ticket \t  triage\n  v2 ', description: '  Route tickets  ' });
    expect(project.name).toBe('Ticket triage v2');
    expect(project.description).toBe('Route tickets');
    expect(project.updatedAt).toBe(project.createdAt);
    expect(await getProject(db, project.id)).toEqual(project);
  });

  it('creates an empty canvas with the project and writes an audit entry', async () => {
    const project = await createProject(db, { name: 'Churn' });
    const canvas = await db.canvases.get(project.id);
    expect(canvas).toMatchObject({
      projectId: project.id,
      fields: emptyCanvas(),
      crispPhase: 'business-understanding',
      criteria: [],
    });
    const audit = await listAudit(db, project.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ projectId: project.id, action: 'project.create', actor: 'you' });
    expect(audit[0].detail).toContain('Churn');
  });

  it('keeps the scenario tag only when given', async () => {
    const plain = await createProject(db, { name: 'Plain' });
    const tagged = await createProject(db, { name: 'Tagged', scenario: 'support-tickets' });
    expect('scenario' in plain).toBe(false);
    expect((await getProject(db, tagged.id))?.scenario).toBe('support-tickets');
  });

  it('rejects an empty or whitespace-only name and stores nothing', async () => {
    await expect(createProject(db, { name: '' })).rejects.toThrow('A project needs a name.');
    await expect(createProject(db, { name: ' \n\t ' })).rejects.toThrow('A project needs a name.');
    expect(await db.projects.count()).toBe(0);
    expect(await db.canvases.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it(`accepts ${PROJECT_NAME_MAX} characters and rejects more`, async () => {
    expect(PROJECT_NAME_MAX).toBe(120);
    const ok = await createProject(db, { name: 'x'.repeat(120) });
    expect(ok.name).toHaveLength(120);
    await expect(createProject(db, { name: 'y'.repeat(121) })).rejects.toThrow('at most 120 characters');
    // Length is judged after collapsing whitespace.
    const collapsed = await createProject(db, { name: `${'z'.repeat(60)}      ${'z'.repeat(59)}` });
    expect(collapsed.name).toHaveLength(120);
    expect((await db.projects.toArray()).map((p) => p.name[0]).sort()).toEqual(['x', 'z']);
  });
});

describe('listProjects', () => {
  it('orders by last change, newest first', async () => {
    setClock('2026-01-01T10:00:00.000Z');
    const a = await createProject(db, { name: 'A' });
    setClock('2026-01-01T11:00:00.000Z');
    const b = await createProject(db, { name: 'B' });
    setClock('2026-01-01T12:00:00.000Z');
    const c = await createProject(db, { name: 'C' });
    expect((await listProjects(db)).map((p) => p.id)).toEqual([c.id, b.id, a.id]);

    setClock('2026-01-01T13:00:00.000Z');
    await renameProject(db, a.id, 'A renamed');
    expect((await listProjects(db)).map((p) => p.id)).toEqual([a.id, c.id, b.id]);

    setClock('2026-01-01T14:00:00.000Z');
    await touchProject(db, b.id);
    expect((await listProjects(db)).map((p) => p.name)).toEqual(['B', 'A renamed', 'C']);
  });

  it('is empty for a new database', async () => {
    expect(await listProjects(db)).toEqual([]);
  });
});

describe('renameProject', () => {
  it('renames, bumps updatedAt and audits old and new name', async () => {
    setClock('2026-01-01T10:00:00.000Z');
    const p = await createProject(db, { name: 'Old name' });
    setClock('2026-01-02T10:00:00.000Z');
    await renameProject(db, p.id, '  New   name ');
    const stored = await getProject(db, p.id);
    expect(stored?.name).toBe('New name');
    expect(stored?.updatedAt).toBe('2026-01-02T10:00:00.000Z');
    expect(stored?.createdAt).toBe('2026-01-01T10:00:00.000Z');
    const [latest] = await listAudit(db, p.id);
    expect(latest.action).toBe('project.rename');
    expect(latest.detail).toContain('Old name');
    expect(latest.detail).toContain('New name');
  });

  it('rejects an unknown project id', async () => {
    await expect(renameProject(db, 'no-such-id', 'Name')).rejects.toThrow('That project no longer exists.');
    expect(await db.projects.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
  });

  it('rejects an invalid name and keeps the old one', async () => {
    const p = await createProject(db, { name: 'Keep me' });
    await expect(renameProject(db, p.id, '   ')).rejects.toThrow('A project needs a name.');
    await expect(renameProject(db, p.id, 'n'.repeat(121))).rejects.toThrow('at most 120');
    expect((await getProject(db, p.id))?.name).toBe('Keep me');
    expect(await db.auditLog.count()).toBe(1);
  });

  it('is a no-op when the cleaned name is unchanged', async () => {
    setClock('2026-01-01T10:00:00.000Z');
    const p = await createProject(db, { name: 'Same name' });
    setClock('2026-01-05T10:00:00.000Z');
    await renameProject(db, p.id, '  Same   name ');
    expect(await getProject(db, p.id)).toEqual(p);
    expect((await listAudit(db, p.id)).map((e) => e.action)).toEqual(['project.create']);
  });
});

describe('setRowWord', () => {
  it('stores what a row is called, audits it, and leaves a bad word and an unchanged one unstored', async () => {
    const p = await createProject(db, { name: 'Spam' });
    await setRowWord(db, p.id, ' e-mail ', '');
    expect((await getProject(db, p.id))?.rowWord).toEqual({ singular: 'e-mail' });
    const [latest] = await listAudit(db, p.id);
    expect(latest).toMatchObject({ action: 'project.row-word', detail: 'Rows are called “e-mail” / “e-mails”' });
    await setRowWord(db, p.id, 'person', 'people');
    expect((await getProject(db, p.id))?.rowWord).toEqual({ singular: 'person', plural: 'people' });
    await expect(setRowWord(db, p.id, '  ')).rejects.toThrow(/Say what one row is called/);
    await setRowWord(db, p.id, 'person', 'people');
    expect((await getProject(db, p.id))?.rowWord).toEqual({ singular: 'person', plural: 'people' });
    expect(await db.auditLog.count()).toBe(3);
    await expect(setRowWord(db, 'no-such-id', 'case')).rejects.toThrow('That project no longer exists.');
  });
});

describe('deleteProject', () => {
  it('removes the project from every table and leaves other projects untouched', async () => {
    const doomed = await createProject(db, { name: 'Doomed' });
    const kept = await createProject(db, { name: 'Kept' });
    const doomedIds = await seedEveryTable(db, doomed.id, 'doomed');
    const keptIds = await seedEveryTable(db, kept.id, 'kept');
    await seedHighRiskGovernance(db, doomed.id, doomedIds.datasetVersionId, 'doomed', '2026-02-01T10:00:00.000Z');
    await seedHighRiskGovernance(db, kept.id, keptIds.datasetVersionId, 'kept', '2026-02-01T10:00:00.000Z');
    // A practice mission's attempt goes with its project (v12); another mission's stays.
    await db.missions.bulkAdd([
      { id: 'beginner', projectId: doomed.id, attempt: 1, startedAt: '2026-02-01T10:00:00.000Z', notes: {}, events: [] },
      { id: 'advanced', projectId: kept.id, attempt: 1, startedAt: '2026-02-01T10:00:00.000Z', notes: {}, events: [] },
    ]);
    await db.settings.put({ key: 'ui.theme', value: 'dark' });
    const keptBefore = await getProject(db, kept.id);

    // Every per-project table really holds something of the doomed project, so a table added
    // later without a seed (and possibly without a cascade) makes this test fail.
    const tables = db.projectTables();
    expect(tables.map((t) => t.name).sort()).toEqual(
      [
        'aliasEvents', 'auditLog', 'canvases', 'datasetVersions', 'deployments', 'driftReports', 'gates',
        'healthChecks', 'imports', 'labelEvents', 'metricBuckets', 'modelCards', 'modelVersions', 'predictionLogs', 'projects', 'requestLogs', 'rowBlocks', 'runArtifacts', 'runs', 'slices',
        'policyVersions', 'policyDrafts', 'people', 'reviewRequests', 'decisions', 'waivers',
        'checkRuns', 'checkReviews', 'ethicsAnswers',
        'riskAssessments', 'signingKeys', 'documents', 'templateFills', 'playbookTicks',
        'missions',
      ].sort(),
    );
    const before: Record<string, { doomed: number; kept: number; total: number }> = {};
    for (const table of tables) {
      const records = (await table.toArray()) as Record<string, unknown>[];
      const isDoomed = (r: Record<string, unknown>) => belongsTo(r, doomed.id, doomedIds) || r.id === doomed.id;
      const isKept = (r: Record<string, unknown>) => belongsTo(r, kept.id, keptIds) || r.id === kept.id;
      before[table.name] = {
        doomed: records.filter(isDoomed).length,
        kept: records.filter(isKept).length,
        total: records.length,
      };
      expect(before[table.name].doomed, `seeded ${table.name}`).toBeGreaterThan(0);
      expect(before[table.name].kept, `seeded ${table.name}`).toBeGreaterThan(0);
    }

    await deleteProject(db, doomed.id);

    for (const table of tables) {
      const records = (await table.toArray()) as Record<string, unknown>[];
      const leftovers = records.filter((r) => belongsTo(r, doomed.id, doomedIds) || r.id === doomed.id);
      expect(leftovers, `left in ${table.name}`).toEqual([]);
      // The other project's records are all still there, and nothing else was removed.
      expect(records.length, `kept in ${table.name}`).toBe(before[table.name].total - before[table.name].doomed);
      expect(records.filter((r) => belongsTo(r, kept.id, keptIds) || r.id === kept.id).length).toBe(
        before[table.name].kept,
      );
    }
    expect(await getProject(db, doomed.id)).toBeUndefined();
    expect(await getProject(db, kept.id)).toEqual(keptBefore);
    expect(await countRows(db, keptIds.datasetVersionId)).toBe(6);
    expect(await db.runArtifacts.get(keptIds.runId)).toBeDefined();
    expect(await db.settings.get('ui.theme')).toEqual({ key: 'ui.theme', value: 'dark' });
  });

  it('deletes nothing else when the id is unknown', async () => {
    const p = await createProject(db, { name: 'Only' });
    await seedEveryTable(db, p.id, 'only');
    const counts = async () => Promise.all(db.tables.map((t) => t.count()));
    const before = await counts();
    await deleteProject(db, 'no-such-id');
    expect(await counts()).toEqual(before);
  });
});
