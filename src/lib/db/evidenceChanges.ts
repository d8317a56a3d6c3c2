/**
 * What changed since each approval that is up for re-review (core/governance/evidenceChanges.ts),
 * for Govern → Gates: the gate states come from the overview; the drift reports and the
 * production alerts (success criteria on live traffic, in day steps from the oldest such approval
 * to now; they speak about the served version and a challenger) are read once for all of them.
 */
import type { LifecycleDatabase } from './database';
import type { GovernanceOverview } from '$lib/core/governance/overview';
import type { GateState } from '$lib/core/governance/gateState';
import { evidenceChangesSince, type EvidenceChange } from '$lib/core/governance/evidenceChanges';
import { evaluateAlerts } from '$lib/core/monitor/alerts';
import { bucketizeHealthChecks } from '$lib/core/monitor/aggregate';
import { listDriftReports } from './driftReports';
import { healthChecks, metricBuckets } from './monitoring';
import { getCanvas } from './canvas';
import { governanceRecords } from './governance';

const DAY_MS = 86_400_000;

/** The key of one gate's changes for one object. */
export const changesKey = (gateId: string, objectId: string) => `${gateId}:${objectId}`;

/** An approval a re-review is about: due, lapsed, or with a review requested since. */
function upForReReview(state: GateState): boolean {
  return state.decision?.outcome === 'approve' && (state.status === 'due' || state.status === 'lapsed' || state.openRequest !== null);
}

/** The changes by {@link changesKey}, for every gate object of `overview` up for re-review (none listed: nothing to say). */
export async function evidenceChangesFor(db: LifecycleDatabase, projectId: string, overview: GovernanceOverview, now: number): Promise<Record<string, EvidenceChange[]>> {
  const up = overview.gates.flatMap(({ objects }) => objects.filter((o) => upForReReview(o.state)));
  if (up.length === 0) return {};
  const from = Math.floor(Math.min(...up.map((o) => Date.parse(o.state.decision!.at))) / DAY_MS) * DAY_MS;
  const to = Math.max(from + DAY_MS, Math.ceil(now / DAY_MS) * DAY_MS);
  const [records, reports, canvas, buckets, checks] = await Promise.all([
    governanceRecords(db, projectId),
    listDriftReports(db, projectId),
    getCanvas(db, projectId),
    metricBuckets(db, projectId, from, to),
    healthChecks(db, projectId, new Date(from).toISOString(), new Date(to).toISOString()),
  ]);
  const productionAlerts = evaluateAlerts(canvas.criteria, { buckets, health: bucketizeHealthChecks(checks) }, { from, to, stepMs: DAY_MS });
  const changes: Record<string, EvidenceChange[]> = {};
  for (const { object, state } of up) {
    const datasetVersionId = object.kind === 'model-version' ? await trainedOn(db, object.id) : null;
    // Live traffic speaks about the version that answered it.
    const served = object.roles.includes('served') || object.roles.includes('challenger');
    changes[changesKey(state.gate.id, object.id)] = evidenceChangesSince({ state, records, datasetVersionId, driftReports: reports, productionAlerts: served ? productionAlerts : [] });
  }
  return changes;
}

async function trainedOn(db: LifecycleDatabase, modelVersionId: string): Promise<string | null> {
  return (await db.modelVersions.get(modelVersionId))?.datasetVersionId ?? null;
}
