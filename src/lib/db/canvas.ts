import type { LifecycleDatabase } from './database';
import type { CanvasRecord } from './records';
import { emptyCanvas, type CanvasBoxKey } from '$lib/core/lifecycle/canvas';
import type { CrispDmPhase } from '$lib/core/lifecycle/crispDm';
import { validateCriterion, type SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { keptLinks } from '$lib/core/lifecycle/valueEffort';
import { nowIso } from './ids';
import { appendAudit } from './audit';

export function defaultCanvasRecord(projectId: string): CanvasRecord {
  return { projectId, fields: emptyCanvas(), crispPhase: 'business-understanding', criteria: [], updatedAt: nowIso() };
}

/** The project's canvas; an empty one when none was saved yet. */
export async function getCanvas(db: LifecycleDatabase, projectId: string): Promise<CanvasRecord> {
  return (await db.canvases.get(projectId)) ?? defaultCanvasRecord(projectId);
}

/** An audit entry for a canvas change (the change may return its own, which wins). */
export interface CanvasAudit {
  action: string;
  detail: string;
  refs?: Record<string, string>;
}

/** One change to the canvas in one transaction (refused for a deleted project); `audit` is written with it. */
export async function updateCanvas(
  db: LifecycleDatabase,
  projectId: string,
  change: (canvas: CanvasRecord) => CanvasAudit | void,
  audit?: CanvasAudit,
): Promise<void> {
  await db.transaction('rw', [db.canvases, db.projects, db.auditLog], async () => {
    if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
    const canvas = await getCanvas(db, projectId);
    const said = change(canvas) ?? audit;
    const at = nowIso();
    canvas.updatedAt = at;
    await db.canvases.put(canvas);
    await db.projects.update(projectId, { updatedAt: at });
    if (said) await appendAudit(db, { projectId, refs: {}, ...said });
  });
}

/** Saves some canvas boxes (autosave: no audit entry per keystroke). */
export function saveCanvasFields(
  db: LifecycleDatabase,
  projectId: string,
  fields: Partial<Record<CanvasBoxKey, string>>,
): Promise<void> {
  return updateCanvas(db, projectId, (c) => {
    Object.assign(c.fields, fields);
  });
}

export function setCrispPhase(db: LifecycleDatabase, projectId: string, phase: CrispDmPhase): Promise<void> {
  return updateCanvas(db, projectId, (c) => {
    c.crispPhase = phase;
  }, {
    action: 'frame.crisp-phase',
    detail: `CRISP-DM phase set to ${phase}`,
  });
}

/** Replaces the success criteria; rejects any that are not valid targets. */
export function saveCriteria(db: LifecycleDatabase, projectId: string, criteria: SuccessCriterion[]): Promise<void> {
  const problems = criteria.flatMap((c) => validateCriterion(c));
  const ids = criteria.map((c) => c.id);
  if (new Set(ids).size !== ids.length) problems.push('Two criteria share an id.');
  if (problems.length) return Promise.reject(new Error(problems.join(' ')));
  return updateCanvas(
    db,
    projectId,
    (c) => {
      c.criteria = criteria.map((x) => ({ ...x }));
      delete c.unparsedCriteria;
      Object.assign(c, keptLinks(c));
    },
    { action: 'frame.criteria', detail: `${criteria.length} success criteria saved` },
  );
}
