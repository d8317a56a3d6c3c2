import { describe, expect, it } from 'vitest';
import { MissionCancelled, startMission } from '$lib/state/practice/startMission';
import type { MissionTemplate } from '$lib/state/practice/template';
import { getMission } from '$lib/db/practice/missions';
import { createProject, listProjects } from '$lib/db/projects';
import { beginnerTemplate } from '$lib/state/practice/beginnerTemplate';
import { freshDbsPerTest } from '../../db/testDb';

const fresh = freshDbsPerTest();
const hooks = (signal = new AbortController().signal) => ({ signal, progress: () => {} });

describe('starting a mission', () => {
  it('builds the beginner project, and starting over replaces it with a clean one', async () => {
    const db = fresh();
    const first = await startMission(db, 'beginner', beginnerTemplate, hooks());
    expect(first.attempt).toBe(1);
    const projects = await listProjects(db);
    expect(projects.map((p) => p.name)).toEqual(['Ticket classifier (practice, attempt 1)']);
    expect(projects[0].id).toBe(first.projectId);

    const second = await startMission(db, 'beginner', beginnerTemplate, hooks());
    expect(second).toMatchObject({ attempt: 2, notes: {}, events: [] });
    expect((await listProjects(db)).map((p) => p.name)).toEqual(['Ticket classifier (practice, attempt 2)']);
  });

  it('a template that fails after creating its project leaves nothing behind and the previous attempt as it was', async () => {
    const db = fresh();
    const first = await startMission(db, 'beginner', beginnerTemplate, hooks());
    const failing: MissionTemplate = async (ctx) => {
      const p = await createProject(ctx.db, { name: 'Half built' });
      ctx.created(p.id);
      throw new Error('training failed');
    };
    await expect(startMission(db, 'beginner', failing, hooks())).rejects.toThrow('training failed');
    expect((await listProjects(db)).map((p) => p.id)).toEqual([first.projectId]);
    expect(await getMission(db, 'beginner')).toEqual(first);
  });

  it('cancelling deletes what the template created, even when the template finishes anyway', async () => {
    const db = fresh();
    const controller = new AbortController();
    const ignoresCancel: MissionTemplate = async (ctx) => {
      const p = await createProject(ctx.db, { name: 'Cancelled' });
      ctx.created(p.id);
      controller.abort();
      return { projectId: p.id };
    };
    await expect(startMission(db, 'intermediate', ignoresCancel, hooks(controller.signal))).rejects.toBeInstanceOf(MissionCancelled);
    expect(await listProjects(db)).toEqual([]);
    expect(await getMission(db, 'intermediate')).toBeUndefined();
  });
});
