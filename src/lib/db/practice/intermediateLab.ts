/**
 * Where the learner left the intermediate mission's drift lab. The lab keeps its state only in
 * its address, so the mission's record keeps the latest one: the mission page's links then reopen
 * the lab where the learner was, not at week 0 (starting over writes the template's start again).
 */
import type { LifecycleDatabase } from '../database';

/** Keeps `lab` (the lab's encoded state) as the mission's lab address; false, writing nothing, when the mission is not running or it is unchanged. */
export function keepIntermediateLabState(db: LifecycleDatabase, lab: string): Promise<boolean> {
  return db.transaction('rw', db.missions, async () => {
    const record = await db.missions.get('intermediate');
    if (!record || record.start?.lab === lab) return false;
    await db.missions.put({ ...record, start: { ...record.start, lab } });
    return true;
  });
}
