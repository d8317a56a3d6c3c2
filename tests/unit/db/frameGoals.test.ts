import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ProjectRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { getCanvas, saveCriteria } from '$lib/db/canvas';
import { saveObjectives } from '$lib/db/objectives';
import { removeValueEffortItem, saveValueEffortItem } from '$lib/db/valueEffort';
import { listAudit } from '$lib/db/audit';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import type { Objective } from '$lib/core/lifecycle/objectives';
import type { ValueEffortItem } from '$lib/core/lifecycle/valueEffort';
import { freshDb } from './testDb';

let db: LifecycleDatabase;
let project: ProjectRecord;

beforeEach(async () => {
  db = freshDb();
  project = await createProject(db, { name: 'Goals' });
  await saveCriteria(db, project.id, DEFAULT_TICKET_CRITERIA);
});

afterEach(async () => {
  await db.delete();
});

const objectives: Objective[] = [{
  id: 'o1', text: 'Answer customers faster',
  keyResults: [
    { id: 'kr1', text: 'Most tickets routed without a person', criterionIds: ['ticket-accuracy-test'], businessMetrics: ['automatic_share'] },
    { id: 'kr2', text: 'Answers come back at once', criterionIds: ['ticket-latency-p99'], businessMetrics: [] },
  ],
}];
const item: ValueEffortItem = { id: 'i1', title: 'Suggest a reply', owner: 'Ana', value: 7, effort: 3, expected: 'Automatic share +10 points', criterionIds: ['ticket-accuracy-test'], keyResultIds: ['kr1'] };
const actions = async () => (await listAudit(db, project.id)).map((e) => [e.action, e.detail]).reverse().filter(([a]) => a.startsWith('frame.objectives') || a.startsWith('frame.value'));
const snapshotOf = async () => ({ canvas: await getCanvas(db, project.id), audit: await db.auditLog.count() });

describe('objectives and Value-vs-Effort items on the canvas', () => {
  it('stores objectives and items, each change with its audit entry', async () => {
    await saveObjectives(db, project.id, objectives);
    await saveValueEffortItem(db, project.id, item);
    await saveValueEffortItem(db, project.id, { ...item, value: 8 });
    await saveValueEffortItem(db, project.id, { ...item, value: 8, outcome: { moved: 'yes', note: 'share went from 41 % to 52 %', at: '2026-03-01T00:00:00.000Z' } });
    await saveValueEffortItem(db, project.id, { ...item, owner: 'Ben', value: 8, outcome: { moved: 'yes', note: 'share went from 41 % to 52 %', at: '2026-03-01T00:00:00.000Z' } });
    const canvas = await getCanvas(db, project.id);
    expect(canvas.objectives).toEqual(objectives);
    expect(canvas.valueEffort).toEqual([{ ...item, owner: 'Ben', value: 8, outcome: { moved: 'yes', note: 'share went from 41 % to 52 %', at: '2026-03-01T00:00:00.000Z' } }]);
    expect(await actions()).toEqual([
      ['frame.objectives', '1 objective with 2 key results saved'],
      ['frame.value-effort.add', 'Added Suggest a reply: value 7, effort 3 — quick win; owner Ana'],
      ['frame.value-effort.move', 'Moved Suggest a reply: value 8, effort 3 — quick win'],
      ['frame.value-effort.outcome', 'Delivered Suggest a reply; its metric moved: share went from 41 % to 52 %'],
      ['frame.value-effort.edit', 'Edited Suggest a reply: value 8, effort 3 — quick win; owner Ben'],
    ]);
    await removeValueEffortItem(db, project.id, 'i1');
    expect((await getCanvas(db, project.id)).valueEffort).toEqual([]);
    expect((await listAudit(db, project.id))[0]).toMatchObject({ action: 'frame.value-effort.remove', refs: { itemId: 'i1' } });
  });

  it('refuses bad input and writes nothing', async () => {
    await saveObjectives(db, project.id, objectives);
    const before = await snapshotOf();
    await expect(saveValueEffortItem(db, project.id, { ...item, value: 11 })).rejects.toThrow('/valueEffort/0/value: must be a whole number from 1 to 10; got 11.');
    await expect(saveValueEffortItem(db, project.id, { ...item, keyResultIds: ['kr9'] })).rejects.toThrow('names no key result of this project ("kr9")');
    await expect(saveObjectives(db, project.id, [{ ...objectives[0], keyResults: [{ ...objectives[0].keyResults[0], criterionIds: ['nope'] }] }])).rejects.toThrow('/objectives/0/keyResults/0/criterionIds/0');
    await expect(saveObjectives(db, project.id, [{ ...objectives[0], text: '  ' }])).rejects.toThrow('/objectives/0/text: must be a non-empty text.');
    await expect(removeValueEffortItem(db, project.id, 'nobody')).rejects.toThrow('no longer on the matrix');
    expect(await snapshotOf()).toEqual(before);
  });

  it('drops links to a removed criterion or key result in the same change', async () => {
    await saveObjectives(db, project.id, objectives);
    await saveValueEffortItem(db, project.id, { ...item, keyResultIds: ['kr1', 'kr2'] });
    await saveObjectives(db, project.id, [{ ...objectives[0], keyResults: [objectives[0].keyResults[1]] }]);
    expect((await getCanvas(db, project.id)).valueEffort![0].keyResultIds).toEqual(['kr2']);
    await saveCriteria(db, project.id, DEFAULT_TICKET_CRITERIA.filter((c) => c.id !== 'ticket-latency-p99'));
    const canvas = await getCanvas(db, project.id);
    expect(canvas.objectives![0].keyResults[0].criterionIds).toEqual([]);
    expect(canvas.valueEffort![0].criterionIds).toEqual(['ticket-accuracy-test']);
  });
});
