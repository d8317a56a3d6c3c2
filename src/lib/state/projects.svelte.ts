import {
  createProject, createSampleProject, deleteProject, getProject, listProjects, renameProject, setRowWord,
  type ProjectRecord,
} from '$lib/db';
import { db } from './database.svelte';
import { attempt } from './notices.svelte';
import { Live } from './live.svelte';

/** The project list and the actions on it; failures surface as notices. */
export const projectList = new Live<ProjectRecord[]>(() => listProjects(db), []);

export function liveProject(id: string): Live<ProjectRecord | undefined> {
  return new Live(() => getProject(db, id), undefined);
}

export const projectActions = {
  create: (name: string) => attempt(() => createProject(db, { name })),
  rename: (id: string, name: string) => attempt(() => renameProject(db, id, name)),
  remove: (id: string) => attempt(() => deleteProject(db, id)),
  restoreSample: () => attempt(() => createSampleProject(db)),
  setRowWord: (id: string, singular: string, plural: string) => attempt(() => setRowWord(db, id, singular, plural).then(() => true)),
};
