/**
 * The gate check every path runs before the write it guards: training (the compute worker), the
 * champion alias (registry), deploying and canaries (deployments), serving (the endpoint) and the
 * pages that show why a control is refused. It reads the project's current policy, its governance
 * records, its current risk tier and the object's facts as stored now, and asks the core's `mayProceed` — the one
 * decision. Called inside a caller's transaction (its scope must include `gateTables`), the check
 * and the write it guards are atomic: a decision recorded in between cannot slip past.
 */
import type { Table } from 'dexie';
import type { LifecycleDatabase } from './database';
import { GATE_NOT_APPROVED } from '$lib/core/serving/api';
import { mayProceed, type GatedAction, type ProceedVerdict } from '$lib/core/governance/mayProceed';
import type { GateFacts } from '$lib/core/governance/evidenceCatalog';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { GovernanceRecords } from '$lib/core/governance/records';
import type { RiskTier } from '$lib/core/governance/riskQuestions';
import { currentPolicy } from './governancePolicy';
import { governanceRecords } from './governance';
import { factTables, gateFacts, type GovernedObject } from './governanceFacts';
import { currentRiskAssessment } from './riskAssessments';

/** A path refused by the policy; its message is the core's reasons, one sentence per blocking gate. */
export class GateRefusedError extends Error {
  readonly code = GATE_NOT_APPROVED.code;
  constructor(
    readonly action: GatedAction,
    readonly reasons: string[],
  ) {
    super(reasons.join(' '));
    this.name = 'GateRefusedError';
  }
}

/**
 * What `mayProceed` reads for one object: the project's risk tier (null: not assessed), and with a
 * published policy the object's facts and the records (with none, nothing else is read).
 */
export type GateInputs = { policy: null; tier: RiskTier | null } | { policy: PublishedPolicy; object: GateFacts; records: GovernanceRecords; tier: RiskTier | null };

/** The stores a gate check reads: a transaction checking a gate must include them. */
export function gateTables(db: LifecycleDatabase): Table[] {
  return [db.policyVersions, db.reviewRequests, db.decisions, db.waivers, db.riskAssessments, ...factTables(db)];
}

/** `tables` plus the gate's, once each: the scope of a write that checks a gate first. */
export function withGateTables(db: LifecycleDatabase, tables: readonly Table[]): Table[] {
  return [...new Set([...tables, ...gateTables(db)])];
}

export async function gateInputs(db: LifecycleDatabase, projectId: string, object: GovernedObject): Promise<GateInputs> {
  const [policy, tier] = await Promise.all([currentPolicy(db, projectId), currentRiskTier(db, projectId)]);
  if (!policy) return { policy: null, tier };
  const [facts, records] = await Promise.all([gateFacts(db, projectId, object), governanceRecords(db, projectId)]);
  return { policy, object: facts, records, tier };
}

/** The project's current risk tier; null when it was never assessed. */
export async function currentRiskTier(db: LifecycleDatabase, projectId: string): Promise<RiskTier | null> {
  return (await currentRiskAssessment(db, projectId))?.tier ?? null;
}

/**
 * The gate inputs of a model version known by its id alone (the endpoint's view), read in one
 * transaction; a version that no longer exists reads as ungated (serving it fails on its own).
 */
export function versionGateInputs(db: LifecycleDatabase, modelVersionId: string): Promise<GateInputs> {
  return db.transaction('r', gateTables(db), async () => {
    const version = await db.modelVersions.get(modelVersionId);
    return version ? gateInputs(db, version.projectId, { kind: 'model-version', id: version.id }) : { policy: null, tier: null };
  });
}

/** The core's verdict on `inputs` at `nowMs` (ms since the epoch): re-asked per use, so waivers expire by the clock. */
export function verdictAt(inputs: GateInputs, action: GatedAction, nowMs: number): ProceedVerdict {
  if (!inputs.policy) return mayProceed(null, action, null as never, { policies: [], requests: [], decisions: [], waivers: [] }, nowMs, inputs.tier);
  return mayProceed(inputs.policy, action, inputs.object, inputs.records, nowMs, inputs.tier);
}

/** May `action` go on for `object` of the project at `nowMs`, and if not, why. */
export async function checkGate(db: LifecycleDatabase, projectId: string, action: GatedAction, object: GovernedObject, nowMs: number): Promise<ProceedVerdict> {
  return verdictAt(await gateInputs(db, projectId, object), action, nowMs);
}

/** Throws a GateRefusedError with the core's reasons unless `action` may go on. */
export async function assertMayProceed(db: LifecycleDatabase, projectId: string, action: GatedAction, object: GovernedObject, nowMs: number): Promise<ProceedVerdict> {
  const verdict = await checkGate(db, projectId, action, object, nowMs);
  if (!verdict.allowed) throw new GateRefusedError(action, verdict.reasons);
  return verdict;
}

/** A verdict per model version id and action (the Deploy page's controls). */
export type ModelVersionVerdicts = Record<string, Partial<Record<GatedAction, ProceedVerdict>>>;

/** The verdict on each of `actions` for every model version of the project, read in one transaction. */
export function modelVersionVerdicts(db: LifecycleDatabase, projectId: string, actions: readonly GatedAction[], nowMs: number): Promise<ModelVersionVerdicts> {
  return db.transaction('r', gateTables(db), async () => {
    const verdicts: ModelVersionVerdicts = {};
    for (const version of await db.modelVersions.where('projectId').equals(projectId).toArray()) {
      const inputs = await gateInputs(db, projectId, { kind: 'model-version', id: version.id });
      verdicts[version.id] = Object.fromEntries(actions.map((action) => [action, verdictAt(inputs, action, nowMs)]));
    }
    return verdicts;
  });
}
