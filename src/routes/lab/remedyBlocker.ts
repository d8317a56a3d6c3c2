/**
 * Why the remedies are disabled right now, in words (null when they are not): a remedy deploys a
 * model from the next simulated week, trained on weeks already logged, between two weeks.
 */
export interface RemedyClock {
  /** Weeks simulated. */
  week: number;
  weeks: number;
  playing: boolean;
}

export function remedyBlocker({ week, weeks, playing }: RemedyClock): string | null {
  if (playing) return 'Pause first: a remedy is applied between two weeks.';
  if (week === 0) return 'Step at least one week first: a remedy trains on weeks already logged.';
  if (week >= weeks) {
    return `All ${weeks} weeks are simulated, so no week is left to serve a new model: a remedy deploys from the next week. Go back to an earlier week and apply it from there.`;
  }
  return null;
}

/** The week "go back" offers first: three weeks before the latest, when the drop shows. */
export const defaultRewindWeek = (week: number) => Math.max(1, week - 3);
