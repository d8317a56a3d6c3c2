/**
 * What the Monitor's "Is it real?" checks (core/monitor/artefactChecks.ts) and its contract
 * violations read: a window's request logs (and the window before), its served predictions'
 * times and outcomes, and its health probes.
 */
import type { LifecycleDatabase } from './database';
import type { RequestLogRecord } from './records';
import type { ArtefactInput } from '$lib/core/monitor/artefactChecks';
import { healthChecks } from './monitoring';

const between = (projectId: string, from: number, to: number) => [[projectId, new Date(from).toISOString()], [projectId, new Date(to).toISOString()]] as const;

/** The logs of [from, to) for the checks, with the request logs of the window before. */
export async function artefactFacts(db: LifecycleDatabase, projectId: string, from: number, to: number): Promise<ArtefactInput> {
  return db.transaction('r', [db.requestLogs, db.predictionLogs, db.healthChecks], async () => {
    const requests = await db.requestLogs.where('[projectId+at]').between(...between(projectId, from - (to - from), to), true, false).toArray();
    const predictions: ArtefactInput['predictions'][number][] = [];
    // Only the fields the checks read: a week of logs holds texts too large to keep around.
    await db.predictionLogs.where('[projectId+at]').between(...between(projectId, from, to), true, false).each((p) => {
      if (p.route !== 'shadow') predictions.push({ at: p.at, ...(p.outcome !== undefined ? { outcome: p.outcome } : {}), ...(p.outcomeAt ? { outcomeAt: p.outcomeAt } : {}) });
    });
    const probes = await healthChecks(db, projectId, new Date(from).toISOString(), new Date(to).toISOString());
    return { from, to, requests: requests.map((r) => ({ at: r.at, route: r.route, status: r.status })), predictions, probes: probes.map((p) => ({ at: p.at, ok: p.ok })) };
  });
}

/** The project's predict requests refused by its request contract in [from, to), newest first. */
export async function contractViolations(db: LifecycleDatabase, projectId: string, from: number, to: number): Promise<RequestLogRecord[]> {
  const logs = await db.requestLogs.where('[projectId+at]').between(...between(projectId, from, to), true, false).toArray();
  return logs.filter((r) => r.code === 'contract_violation').reverse();
}
