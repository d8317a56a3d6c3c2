/**
 * "What did the endpoint serve, and under which approvals, at <time>?" — answered from the audit
 * trail alone (never from today's deployment records, which a later change may have rewritten).
 * Deploy entries name the served version and the challenger in their refs; a rollback names what
 * it restored, and older rollback entries without those refs restore the deployment before.
 */
import type { AuditEntryContent } from './auditChain';

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

/** Model version id → name and number, from the registry's records. */
export function versionNames(versions: readonly ({ id: string } & VersionName)[]): Map<string, VersionName> {
  return new Map(versions.map((v) => [v.id, { modelName: v.modelName, version: v.version }]));
}

/**
 * A recorded decision on a gate for one object (a model version id or a dataset version hash).
 * Decisions are stored from the next session on; until then the list is empty.
 */
export interface GateDecision {
  gate: string;
  subjectId: string;
  outcome: 'approved' | 'waived' | 'rejected' | 'changes-requested';
  at: string;
  by: string;
  /** A waiver's expiry; an approval has none. */
  until?: string | null;
}

export interface ServedModel {
  modelVersionId: string;
  /** Null when the version is no longer in the registry. */
  name: VersionName | null;
  /** When the version had been deprecated or retired by then (the trail's entries); else null. */
  deprecatedAt: string | null;
  retiredAt: string | null;
}

export interface ServedAt {
  at: string;
  /** The trail entry that started what was served; null when nothing was deployed yet. */
  since: { deploymentId: string; at: string; actor: string; action: string; seq: number } | null;
  served: ServedModel | null;
  challenger: (ServedModel & { mode: 'canary' | 'shadow'; percent: number | null }) | null;
  /** The decisions in force then for the served version and its challenger. */
  approvals: GateDecision[];
}

export interface PointInTimeInput {
  /** The project's trail in chain order. */
  trail: readonly AuditEntryContent[];
  at: string;
  versions: ReadonlyMap<string, VersionName>;
  decisions?: readonly GateDecision[];
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
  const model = (id: string | undefined): ServedModel | null =>
    id ? { modelVersionId: id, name: input.versions.get(id) ?? null, deprecatedAt: deprecated.get(id) ?? null, retiredAt: retired.get(id) ?? null } : null;
  const served = model(top?.refs.modelVersionId);
  const challengerModel = model(top?.refs.challengerModelVersionId);
  const challenger =
    challengerModel && top?.refs.challengerMode
      ? { ...challengerModel, mode: top.refs.challengerMode, percent: top.refs.challengerPercent ? Number(top.refs.challengerPercent) : null }
      : null;
  const subjects = [served, challenger].filter((m) => m !== null).map((m) => m.modelVersionId);
  return {
    at: input.at,
    since: top ? { deploymentId: top.refs.deploymentId ?? '', at: top.entry.at, actor: top.entry.actor, action: top.entry.action, seq: top.entry.seq } : null,
    served,
    challenger,
    approvals: decisionsInForce(input.decisions ?? [], subjects, t),
  };
}

/** Per gate and subject, the latest decision made by `t`, if it approves (or waives until after `t`). */
function decisionsInForce(decisions: readonly GateDecision[], subjects: readonly string[], t: number): GateDecision[] {
  const latest = new Map<string, GateDecision>();
  for (const d of decisions) {
    if (!subjects.includes(d.subjectId) || Date.parse(d.at) > t) continue;
    const key = JSON.stringify([d.gate, d.subjectId]);
    const before = latest.get(key);
    if (!before || Date.parse(before.at) <= Date.parse(d.at)) latest.set(key, d);
  }
  return [...latest.values()].filter(
    (d) => d.outcome === 'approved' || (d.outcome === 'waived' && d.until != null && Date.parse(d.until) > t),
  );
}
