/**
 * The served champion and its challenger side by side on the same live traffic (one deployment's
 * logs), once outcomes arrive: outcomes graded, accuracy with a 95 % Wilson interval, the share of
 * graded answers that were wrong, server errors, calibration (ECE, core/eval/calibration.ts, over
 * the graded answers' logged confidences) and latency p50/p99 (core/eval/latency.ts).
 *
 * A canary's answers are its own requests; a shadow answers nobody, so it scores the very
 * requests the champion answered and is graded by the same outcomes (they share a prediction id,
 * db/monitoring.ts `recordOutcomes`). Its latency is its scoring time alone, and it has no
 * requests of its own (server errors are null).
 */
import { expectedCalibrationError, reliabilityFromConfidences } from '../eval/calibration';
import { percentiles } from '../eval/latency';

/** z for a two-sided 95 % interval: Φ⁻¹(0.975) (scipy.stats.norm.ppf(0.975)). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson score interval for `successes` of `n` (Wilson 1927): centre (p̂ + z²/2n) / (1 + z²/n),
 * half-width z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/4n²). Unlike p̂ ± z·√(p̂(1−p̂)/n) it stays inside
 * [0, 1] and is not zero-width at 0 or n successes. Null for n = 0.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): { lo: number; hi: number } | null {
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(successes) && successes >= 0 && successes <= n)) {
    throw new RangeError(`A Wilson interval needs whole counts with 0 ≤ successes ≤ n (got ${successes} of ${n}).`);
  }
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/** One logged answer as the comparison reads it. */
export interface ComparedAnswer {
  label: string;
  /** Probability of `label`, in [0, 1]. */
  confidence: number;
  latencyMs: number;
  /** HTTP status; only 2xx answers are graded. */
  status: number;
  outcome?: string;
}

/** Predict requests routed to a version and how many failed (5xx or no answer). */
export interface RequestCounts {
  requests: number;
  serverErrors: number;
}

export interface SideFigures {
  modelVersionId: string;
  /** "Ticket router v2". */
  name: string;
  /** Answers logged (a shadow's scores included). */
  answers: number;
  /** Answers with an outcome. */
  graded: number;
  correct: number;
  /** correct / graded; null before any outcome. */
  accuracy: number | null;
  /** 95 % Wilson interval of the accuracy. */
  interval: { lo: number; hi: number } | null;
  /** Wrong graded answers / graded (1 − accuracy): the rule's error rate. */
  errorRate: number | null;
  /** Null for a shadow (it has no requests of its own). */
  requests: number | null;
  serverErrors: number | null;
  serverErrorRate: number | null;
  /** Expected calibration error over the graded answers (10 bins); null before any outcome. */
  ece: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface LiveComparison {
  mode: 'canary' | 'shadow';
  /** Canary share, % (0 for a shadow). */
  percent: number;
  /** ISO time the deployment started: the window is from then on. */
  since: string;
  champion: SideFigures;
  challenger: SideFigures;
}

/** A side's figures from its logged answers and (canary and champion) its request counts. */
export function sideFigures(version: { modelVersionId: string; name: string }, answers: readonly ComparedAnswer[], requests: RequestCounts | null): SideFigures {
  const confidences: number[] = [];
  const right: number[] = [];
  for (const a of answers) {
    if (a.outcome === undefined || a.status < 200 || a.status > 299) continue;
    confidences.push(a.confidence);
    right.push(a.label === a.outcome ? 1 : 0);
  }
  const graded = right.length;
  const correct = right.reduce((n, r) => n + r, 0);
  const latency = percentiles(answers.map((a) => a.latencyMs));
  return {
    ...version,
    answers: answers.length,
    graded,
    correct,
    accuracy: graded ? correct / graded : null,
    interval: wilsonInterval(correct, graded),
    errorRate: graded ? (graded - correct) / graded : null,
    requests: requests?.requests ?? null,
    serverErrors: requests?.serverErrors ?? null,
    serverErrorRate: requests?.requests ? requests.serverErrors / requests.requests : null,
    ece: graded ? expectedCalibrationError(reliabilityFromConfidences(confidences, right)) : null,
    p50Ms: latency?.p50 ?? null,
    p99Ms: latency?.p99 ?? null,
  };
}
