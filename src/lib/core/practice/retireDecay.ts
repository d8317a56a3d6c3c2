/**
 * How a served model's accuracy moves with its age, for the retrain-or-retire calculator: the
 * minute buckets' per-version tallies (outcomes counted at prediction time, buckets.ts) grouped
 * by week of the model's age, and a straight line fitted through them. A week counts only with
 * enough outcomes, and the line is refused below a few such weeks: two noisy points always make
 * a line, and a slope from them would be read as a forecast it cannot be.
 */
import type { MetricBucket } from '../monitor/buckets';

export const WEEK_MS = 7 * 86_400_000;
/** Outcomes a week needs before its accuracy is a point of the fit. */
export const MIN_WEEK_OUTCOMES = 20;
/** Counted weeks the fit needs. */
export const MIN_FIT_WEEKS = 3;

/** One week of the model's age: week 0 is the first seven days after `bornAt`. */
export interface AgeWeek {
  week: number;
  /** Answers with a known outcome. */
  labelled: number;
  correct: number;
  /** correct / labelled, in [0, 1]; null without outcomes. */
  accuracy: number | null;
}

/**
 * The version's realized accuracy per week of age, weeks without outcomes left out, oldest
 * first. Traffic logged before `bornAtMs` (a clock set back, a shadow run before training was
 * recorded) counts in week 0.
 */
export function accuracyByAge(buckets: readonly MetricBucket[], versionId: string, bornAtMs: number): AgeWeek[] {
  const weeks = new Map<number, { labelled: number; correct: number }>();
  for (const b of buckets) {
    const tally = Object.hasOwn(b.versions, versionId) ? b.versions[versionId] : undefined;
    if (!tally || tally.labelled === 0) continue;
    const week = Math.max(0, Math.floor((b.start - bornAtMs) / WEEK_MS));
    const w = weeks.get(week) ?? { labelled: 0, correct: 0 };
    w.labelled += tally.labelled;
    w.correct += tally.correct;
    weeks.set(week, w);
  }
  return [...weeks.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([week, w]) => ({ week, labelled: w.labelled, correct: w.correct, accuracy: w.labelled ? w.correct / w.labelled : null }));
}

/** A line through the counted weeks, or why there is none; both say what they rest on. */
export type DecayFit =
  | {
      ok: true;
      /** Accuracy lost per week of age (positive = getting worse), in [−1, 1]. */
      decayPerWeek: number;
      /** The line's accuracy at age 0 and at `ageWeeks`, clamped to [0, 1]. */
      accuracyAtStart: number;
      accuracyNow: number;
      weeks: number;
      outcomes: number;
    }
  | { ok: false; reason: string; weeks: number; outcomes: number };

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Least squares weighted by each week's outcomes (a week of 500 outcomes says more than one of
 * 20), x at the middle of the week. `ageWeeks` is the model's age now, where `accuracyNow` reads.
 */
export function fitDecay(weeks: readonly AgeWeek[], ageWeeks: number): DecayFit {
  const counted = weeks.filter((w) => w.labelled >= MIN_WEEK_OUTCOMES);
  const outcomes = counted.reduce((s, w) => s + w.labelled, 0);
  const base = { weeks: counted.length, outcomes };
  if (counted.length < MIN_FIT_WEEKS) {
    const all = weeks.reduce((s, w) => s + w.labelled, 0);
    return {
      ok: false,
      ...base,
      reason:
        `No decay is fitted: it needs ${MIN_FIT_WEEKS} weeks of age with at least ${MIN_WEEK_OUTCOMES} outcomes each, ` +
        `and the history has ${counted.length} such week${counted.length === 1 ? '' : 's'} (${all.toLocaleString('en-US')} outcome${all === 1 ? '' : 's'} in all).`,
    };
  }
  let sw = 0, sx = 0, sy = 0;
  for (const w of counted) {
    sw += w.labelled;
    sx += w.labelled * (w.week + 0.5);
    sy += w.correct;
  }
  const mx = sx / sw, my = sy / sw;
  let sxx = 0, sxy = 0;
  for (const w of counted) {
    const dx = w.week + 0.5 - mx;
    sxx += w.labelled * dx * dx;
    sxy += w.labelled * dx * ((w.accuracy ?? 0) - my);
  }
  const slope = sxy / sxx; // sxx > 0: at least 3 distinct weeks
  const intercept = my - slope * mx;
  return { ok: true, ...base, decayPerWeek: -slope, accuracyAtStart: clamp01(intercept), accuracyNow: clamp01(intercept + slope * ageWeeks) };
}
