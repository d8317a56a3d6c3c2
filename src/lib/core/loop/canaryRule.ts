/**
 * The canary rule: a model version that has never been the served version of a deployment
 * ("served all traffic") may not take all traffic at once. It starts as a canary on a small share
 * of the requests, or in shadow next to the champion, and takes all traffic only through the
 * promotion rule's promote (core/loop/promotionRule.ts), after it earned it on live traffic.
 * `mayTakeTraffic` is the one decision every path that changes what is served asks
 * (db/deployments.ts `deploy` and `rollback`, so the Deploy form, a promotion and a rollback), and the
 * Deploy form asks it in advance.
 *
 * - Off (the default): everything is allowed, as before the rule existed.
 * - A rollback is always allowed: stepping back to what served must never be blocked.
 * - The first deployment of a project (no deployment before it): the served version may serve, as
 *   there is nothing to canary against; a challenger in it still obeys the share limit.
 * - A version that served before may take any part again (deploying it outright is a step back).
 * - A segment route gives its version every request of that segment, a share nobody chose in
 *   percent: under the rule, only a version that served before may answer a route.
 */

export interface CanaryRule {
  /** When on, a version that never served takes traffic only as a canary or shadow first. */
  requireCanary: boolean;
  /** The largest share of requests such a version may answer as a canary, percent (1–50). */
  maxFirstPercent: number;
}

export const DEFAULT_CANARY_RULE: Readonly<CanaryRule> = Object.freeze({ requireCanary: false, maxFirstPercent: 10 });
export const MAX_FIRST_PERCENT_MAX = 50;

/** The project's rule; absent means the defaults (off). */
export function canaryRuleOf(project: { canaryRule?: Partial<CanaryRule> } | undefined): CanaryRule {
  return { ...DEFAULT_CANARY_RULE, ...project?.canaryRule };
}

/** Every reason `rule` cannot be saved (empty when it can). */
export function canaryRuleProblems(rule: { requireCanary: unknown; maxFirstPercent: unknown }): string[] {
  const problems: string[] = [];
  if (typeof rule.requireCanary !== 'boolean') problems.push(`Whether the rule is on must be true or false (got ${JSON.stringify(rule.requireCanary)}).`);
  const p = rule.maxFirstPercent;
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > MAX_FIRST_PERCENT_MAX) {
    problems.push(`The first canary's share must be a whole number from 1 to ${MAX_FIRST_PERCENT_MAX} % (got ${JSON.stringify(p)}).`);
  }
  return problems;
}

/** The rule in words, for the audit trail and the pages. */
export function canaryRuleText(rule: CanaryRule): string {
  return rule.requireCanary
    ? `on: a version that never served starts as a canary on at most ${rule.maxFirstPercent} % of requests or in shadow, and takes all traffic only when the promotion rule promotes it`
    : 'off: any version may be deployed outright';
}

/** One part of a deployment's traffic, named for the reasons. */
export interface TrafficPart {
  modelVersionId: string;
  /** How the version is named in words, e.g. "Ticket router v2". */
  name: string;
  /** Share of the requests it answers (0 for a shadow). */
  percent: number;
  mode: 'serve' | 'canary' | 'shadow';
}

/** A challenger as a deployment asks for it: a canary answers `percent` % of the requests, a shadow none. */
export interface ChallengerChoice {
  versionId: string;
  mode: 'canary' | 'shadow';
  percent: number;
}

/** The traffic a deployment of `servedVersionId` with `challenger` gives each version (the served one answers the rest). */
export function trafficOf(servedVersionId: string, challenger: ChallengerChoice | null): Omit<TrafficPart, 'name'>[] {
  const canary = challenger?.mode === 'canary' ? challenger.percent : 0;
  return [
    { modelVersionId: servedVersionId, percent: 100 - canary, mode: 'serve' },
    ...(challenger ? [{ modelVersionId: challenger.versionId, percent: canary, mode: challenger.mode }] : []),
  ];
}

/** A deployment of the project so far, as far as the rule needs it. */
export interface PastDeployment {
  status: 'active' | 'superseded' | 'rolled-back';
  traffic: readonly { modelVersionId: string; mode: 'serve' | 'canary' | 'shadow' }[];
}

export interface TrafficRequest {
  /** What would be served. */
  traffic: readonly TrafficPart[];
  /**
   * `deploy`: the Deploy form (or any direct deployment); `promotion`: the promotion rule proposed
   * promoting the served version and a person confirmed (only db/promotion.ts says so, after asking
   * the rule in the same transaction); `rollback`: a step back.
   */
  via: 'deploy' | 'promotion' | 'rollback';
  /** Versions that segment routes would give their segment's requests (core/serving/segmentRouting.ts), with the route in words ("tier = enterprise"). */
  routes?: readonly { modelVersionId: string; name: string; route: string }[];
}

/** The `routes` of a request for a deployment routing `routing`, each version named by `nameOf`. */
export function routesOf(routing: { field: string; routes: readonly { value: string; modelVersionId: string }[] } | null | undefined, nameOf: (versionId: string) => string): NonNullable<TrafficRequest['routes']> {
  return (routing?.routes ?? []).map((r) => ({ modelVersionId: r.modelVersionId, name: nameOf(r.modelVersionId), route: `${routing!.field} = ${r.value}` }));
}

export type CanaryDecision = { allowed: true; reason: string } | { allowed: false; reason: string };

/** Whether `request` may change what is served under `rule`, given every earlier deployment of the project; the reason in words either way. */
export function mayTakeTraffic(rule: CanaryRule, request: TrafficRequest, history: readonly PastDeployment[]): CanaryDecision {
  if (!rule.requireCanary) return { allowed: true, reason: 'The canary rule is off.' };
  if (request.via === 'rollback') return { allowed: true, reason: 'A rollback is always allowed.' };
  const servedBefore = new Set(history.flatMap((d) => d.traffic.filter((t) => t.mode === 'serve').map((t) => t.modelVersionId)));
  const first = history.length === 0;
  const challengers = new Set(history.filter((d) => d.status === 'active').flatMap((d) => d.traffic.filter((t) => t.mode !== 'serve').map((t) => t.modelVersionId)));
  const why = (name: string) =>
    `${name} has never served all traffic, and the canary rule is on: it may start as a canary on at most ${rule.maxFirstPercent} % of the requests or in shadow next to the champion, and takes all traffic when the promotion rule promotes it (Monitor → Challenger).`;
  for (const part of request.traffic) {
    if (servedBefore.has(part.modelVersionId)) continue;
    if (part.mode === 'serve') {
      if (first) continue;
      if (request.via === 'promotion' && challengers.has(part.modelVersionId)) continue;
      return { allowed: false, reason: why(part.name) };
    }
    if (part.mode === 'canary' && part.percent > rule.maxFirstPercent) {
      return { allowed: false, reason: `${why(part.name)} ${part.percent} % was asked.` };
    }
  }
  for (const route of request.routes ?? []) {
    if (servedBefore.has(route.modelVersionId)) continue;
    return {
      allowed: false,
      reason: `${route.name} has never served all traffic, and the canary rule is on: the route ${route.route} would give it every request of that segment. Start it as a canary on at most ${rule.maxFirstPercent} % of the requests or in shadow next to the champion first, and route to it once the promotion rule has promoted it (Monitor → Challenger).`,
    };
  }
  if (first) return { allowed: true, reason: 'The first deployment of the project: nothing serves yet, so its version may serve all traffic.' };
  if (request.via === 'promotion') return { allowed: true, reason: 'The promotion rule promoted the challenger on live traffic.' };
  return { allowed: true, reason: 'Every version taking traffic served before or starts as a small canary or in shadow.' };
}
