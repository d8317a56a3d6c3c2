/**
 * What a risk tier asks of a project's governance policy, and what raising the tier re-opens.
 * - high → the High-risk template's gates (Standard's plus model-card approval and council
 *   review) and a re-review at least every 90 days. The template itself re-reviews every 30
 *   days, inside that cap; a policy with a longer interval falls short of the tier.
 * - limited, minimal → the Standard template's gates (limited adds the Article 50 duties,
 *   which are things to do, not gates).
 * - prohibited → no policy makes the system deployable: the verdict says so.
 * A policy meets a gate requirement when it has a gate with the same id (the gate ids are
 * stable; a policy may tighten a gate's evidence, which this does not judge).
 */
import type { GovernancePolicyData, PolicyGate } from './policy';
import { policyTemplate, type PolicyTemplateId } from './templates';
import { tierRank } from './riskTier';
import type { RiskTier } from './riskQuestions';
import { counted } from '../words';

/** The longest re-review interval a high-risk policy may have, in days. */
export const HIGH_RISK_MAX_REREVIEW_DAYS = 90;

export interface TierPolicy {
  tier: RiskTier;
  /** False only for prohibited: no policy can make such a system deployable. */
  deployable: boolean;
  /** The template whose gates the tier requires; null when prohibited. */
  template: PolicyTemplateId | null;
  requiredGates: PolicyGate[];
  /** The longest re-review interval allowed, in days; null when the tier sets none. */
  maxReReviewDays: number | null;
  /** Obligations the tier brings that are not gates (things to do and show). */
  duties: string[];
  verdict: string;
  /** With a current policy: the required gates it lacks (by id). */
  missingGates: PolicyGate[];
  /** With a current policy: its re-review interval is longer than the tier allows. */
  reReviewTooLong: boolean;
}

const TEMPLATE_FOR: Record<RiskTier, PolicyTemplateId | null> = { minimal: 'standard', limited: 'standard', high: 'high-risk', prohibited: null };

const DUTIES: Record<RiskTier, string[]> = {
  minimal: [],
  limited: ['Tell people they are dealing with an AI system, and mark generated content as such (Article 50).'],
  high: [
    'Keep technical documentation (Annex IV), a risk-management process and logs, and design for human oversight (Articles 9–14).',
    'Have the review council approve each model version before it serves, and re-review it at least every 90 days.',
  ],
  prohibited: ['Stop or redesign the use: a banned practice cannot be made acceptable by documents, reviews or consent.'],
};

/** What `tier` requires of a policy; with `current`, what that policy lacks. */
export function policyForTier(tier: RiskTier, current?: GovernancePolicyData): TierPolicy {
  const template = TEMPLATE_FOR[tier];
  const requiredGates = template ? policyTemplate(template).gates : [];
  const maxReReviewDays = tier === 'high' ? HIGH_RISK_MAX_REREVIEW_DAYS : null;
  const missingGates = current ? requiredGates.filter((g) => !current.gates.some((c) => c.id === g.id)) : [];
  const reReviewTooLong = !!current && maxReReviewDays !== null && current.reReview.days > maxReReviewDays;
  const verdict =
    tier === 'prohibited'
      ? 'Prohibited: no policy can make this system deployable. Stop or redesign the use.'
      : current && (missingGates.length > 0 || reReviewTooLong)
        ? `The policy “${current.name}” falls short of the ${tier} tier: ${shortfall(missingGates, reReviewTooLong, current)}.`
        : `A ${tier}-tier system needs the ${template === 'high-risk' ? 'High-risk' : 'Standard'} policy’s gates${maxReReviewDays ? ` and a re-review at least every ${maxReReviewDays} days` : ''}.`;
  return { tier, deployable: tier !== 'prohibited', template, requiredGates, maxReReviewDays, duties: DUTIES[tier], verdict, missingGates, reReviewTooLong };
}

function shortfall(missing: readonly PolicyGate[], tooLong: boolean, current: GovernancePolicyData): string {
  const parts = [];
  if (missing.length) parts.push(`it lacks ${missing.map((g) => `“${g.name}”`).join(', ')}`);
  if (tooLong) parts.push(`it re-reviews every ${counted(current.reReview.days, 'day')}, more than ${HIGH_RISK_MAX_REREVIEW_DAYS}`);
  return parts.join(', and ');
}

export interface TierRaise {
  from: RiskTier;
  to: RiskTier;
  /** The new tier is higher; a lower or equal tier re-opens nothing (a person may relax the policy). */
  raised: boolean;
  /** Gates the new tier requires that the current policy (or, without one, the old tier) lacks. */
  gates: PolicyGate[];
  /** The re-review cap the new tier sets, when it is tighter than before (days), else null. */
  maxReReviewDays: number | null;
  /** The new tier is prohibited: nothing may be deployed. */
  blocked: boolean;
  /** One sentence a line, for the page. */
  says: string[];
}

/** What changing the answers from tier `from` to `to` re-opens, against `current` when given. */
export function tierRaise(from: RiskTier, to: RiskTier, current?: GovernancePolicyData): TierRaise {
  const none: TierRaise = { from, to, raised: false, gates: [], maxReReviewDays: null, blocked: false, says: [] };
  if (tierRank(to) <= tierRank(from)) return none;
  const before = policyForTier(from);
  const after = policyForTier(to, current);
  const gates = current ? after.missingGates : after.requiredGates.filter((g) => !before.requiredGates.some((b) => b.id === g.id));
  const tighter = after.maxReReviewDays !== null && (before.maxReReviewDays === null || after.maxReReviewDays < before.maxReReviewDays);
  const maxReReviewDays = tighter && (!current || after.reReviewTooLong) ? after.maxReReviewDays : null;
  const says = [`The tier rose from ${from} to ${to}.`];
  if (!after.deployable) says.push(after.verdict);
  for (const g of gates) says.push(`Now required: “${g.name}” — ${g.description}`);
  if (maxReReviewDays !== null) says.push(`Approvals must now be re-reviewed at least every ${maxReReviewDays} days.`);
  if (after.deployable) for (const duty of after.duties.filter((d) => !before.duties.includes(d))) says.push(`Now to do: ${duty}`);
  return { from, to, raised: true, gates, maxReReviewDays, blocked: !after.deployable, says };
}

/**
 * The policy data that adopts what `tier` requires, from `current` (null: none published yet —
 * then the tier's template as it is): `current` with the required gates it lacks appended, the
 * template's roles it lacks added (the new gates are decided by them), and its re-review period
 * capped at the tier's maximum (grace days kept). Null when `current` already meets the tier.
 * Throws for a prohibited tier: no policy makes such a system deployable.
 */
export function policyAdoptingTier(tier: RiskTier, current: GovernancePolicyData | null): GovernancePolicyData | null {
  const needs = policyForTier(tier, current ?? undefined);
  if (!needs.deployable || !needs.template) throw new Error(needs.verdict);
  if (!current) return policyTemplate(needs.template);
  if (needs.missingGates.length === 0 && !needs.reReviewTooLong) return null;
  const template = policyTemplate(needs.template);
  const roles = [...current.roles, ...template.roles.filter((r) => !current.roles.some((c) => c.id === r.id))];
  const days = needs.reReviewTooLong && needs.maxReReviewDays !== null ? needs.maxReReviewDays : current.reReview.days;
  return { ...structuredClone(current), roles: structuredClone(roles), gates: [...structuredClone(current.gates), ...needs.missingGates], reReview: { ...current.reReview, days } };
}
