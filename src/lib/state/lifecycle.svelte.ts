import { loadLifecycleSummary } from '$lib/db';
import { computeStageStatuses, emptySummary, type LifecycleSummary } from '$lib/core/lifecycle/stages';
import { db } from './database.svelte';
import { Live } from './live.svelte';

/** A project's stored state as counts, and each stage's status computed from them. */
export class ProjectLifecycle {
  summary: Live<LifecycleSummary>;
  statuses = $derived.by(() => computeStageStatuses(this.summary.current));

  constructor(projectId: string) {
    this.summary = new Live(() => loadLifecycleSummary(db, projectId), emptySummary());
  }
}
