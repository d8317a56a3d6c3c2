import type { LifecycleDatabase } from './database';
import type { ProjectRecord } from './records';
import { newId, nowIso } from './ids';
import { appendAudit } from './audit';
import { defaultCanvasRecord } from './canvas';
import { cleanRowWord, rowWordOf } from '$lib/core/lifecycle/rowWord';

export const PROJECT_NAME_MAX = 120;

/** Trims and checks a project name; throws a message fit for the user. */
export function cleanProjectName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (!trimmed) throw new Error('A project needs a name.');
  if (trimmed.length > PROJECT_NAME_MAX) throw new Error(`A project name has at most ${PROJECT_NAME_MAX} characters.`);
  return trimmed;
}

/** All projects, most recently changed first. */
export async function listProjects(db: LifecycleDatabase): Promise<ProjectRecord[]> {
  return (await db.projects.orderBy('updatedAt').reverse().toArray());
}

export function getProject(db: LifecycleDatabase, id: string): Promise<ProjectRecord | undefined> {
  return db.projects.get(id);
}

/** Creates a project with an empty canvas, in one transaction. */
export async function createProject(
  db: LifecycleDatabase,
  input: Pick<ProjectRecord, 'name'> & Partial<Pick<ProjectRecord, 'description' | 'scenario' | 'rowWord'>>,
): Promise<ProjectRecord> {
  const at = nowIso();
  const project: ProjectRecord = {
    id: newId(),
    name: cleanProjectName(input.name),
    description: input.description?.trim() ?? '',
    createdAt: at,
    updatedAt: at,
    ...(input.scenario ? { scenario: input.scenario } : {}),
    ...(input.rowWord ? { rowWord: input.rowWord } : {}),
  };
  await db.transaction('rw', [db.projects, db.canvases, db.auditLog], async () => {
    await db.projects.add(project);
    await db.canvases.add(defaultCanvasRecord(project.id));
    await appendAudit(db, { projectId: project.id, action: 'project.create', detail: `Created “${project.name}”`, refs: {} });
  });
  return project;
}

export async function renameProject(db: LifecycleDatabase, id: string, name: string): Promise<void> {
  const clean = cleanProjectName(name);
  await db.transaction('rw', [db.projects, db.auditLog], async () => {
    const project = await db.projects.get(id);
    if (!project) throw new Error('That project no longer exists.');
    if (project.name === clean) return;
    await db.projects.update(id, { name: clean, updatedAt: nowIso() });
    await appendAudit(db, { projectId: id, action: 'project.rename', detail: `Renamed “${project.name}” to “${clean}”`, refs: {} });
  });
}

/** Sets what one row of the project is called (a blank plural means the regular one). */
export async function setRowWord(db: LifecycleDatabase, id: string, singular: string, plural?: string): Promise<void> {
  const word = cleanRowWord(singular, plural);
  await db.transaction('rw', [db.projects, db.auditLog], async () => {
    const project = await db.projects.get(id);
    if (!project) throw new Error('That project no longer exists.');
    if (JSON.stringify(project.rowWord) === JSON.stringify(word)) return;
    const after = rowWordOf({ rowWord: word });
    await db.projects.update(id, { rowWord: word, updatedAt: nowIso() });
    await appendAudit(db, { projectId: id, action: 'project.row-word', detail: `Rows are called “${after.singular}” / “${after.plural}”`, refs: {} });
  });
}

/** Marks a project as just changed, so it rises to the top of the list. */
export function touchProject(db: LifecycleDatabase, id: string): Promise<number> {
  return db.projects.update(id, { updatedAt: nowIso() });
}

/** Deletes a project and every record that belongs to it, all or nothing. */
export async function deleteProject(db: LifecycleDatabase, id: string): Promise<void> {
  await db.transaction('rw', db.projectTables(), async () => {
    const versionIds = await db.datasetVersions.where('projectId').equals(id).primaryKeys();
    await db.rowBlocks.where('datasetVersionId').anyOf(versionIds).delete();
    const runIds = await db.runs.where('projectId').equals(id).primaryKeys();
    // Model files the v7 upgrade could not give to a run are kept under their version's id.
    const strayFiles = (await db.modelVersions.where('projectId').equals(id).primaryKeys()).map((v) => `version:${v}`);
    await db.runArtifacts.bulkDelete([...runIds, ...strayFiles]);
    // Stores keyed by the project itself (one record each).
    await db.canvases.delete(id);
    await db.policyDrafts.delete(id);
    for (const table of db.projectTables()) {
      if (table.schema.indexes.some((i) => i.name === 'projectId')) await table.where('projectId').equals(id).delete();
    }
    await db.projects.delete(id);
  });
}
