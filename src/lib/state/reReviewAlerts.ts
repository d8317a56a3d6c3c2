import { governanceOverviewOf } from '$lib/db';
import { reReviewAlerts, type ReReviewAlert } from '$lib/core/governance/reReviewAlerts';
import { nowMs } from '$lib/clock';
import { db } from './database.svelte';
import { Live } from './live.svelte';

/** The Monitor stage's re-review alert (core/governance/reReviewAlerts.ts), re-read when governance records change. */
export function reReviewAlertsOf(projectId: string): Live<ReReviewAlert[]> {
  return new Live(async () => {
    const now = nowMs();
    return reReviewAlerts(await governanceOverviewOf(db, projectId, now), now);
  }, []);
}
