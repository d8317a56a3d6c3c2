import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ProjectRecord } from '$lib/db/records';
import { createProject, getProject } from '$lib/db/projects';
import { defaultCanvasRecord, getCanvas, saveCanvasFields, saveCriteria, setCrispPhase } from '$lib/db/canvas';
import { listAudit } from '$lib/db/audit';
import { emptyCanvas } from '$lib/core/lifecycle/canvas';
import { DEFAULT_TICKET_CRITERIA, type SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { freshDb } from './testDb';

let db: LifecycleDatabase;
let project: ProjectRecord;

beforeEach(async () => {
  db = freshDb();
  project = await createProject(db, { name: 'Canvas' });
});

afterEach(async () => {
  vi.useRealTimers();
  await db.delete();
});

const auditActions = async () => (await listAudit(db, project.id)).map((e) => e.action);

describe('getCanvas', () => {
  it('gives a new project an empty canvas in the first CRISP-DM phase', async () => {
    const canvas = await getCanvas(db, project.id);
    expect(canvas.projectId).toBe(project.id);
    expect(canvas.fields).toEqual(emptyCanvas());
    expect(Object.keys(canvas.fields)).toHaveLength(10);
    expect(canvas.crispPhase).toBe('business-understanding');
    expect(canvas.criteria).toEqual([]);
    expect(canvas.unparsedCriteria).toBeUndefined();
  });

  it('falls back to a default canvas when none is stored', async () => {
    await db.canvases.delete(project.id);
    const canvas = await getCanvas(db, project.id);
    const { updatedAt: _a, ...rest } = canvas;
    const { updatedAt: _b, ...expected } = defaultCanvasRecord(project.id);
    expect(rest).toEqual(expected);
  });
});

describe('saveCanvasFields', () => {
  it('updates only the given boxes and keeps the others', async () => {
    await saveCanvasFields(db, project.id, { valueProposition: 'Faster routing', decisions: 'Auto-route' });
    await saveCanvasFields(db, project.id, { decisions: 'Auto-route when confident', monitoring: 'p99 latency' });
    const canvas = await getCanvas(db, project.id);
    expect(canvas.fields).toEqual({
      ...emptyCanvas(),
      valueProposition: 'Faster routing',
      decisions: 'Auto-route when confident',
      monitoring: 'p99 latency',
    });
  });

  it('keeps criteria and phase, bumps updatedAt, and writes no audit entry (autosave)', async () => {
    await saveCriteria(db, project.id, DEFAULT_TICKET_CRITERIA);
    await setCrispPhase(db, project.id, 'modeling');
    const actions = await auditActions();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-01-01T00:00:00.000Z'));
    await saveCanvasFields(db, project.id, { features: 'TF-IDF' });
    const canvas = await getCanvas(db, project.id);
    expect(canvas.criteria).toEqual(DEFAULT_TICKET_CRITERIA);
    expect(canvas.crispPhase).toBe('modeling');
    expect(canvas.updatedAt).toBe('2031-01-01T00:00:00.000Z');
    expect((await getProject(db, project.id))?.updatedAt).toBe('2031-01-01T00:00:00.000Z');
    expect(await auditActions()).toEqual(actions);
  });

  it('rejects an unknown project and stores nothing', async () => {
    await expect(saveCanvasFields(db, 'no-such-id', { features: 'x' })).rejects.toThrow('That project no longer exists.');
    expect(await db.canvases.get('no-such-id')).toBeUndefined();
    expect(await db.canvases.count()).toBe(1);
  });
});

describe('setCrispPhase', () => {
  it('stores the phase and audits it', async () => {
    await setCrispPhase(db, project.id, 'evaluation');
    expect((await getCanvas(db, project.id)).crispPhase).toBe('evaluation');
    const [latest] = await listAudit(db, project.id);
    expect(latest.action).toBe('frame.crisp-phase');
    expect(latest.detail).toContain('evaluation');
  });
});

describe('saveCriteria', () => {
  const accuracy: SuccessCriterion = { id: 'acc', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 };
  const latency: SuccessCriterion = {
    id: 'lat', metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200, note: 'single call',
  };

  it('stores the criteria and audits how many were saved', async () => {
    await saveCriteria(db, project.id, [accuracy, latency]);
    expect((await getCanvas(db, project.id)).criteria).toEqual([accuracy, latency]);
    const [latest] = await listAudit(db, project.id);
    expect(latest.action).toBe('frame.criteria');
    expect(latest.detail).toContain('2 success criteria');
  });

  it('replaces the previous list and clears criteria left unparsed by a migration', async () => {
    await db.canvases.update(project.id, { unparsedCriteria: ['customers are happy'] });
    await saveCriteria(db, project.id, [accuracy, latency]);
    await saveCriteria(db, project.id, [latency]);
    const canvas = await getCanvas(db, project.id);
    expect(canvas.criteria).toEqual([latency]);
    expect(canvas.unparsedCriteria).toBeUndefined();
    expect('unparsedCriteria' in canvas).toBe(false);
  });

  it.each<[string, unknown]>([
    ['an accuracy above 1', { ...accuracy, threshold: 1.5 }],
    ['an unknown metric', { ...accuracy, metric: 'happiness' }],
    ['an unknown split', { ...accuracy, split: 'holdout' }],
    ['an equality comparator', { ...accuracy, comparator: '==' }],
    ['a missing id', { ...accuracy, id: '' }],
    ['a negative latency', { ...latency, threshold: -1 }],
  ])('rejects %s and stores nothing', async (_what, bad) => {
    await saveCriteria(db, project.id, [accuracy]);
    const before = await getCanvas(db, project.id);
    const auditBefore = await db.auditLog.count();
    const attempt = saveCriteria(db, project.id, [latency, bad as SuccessCriterion]);
    await expect(attempt).rejects.toThrow(/\S/);
    expect(await getCanvas(db, project.id)).toEqual(before);
    expect(await db.auditLog.count()).toBe(auditBefore);
  });

  it('names the problem in the error', async () => {
    await expect(saveCriteria(db, project.id, [{ ...accuracy, metric: 'happiness' } as unknown as SuccessCriterion])).rejects.toThrow(
      /metric must be one of/,
    );
  });

  it('rejects an unknown project', async () => {
    await expect(saveCriteria(db, 'no-such-id', [accuracy])).rejects.toThrow('That project no longer exists.');
    expect(await db.canvases.get('no-such-id')).toBeUndefined();
  });
});
