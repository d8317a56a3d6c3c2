/** The Value-vs-Effort matrix's items, kept on the project's canvas record (core/lifecycle/valueEffort.ts). */
import type { LifecycleDatabase } from './database';
import { keyResultIds } from '$lib/core/lifecycle/objectives';
import { copyItems, describeItemChange, valueEffortProblems, type ValueEffortItem } from '$lib/core/lifecycle/valueEffort';
import { formatProblem } from '$lib/core/documents/problems';
import { updateCanvas } from './canvas';

/** Adds the item, or replaces the one with its id; refused (nothing written) when it is not valid. */
export function saveValueEffortItem(db: LifecycleDatabase, projectId: string, item: ValueEffortItem): Promise<void> {
  return updateCanvas(db, projectId, (c) => {
    const items = c.valueEffort ?? [];
    const before = items.find((i) => i.id === item.id);
    const next = before ? items.map((i) => (i.id === item.id ? item : i)) : [...items, item];
    const problems = valueEffortProblems(next, new Set(c.criteria.map((x) => x.id)), keyResultIds(c.objectives ?? []), '/valueEffort');
    if (problems.length) throw new Error(`The item was not saved: ${problems.map(formatProblem).join(' ')}`);
    c.valueEffort = copyItems(next);
    return { ...describeItemChange(before, item), refs: { itemId: item.id } };
  });
}

/** Removes the item; refused for an unknown id. */
export function removeValueEffortItem(db: LifecycleDatabase, projectId: string, id: string): Promise<void> {
  return updateCanvas(db, projectId, (c) => {
    const item = c.valueEffort?.find((i) => i.id === id);
    if (!item) throw new Error('That item is no longer on the matrix.');
    c.valueEffort = c.valueEffort!.filter((i) => i.id !== id);
    return { action: 'frame.value-effort.remove', detail: `Removed ${item.title} from the Value-vs-Effort matrix`, refs: { itemId: id } };
  });
}
