/** The Deploy page's canary rule (db/canaryRule.ts): read live, saved with the person's name. */
import { getCanaryRule, setCanaryRule } from '$lib/db';
import { DEFAULT_CANARY_RULE, type CanaryRule } from '$lib/core/loop/canaryRule';
import { nowIso } from '$lib/clock';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';
import { Live } from './live.svelte';

export function liveCanaryRule(projectId: string): Live<CanaryRule> {
  return new Live(() => getCanaryRule(db, projectId), { ...DEFAULT_CANARY_RULE });
}

export function saveCanaryRule(projectId: string, rule: CanaryRule): Promise<void> {
  return setCanaryRule(db, projectId, rule, displayName.current, nowIso());
}
