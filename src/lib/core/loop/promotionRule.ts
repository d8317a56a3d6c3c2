/**
 * When a challenger has earned the champion's place on live traffic, or must leave it: the
 * project's promotion rule and the one decision every path asks (the Monitor's Challenger view
 * to propose, db/promotion.ts to refuse an action the rule does not back).
 *
 * - Nothing is decided before each side has `minOutcomes` graded answers (noise decides less).
 * - Roll back when the challenger's error rate — wrong answers among graded ones, 1 − accuracy —
 *   exceeds the champion's by more than `rollbackMarginPp` percentage points; a canary is also
 *   rolled back when its server error rate does (over `minOutcomes` requests a side: a shadow has
 *   no requests of its own).
 * - Promote when the challenger's accuracy ≥ the champion's − `tolerancePp` (a tie promotes:
 *   "not worse").
 * - In between (worse, but within the margin) wait for more outcomes.
 * Comparisons are exact on counts: c₁/n₁ ≥ c₀/n₀ − t is tested as 1000·c₁·n₀ ≥ 1000·c₀·n₁ − 10t·n₀·n₁
 * with t in tenths of a point, whole numbers below 2⁵³ for up to a million outcomes a side, so a
 * boundary case is decided the same everywhere.
 */
import type { LiveComparison, SideFigures } from './liveCompare';

export interface PromotionRule {
  /** Graded outcomes each side needs before anything is decided. */
  minOutcomes: number;
  /** Promote when the challenger's accuracy is at least the champion's minus this, percentage points. */
  tolerancePp: number;
  /** Roll back when the challenger's error rate exceeds the champion's by more than this, percentage points. */
  rollbackMarginPp: number;
}

export const DEFAULT_PROMOTION_RULE: Readonly<PromotionRule> = Object.freeze({ minOutcomes: 200, tolerancePp: 0, rollbackMarginPp: 2 });
export const MIN_OUTCOMES_MAX = 1_000_000;
export const MARGIN_PP_MAX = 50;

/** The project's rule; absent means the defaults. */
export function promotionRuleOf(project: { promotionRule?: Partial<PromotionRule> } | undefined): PromotionRule {
  return { ...DEFAULT_PROMOTION_RULE, ...project?.promotionRule };
}

const tenths = (pp: number) => Math.round(pp * 10);

/** Every reason `rule` cannot be saved (empty when it can). */
export function promotionRuleProblems(rule: { minOutcomes: unknown; tolerancePp: unknown; rollbackMarginPp: unknown }): string[] {
  const problems: string[] = [];
  const n = rule.minOutcomes;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MIN_OUTCOMES_MAX) {
    problems.push(`Outcomes per side must be a whole number from 1 to ${MIN_OUTCOMES_MAX.toLocaleString('en-US')} (got ${JSON.stringify(n)}).`);
  }
  const points = (value: unknown, what: string) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MARGIN_PP_MAX || Math.abs(value * 10 - tenths(value)) > 1e-9) {
      problems.push(`${what} must be from 0 to ${MARGIN_PP_MAX} percentage points, to one decimal (got ${JSON.stringify(value)}).`);
    }
  };
  points(rule.tolerancePp, 'The tolerance');
  points(rule.rollbackMarginPp, 'The rollback margin');
  return problems;
}

export type PromotionDecision =
  | { action: 'wait'; /** Graded outcomes still missing on the side that lacks most (0: enough, but undecided). */ needed: number; reason: string }
  | { action: 'promote'; reason: string }
  | { action: 'rollback'; reason: string };

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const pp = (x: number) => `${x.toLocaleString('en-US', { maximumFractionDigits: 1 })} pp`;
const count = (n: number) => n.toLocaleString('en-US');
const graded = (s: SideFigures) => `${count(s.correct)} of ${count(s.graded)} right (${pct(s.correct / s.graded)})`;

/** The rule in words, for audit reasons and the view. */
export function ruleText(rule: PromotionRule): string {
  return `at least ${count(rule.minOutcomes)} graded outcomes a side; promote when not worse than the champion by more than ${pp(rule.tolerancePp)}; roll back when its error rate is more than ${pp(rule.rollbackMarginPp)} above the champion's`;
}

/** Whether a over b is more than `marginTenths` tenths of a point: a.k/a.n − b.k/b.n > m (exact, see the file comment). */
function exceedsBy(a: { k: number; n: number }, b: { k: number; n: number }, marginTenths: number): boolean {
  return 1000 * a.k * b.n - 1000 * b.k * a.n > marginTenths * a.n * b.n;
}

/** What the rule says about the challenger now, with the reason in words. */
export function promotionDecision(rule: PromotionRule, comparison: LiveComparison): PromotionDecision {
  const { champion: c0, challenger: c1, mode } = comparison;
  const who = mode === 'shadow' ? `The shadow challenger ${c1.name}` : `The challenger ${c1.name}`;
  const margin = tenths(rule.rollbackMarginPp);
  // Server errors: a canary that fails requests is rolled back without waiting for outcomes.
  if (c0.requests !== null && c1.requests !== null && c0.serverErrors !== null && c1.serverErrors !== null && Math.min(c0.requests, c1.requests) >= rule.minOutcomes) {
    if (exceedsBy({ k: c1.serverErrors, n: c1.requests }, { k: c0.serverErrors, n: c0.requests }, margin)) {
      return {
        action: 'rollback',
        reason: `${who} failed ${count(c1.serverErrors)} of ${count(c1.requests)} requests (${pct(c1.serverErrors / c1.requests)}), the champion ${c0.name} ${count(c0.serverErrors)} of ${count(c0.requests)} (${pct(c0.serverErrors / c0.requests)}): more than ${pp(rule.rollbackMarginPp)} above it.`,
      };
    }
  }
  const needed = Math.max(0, rule.minOutcomes - c0.graded, rule.minOutcomes - c1.graded);
  if (needed > 0) {
    return {
      action: 'wait',
      needed,
      reason: `Waiting for outcomes: the challenger has ${count(c1.graded)} graded and the champion ${count(c0.graded)}; each needs ${count(rule.minOutcomes)}, so at least ${count(needed)} more are needed.`,
    };
  }
  const figures = `${who} was ${graded(c1)}, the champion ${c0.name} ${graded(c0)}`;
  const wrong = (s: SideFigures) => ({ k: s.graded - s.correct, n: s.graded });
  if (exceedsBy(wrong(c1), wrong(c0), margin)) {
    return { action: 'rollback', reason: `${figures}: its error rate is more than ${pp(rule.rollbackMarginPp)} above the champion's.` };
  }
  // Not worse: c1/n1 ≥ c0/n0 − tolerance, i.e. c0/n0 − c1/n1 is not more than the tolerance.
  if (!exceedsBy({ k: c0.correct, n: c0.graded }, { k: c1.correct, n: c1.graded }, tenths(rule.tolerancePp))) {
    return { action: 'promote', reason: `${figures}: not worse than the champion by more than ${pp(rule.tolerancePp)}.` };
  }
  return {
    action: 'wait',
    needed: 0,
    reason: `${figures}: worse by more than the ${pp(rule.tolerancePp)} tolerance, but not by more than the ${pp(rule.rollbackMarginPp)} rollback margin. More outcomes will tell.`,
  };
}
