/**
 * When the app asks the browser to keep its data (persistent storage): when the person installs
 * the app and when they create their first own project — the moments the data starts to matter,
 * rather than on every load (Firefox shows a prompt for it). The last answer is remembered for
 * the Storage page.
 */
import { requestPersistentStorage } from '$lib/db';
import { nowIso } from '$lib/clock';
import { siteStorage } from './siteStorage';

export type PersistReason = 'install' | 'first-project' | 'asked';

export interface PersistAnswer {
  reason: PersistReason;
  granted: boolean;
  at: string;
}

const KEY = 'lifecycle-lab:persist-request';

export function lastPersistAnswer(): PersistAnswer | null {
  try {
    return JSON.parse(siteStorage()?.getItem(KEY) ?? 'null') as PersistAnswer | null;
  } catch {
    return null;
  }
}

/** Asks once for `reason` ('asked' — the person's own button — always asks); records the answer. */
export async function askToKeepData(reason: PersistReason): Promise<boolean> {
  if (reason === 'first-project' && lastPersistAnswer()) return lastPersistAnswer()!.granted;
  const granted = await requestPersistentStorage().catch(() => false);
  siteStorage()?.setItem(KEY, JSON.stringify({ reason, granted, at: nowIso() } satisfies PersistAnswer));
  return granted;
}
