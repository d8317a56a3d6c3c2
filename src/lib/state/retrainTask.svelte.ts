/**
 * Whether the served model is due for retraining (db/retrainFacts.ts → core/loop/retrainPolicy.ts),
 * evaluated when the project opens, again whenever the stores it reads change (logs, outcomes,
 * drift reports, deployments, criteria, the policy) and once a minute while it is on screen, so a
 * schedule by days comes due without any write.
 */
import { retrainStatus, type RetrainStatus } from '$lib/db';
import { nowMs } from '$lib/clock';
import { db } from './database.svelte';
import { Live } from './live.svelte';

/** How often a schedule by days is re-checked while the page is open (ms). */
export const RETRAIN_RECHECK_MS = 60_000;

export class RetrainTask {
  /** Bumped by the timer: a new Live re-reads the clock. */
  #tick = $state(0);
  readonly status = $derived.by(() => {
    void this.#tick;
    const projectId = this.projectId;
    return new Live<RetrainStatus | null>(() => retrainStatus(db, projectId, nowMs()), null);
  });

  constructor(readonly projectId: string) {}

  /** Starts the minute timer; returns the function that stops it (an $effect's cleanup). */
  start(): () => void {
    const timer = setInterval(() => this.#tick++, RETRAIN_RECHECK_MS);
    return () => clearInterval(timer);
  }
}

/** For a component's script: its project's retrain status, re-checked each minute while the component lives. */
export function retrainStatusOf(projectId: () => string): { readonly current: RetrainStatus | null } {
  const task = $derived(new RetrainTask(projectId()));
  $effect(() => task.start());
  return {
    get current() {
      return task.status.current;
    },
  };
}
