/**
 * "What did the endpoint serve, and under which approvals, at <time>?" — answered from the audit
 * trail alone (never from today's deployment records, which a later change may have rewritten).
 * Deploy entries name the served version and the challenger in their refs; a rollback names what
 * it restored, and older rollback entries without those refs restore the deployment before.
 * Approvals are the governance events of the same trail (trailRecords.ts), judged by gateState's
 * one rule as of that moment: for each served version its deploy gates, and for the dataset
 * version its run trained on, the training gates (the Data Ethics Review).
 */
import type { AuditEntryContent } from './auditChain';
import { gateStanding, type GateStanding } from './gateState';
import { gatesFor, type GateStage } from './policy';
import type { PolicyRef, PublishedPolicy } from './policyVersions';
import type { SubjectRef } from './subjects';
import { governanceFromTrail } from './trailRecords';

/** The trail actions that change what the endpoint serves. */
export const DEPLOY_ACTION = 'deploy';
export const ROLLBACK_ACTION = 'deploy.rollback';
/** Retirement in two steps (registry): the served version's state at the moment is reported. */
export const DEPRECATE_ACTION = 'registry.deprecate';
export const RETIRE_ACTION = 'registry.retire';

/** The refs a deploy or rollback entry carries for the traffic it started. */
export interface TrafficRefs {
  deploymentId: string;
  modelVersionId: string;
  challengerModelVersionId?: string;
  challengerMode?: 'canary' | 'shadow';
  /** The canary's share, as a decimal string (refs are strings). */
  challengerPercent?: string;
}

/** The refs for a deployment's traffic, in the shape `servedAt` reads back. */
export function trafficRefs(deployment: { id: string; traffic: readonly { modelVersionId: string; percent: number; mode: 'serve' | 'canary' | 'shadow' }[] }): Record<string, string> {
  const served = deployment.traffic.find((t) => t.mode === 'serve');
  const challenger = deployment.traffic.find((t) => t.mode !== 'serve');
  const refs: TrafficRefs = {
    deploymentId: deployment.id,
    modelVersionId: served?.modelVersionId ?? '',
    ...(challenger && challenger.mode !== 'serve'
      ? { challengerModelVersionId: challenger.modelVersionId, challengerMode: challenger.mode, challengerPercent: String(challenger.percent) }
      : {}),
  };
  return { ...refs };
}

export interface VersionName {
  modelName: string;
  version: number;
}

/** What a served version is, from the registry's records (all fixed once registered). */
export interface VersionLineage extends VersionName {
  runId: string;
  /** The dataset version its run trained on; null for an imported model. */
  dataset: { datasetVersionId: string; number: number; contentHash: string } | null;
}

/** Model version id → name, number and lineage, from the registry's and the datasets' records. */
export function versionLineages(
  versions: readonly ({ id: string; runId: string; datasetVersionId: string } & VersionName)[],
  datasets: readonly { id: string; number: number; contentHash: string }[],
): Map<string, VersionLineage> {
  const byId = new Map(datasets.map((d) => [d.id, d]));
  return new Map(versions.map((v) => {
    const d = byId.get(v.datasetVersionId);
    return [v.id, { modelName: v.modelName, version: v.version, runId: v.runId, dataset: d ? { datasetVersionId: d.id, number: d.number, contentHash: d.contentHash } : null }];
  }));
}

export interface ServedModel {
  modelVersionId: string;
  /** Null when the version is no longer in the registry. */
  name: VersionLineage | null;
  /** When the version had been deprecated or retired by then (the trail's entries); else null. */
  deprecatedAt: string | null;
  retiredAt: string | null;
  /** Its deploy gates as they stood then under the policy in force ([] with no policy, or unknown version). */
  gates: GateStanding[];
  /** The dataset version its run trained on, and that version's training gates then (the Data Ethics Review). */
  data: { subject: SubjectRef; gates: GateStanding[] } | null;
}

export interface ServedAt {
  at: string;
  /** The trail entry that started what was served; null when nothing was deployed yet. */
  since: { deploymentId: string; at: string; actor: string; action: string; seq: number } | null;
  served: ServedModel | null;
  challenger: (ServedModel & { mode: 'canary' | 'shadow'; percent: number | null }) | null;
  /** The policy in force then, as the trail names it; `document` null when this database lacks that exact version. */
  policy: { ref: PolicyRef; document: PublishedPolicy | null } | null;
}

export interface PointInTimeInput {
  /** The project's trail in chain order. */
  trail: readonly AuditEntryContent[];
  at: string;
  versions: ReadonlyMap<string, VersionLineage>;
  /** The project's published policy versions (frozen): the documents the trail's publish entries name. */
  policies?: readonly PublishedPolicy[];
}

interface Traffic {
  entry: AuditEntryContent;
  refs: Partial<TrafficRefs>;
}

/** What was served at `input.at`, from the trail entries written up to then. */
export function servedAt(input: PointInTimeInput): ServedAt {
  const t = Date.parse(input.at);
  const stack: Traffic[] = [];
  const deprecated = new Map<string, string>();
  const retired = new Map<string, string>();
  for (const entry of input.trail) {
    if (Date.parse(entry.at) > t) continue;
    const refs = entry.refs as Partial<TrafficRefs>;
    if (entry.action === DEPRECATE_ACTION && refs.modelVersionId) deprecated.set(refs.modelVersionId, entry.at);
    if (entry.action === RETIRE_ACTION && refs.modelVersionId) retired.set(refs.modelVersionId, entry.at);
    if (entry.action === DEPLOY_ACTION) stack.push({ entry, refs });
    else if (entry.action === ROLLBACK_ACTION) {
      stack.pop();
      const restored = refs.modelVersionId ? refs : stack.pop()?.refs;
      if (restored) stack.push({ entry, refs: { ...restored, deploymentId: refs.deploymentId ?? restored.deploymentId } });
    }
  }
  const top = stack.at(-1);
  const governance = governanceFromTrail(input.trail, input.policies ?? [], input.at);
  const { policy, records } = governance;
  const standings = (stage: GateStage, subject: SubjectRef) => (policy ? gatesFor(policy.data, stage).map((g) => gateStanding(policy, g, subject, records, t)) : []);
  const model = (id: string | undefined): ServedModel | null => {
    if (!id) return null;
    const name = input.versions.get(id) ?? null;
    const data = name?.dataset ? { kind: 'dataset-version' as const, ...name.dataset } : null;
    return {
      modelVersionId: id, name, deprecatedAt: deprecated.get(id) ?? null, retiredAt: retired.get(id) ?? null,
      gates: name ? standings('deploy', { kind: 'model-version', modelVersionId: id, modelName: name.modelName, version: name.version, runId: name.runId }) : [],
      data: data ? { subject: data, gates: standings('model', data) } : null,
    };
  };
  const served = model(top?.refs.modelVersionId);
  const challengerModel = model(top?.refs.challengerModelVersionId);
  const challenger =
    challengerModel && top?.refs.challengerMode
      ? { ...challengerModel, mode: top.refs.challengerMode, percent: top.refs.challengerPercent ? Number(top.refs.challengerPercent) : null }
      : null;
  return {
    at: input.at,
    since: top ? { deploymentId: top.refs.deploymentId ?? '', at: top.entry.at, actor: top.entry.actor, action: top.entry.action, seq: top.entry.seq } : null,
    served,
    challenger,
    policy: governance.inForce ? { ref: governance.inForce, document: policy } : null,
  };
}
