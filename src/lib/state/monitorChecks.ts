/** The Monitor dashboard's "Is it real?" checks and request-contract violations, for a time window. */
import { artefactFacts, contractViolations, type RequestLogRecord } from '$lib/db';
import { checkArtefacts, type ArtefactReport } from '$lib/core/monitor/artefactChecks';
import { db } from './database.svelte';
import { Live } from './live.svelte';
import { WINDOWS, type WindowId } from './monitor';
import { nowMs } from '$lib/clock';

/** The window [from, to) the dashboard shows, ending at the next step boundary (as monitorView's). */
function windowRange(windowId: WindowId): { from: number; to: number } {
  const w = WINDOWS.find((x) => x.id === windowId)!;
  const to = Math.ceil(nowMs() / w.stepMs) * w.stepMs;
  return { from: to - w.ms, to };
}

export function artefactReport(projectId: string, windowId: WindowId): Live<ArtefactReport | null> {
  return new Live(async () => {
    const { from, to } = windowRange(windowId);
    return checkArtefacts(await artefactFacts(db, projectId, from, to));
  }, null);
}

/** Shown violations: the newest few. */
export const SHOWN_VIOLATIONS = 5;

export function violationsView(projectId: string, windowId: WindowId): Live<{ count: number; byField: [string, number][]; latest: RequestLogRecord[] } | null> {
  return new Live(async () => {
    const { from, to } = windowRange(windowId);
    const all = await contractViolations(db, projectId, from, to);
    const byField = new Map<string, number>();
    for (const v of all) byField.set(v.field ?? '(unnamed)', (byField.get(v.field ?? '(unnamed)') ?? 0) + 1);
    return { count: all.length, byField: [...byField].sort((a, b) => b[1] - a[1]), latest: all.slice(0, SHOWN_VIOLATIONS) };
  }, null);
}
