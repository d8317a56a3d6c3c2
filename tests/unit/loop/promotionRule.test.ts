import { describe, expect, it } from 'vitest';
import { DEFAULT_PROMOTION_RULE, promotionDecision, promotionRuleOf, promotionRuleProblems, type PromotionRule } from '$lib/core/loop/promotionRule';
import type { LiveComparison, SideFigures } from '$lib/core/loop/liveCompare';

/** A side with `correct` of `graded` right and, for a served side, `requests` with `serverErrors`. */
function side(name: string, correct: number, graded: number, requests: number | null = graded, serverErrors = 0): SideFigures {
  return {
    modelVersionId: name, name, answers: graded, graded, correct, accuracy: graded ? correct / graded : null, interval: null, errorRate: graded ? 1 - correct / graded : null,
    requests, serverErrors: requests === null ? null : serverErrors, serverErrorRate: requests ? serverErrors / requests : null, ece: null, p50Ms: null, p99Ms: null,
  };
}
const canary = (champion: SideFigures, challenger: SideFigures): LiveComparison => ({ mode: 'canary', percent: 10, since: '2026-06-01T00:00:00.000Z', champion, challenger });
const shadow = (champion: SideFigures, challenger: SideFigures): LiveComparison => ({ mode: 'shadow', percent: 0, since: '2026-06-01T00:00:00.000Z', champion, challenger });
const rule = (r: Partial<PromotionRule> = {}): PromotionRule => ({ ...DEFAULT_PROMOTION_RULE, ...r });

describe('promotionDecision', () => {
  it('waits below the minimum on either side, saying how many outcomes are still needed', () => {
    const d = promotionDecision(rule(), canary(side('v1', 190, 200), side('v2', 120, 130)));
    expect(d).toMatchObject({ action: 'wait', needed: 70 });
    expect(d.reason).toContain('the challenger has 130 graded and the champion 200; each needs 200, so at least 70 more are needed');
    // Even a far better challenger waits for its minimum.
    expect(promotionDecision(rule(), canary(side('v1', 100, 199), side('v2', 200, 200)))).toMatchObject({ action: 'wait', needed: 1 });
  });

  it('promotes exactly at the tolerance boundary, not a tenth of a point past it', () => {
    // Champion 90.0 %; tolerance 1.5 pp: 88.5 % promotes (177/200), 88.0 % does not (176/200).
    expect(promotionDecision(rule({ tolerancePp: 1.5 }), canary(side('v1', 180, 200), side('v2', 177, 200))).action).toBe('promote');
    const past = promotionDecision(rule({ tolerancePp: 1.5 }), canary(side('v1', 180, 200), side('v2', 176, 200)));
    expect(past).toMatchObject({ action: 'wait', needed: 0 });
    expect(past.reason).toContain('worse by more than the 1.5 pp tolerance, but not by more than the 2 pp rollback margin');
    // Different sample sizes: 0.9 − 0.01 = 0.89 exactly on counts (178/200 vs 890/1000 − 1 pp = 0.89).
    expect(promotionDecision(rule({ tolerancePp: 1 }), canary(side('v1', 900, 1000), side('v2', 178, 200))).action).toBe('promote');
  });

  it('rolls back only when the error rate exceeds the champion\'s by more than the margin', () => {
    // Champion wrong 10 % (20/200); challenger wrong 12 % (24/200): exactly 2 pp above → not a rollback.
    const at = promotionDecision(rule(), canary(side('v1', 180, 200), side('v2', 176, 200)));
    expect(at.action).toBe('wait');
    // 12.5 % wrong (25/200): 2.5 pp above → rollback, with the figures.
    const over = promotionDecision(rule(), canary(side('v1', 180, 200), side('v2', 175, 200)));
    expect(over.action).toBe('rollback');
    expect(over.reason).toBe('The challenger v2 was 175 of 200 right (87.5 %), the champion v1 180 of 200 right (90.0 %): its error rate is more than 2 pp above the champion\'s.');
  });

  it('rolls back a canary that fails requests without waiting for outcomes', () => {
    const d = promotionDecision(rule(), canary(side('v1', 0, 0, 2000, 10), side('v2', 0, 0, 220, 10)));
    expect(d.action).toBe('rollback');
    expect(d.reason).toContain('failed 10 of 220 requests (4.5 %), the champion v1 10 of 2,000 (0.5 %)');
    // Fewer requests than the minimum: not judged yet.
    expect(promotionDecision(rule(), canary(side('v1', 0, 0, 2000, 10), side('v2', 0, 0, 150, 10))).action).toBe('wait');
  });

  it('judges a shadow on the same outcomes as the champion, without request counts', () => {
    const promote = promotionDecision(rule(), shadow(side('v1', 170, 200), side('v2', 181, 200, null)));
    expect(promote.action).toBe('promote');
    expect(promote.reason).toMatch(/^The shadow challenger v2 was 181 of 200 right \(90\.5 %\)/);
    expect(promotionDecision(rule(), shadow(side('v1', 190, 200), side('v2', 180, 200, null))).action).toBe('rollback');
  });

  it('promotes on a tie (not worse), and an equal error rate is never a rollback even with no margin', () => {
    expect(promotionDecision(rule(), canary(side('v1', 180, 200), side('v2', 360, 400))).action).toBe('promote');
    expect(promotionDecision(rule({ rollbackMarginPp: 0 }), canary(side('v1', 180, 200), side('v2', 180, 200))).action).toBe('promote');
  });
});

describe('the rule itself', () => {
  it('defaults to 200 outcomes, 0 pp tolerance and a 2 pp margin; stored values win', () => {
    expect(promotionRuleOf(undefined)).toEqual({ minOutcomes: 200, tolerancePp: 0, rollbackMarginPp: 2 });
    expect(promotionRuleOf({ promotionRule: { minOutcomes: 50, tolerancePp: 0.5, rollbackMarginPp: 1 } })).toEqual({ minOutcomes: 50, tolerancePp: 0.5, rollbackMarginPp: 1 });
  });

  it('explains every problem with a rule', () => {
    expect(promotionRuleProblems(DEFAULT_PROMOTION_RULE)).toEqual([]);
    expect(promotionRuleProblems({ minOutcomes: 0, tolerancePp: 0.25, rollbackMarginPp: -1 })).toEqual([
      'Outcomes per side must be a whole number from 1 to 1,000,000 (got 0).',
      'The tolerance must be from 0 to 50 percentage points, to one decimal (got 0.25).',
      'The rollback margin must be from 0 to 50 percentage points, to one decimal (got -1).',
    ]);
    expect(promotionRuleProblems({ minOutcomes: NaN, tolerancePp: 0, rollbackMarginPp: 2 })).toHaveLength(1);
  });
});
