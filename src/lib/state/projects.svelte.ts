import {
  createProject, createSampleProject, deleteProject, getProject, listProjects, renameProject, setRowWord,
  type ProjectRecord,
} from '$lib/db';
import { db } from './database.svelte';
import { attempt } from './notices.svelte';
import { Live } from './live.svelte';
import { askToKeepData } from './persistRequest';

/** The project list and the actions on it; failures surface as notices. */
export const projectList = new Live<ProjectRecord[]>(() => listProjects(db), []);

export function liveProject(id: string): Live<ProjectRecord | undefined> {
  return new Live(() => getProject(db, id), undefined);
}

export const projectActions = {
  create: async (name: string) => {
    const project = await attempt(() => createProject(db, { name }));
    // The person's own work now lives here: the moment to ask the browser to keep it.
    if (project) void askToKeepData('first-project');
    return project;
  },
  rename: (id: string, name: string) => attempt(() => renameProject(db, id, name)),
  remove: (id: string) => attempt(() => deleteProject(db, id)),
  restoreSample: () => attempt(() => createSampleProject(db)),
  setRowWord: (id: string, singular: string, plural: string) => attempt(() => setRowWord(db, id, singular, plural).then(() => true)),
};
