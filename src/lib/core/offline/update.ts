/**
 * When a waiting new version may take over the page. Swapping code reloads the page and its
 * workers, which ends whatever they are doing: a training, an import or a drift lab job would be
 * lost. So the swap waits for running jobs unless the person has said to go ahead anyway.
 */

export type UpdateStep =
  /** Nothing runs (or the person accepted losing it): activate the new version and reload. */
  | { kind: 'apply' }
  /** Jobs run: say which, and reload when they end (or when the person confirms). */
  | { kind: 'wait'; jobs: string[] };

/** `runningJobs` are the running jobs' names; `confirmed` is the person's "reload anyway". */
export function updateStep(runningJobs: readonly string[], confirmed: boolean): UpdateStep {
  if (confirmed || runningJobs.length === 0) return { kind: 'apply' };
  return { kind: 'wait', jobs: [...new Set(runningJobs)] };
}
