/**
 * The Monitor's Challenger view: the active deployment's champion and challenger compared on live
 * traffic, the promotion rule and its proposal, the actions a person confirms, and the retraining
 * policy (db/promotion.ts, db/retrainFacts.ts).
 */
import { challengerStatus, promoteChallenger, rollbackChallenger, setPromotionRule, setRetrainPolicy, type ChallengerStatus, type DeploymentRecord } from '$lib/db';
import type { PromotionRule } from '$lib/core/loop/promotionRule';
import type { RetrainPolicy } from '$lib/core/loop/retrainPolicy';
import { nowIso } from '$lib/clock';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';
import { tellEndpoint } from './endpointNotice';
import { Live } from './live.svelte';

/** Re-read as logs, outcomes and deployments change. */
export function liveChallengerStatus(projectId: string): Live<ChallengerStatus | null> {
  return new Live(() => challengerStatus(db, projectId), null);
}

export function savePromotionRule(projectId: string, rule: PromotionRule): Promise<void> {
  return setPromotionRule(db, projectId, rule, displayName.current, nowIso());
}

/** Throws with the rule's or the policy's reason when refused (the view shows it). */
export async function confirmPromotion(projectId: string, action: 'promote' | 'rollback'): Promise<DeploymentRecord> {
  const act = action === 'promote' ? promoteChallenger : rollbackChallenger;
  return tellEndpoint(await act(db, projectId, displayName.current));
}

export function saveRetrainPolicy(projectId: string, policy: RetrainPolicy): Promise<void> {
  return setRetrainPolicy(db, projectId, policy, displayName.current, nowIso());
}
