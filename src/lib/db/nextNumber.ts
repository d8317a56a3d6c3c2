/**
 * The one rule for numbering within a project (dataset versions, runs, a model's versions): the
 * next number is the largest so far + 1, starting at 1. It must be read inside the write
 * transaction that adds the record: IndexedDB runs read-write transactions on the same tables
 * one after another, so two tabs or jobs adding at once each see the other's record and never
 * take the same number. Called outside one, it throws rather than hand out a racy number.
 */
import Dexie, { type Collection } from 'dexie';

export async function nextNumber<T>(records: Collection<T>, numberOf: (record: T) => number | undefined): Promise<number> {
  if (Dexie.currentTransaction?.mode !== 'readwrite') throw new Error('nextNumber must be called inside the write transaction that adds the numbered record.');
  let max = 0;
  await records.each((record) => {
    max = Math.max(max, numberOf(record) ?? 0);
  });
  return max + 1;
}
