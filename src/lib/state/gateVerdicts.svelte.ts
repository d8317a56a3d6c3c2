/**
 * What the policy says about an action before a person tries it, for the pages that show it
 * beside their controls (db/governanceGate.ts asks the core's `mayProceed`, as the paths do).
 * Re-read when any record changes; a waiver running out is seen on the next change or visit.
 */
import { checkGate, modelVersionVerdicts, type GovernedObject, type ModelVersionVerdicts } from '$lib/db';
import type { GatedAction, ProceedVerdict } from '$lib/core/governance/mayProceed';
import { nowMs } from '$lib/clock';
import { db } from './database.svelte';
import { Live } from './live.svelte';

export function liveVerdict(projectId: string, action: GatedAction, object: GovernedObject): Live<ProceedVerdict | null> {
  return new Live(() => checkGate(db, projectId, action, object, nowMs()), null);
}

/** The Deploy page's verdicts: promote (the champion alias), deploy and canary, per model version. */
export function liveDeployVerdicts(projectId: string): Live<ModelVersionVerdicts> {
  return new Live(() => modelVersionVerdicts(db, projectId, ['promote', 'deploy', 'canary'], nowMs()), {});
}
