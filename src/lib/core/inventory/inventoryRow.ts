/**
 * The model inventory across projects: one row per registered model version, built from facts
 * the database gathered once for every project (db/inventory.ts) and an injected `now` (ms).
 * Gate states and "blocked" are asked of the governance core (`mayProceed` for `promote`, the one
 * decision), the next review date of `reviewDue`; nothing here reads a clock or a store.
 */
import type { GateFacts } from '$lib/core/governance/evidenceCatalog';
import { GATE_STATUS_WORDS } from '$lib/core/governance/overview';
import type { GateStatus } from '$lib/core/governance/gateState';
import { mayProceed } from '$lib/core/governance/mayProceed';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { GovernanceRecords } from '$lib/core/governance/records';
import type { RiskTier } from '$lib/core/governance/riskQuestions';
import { reviewDue, soonestReview, type ReviewDue } from '$lib/core/governance/reviewDue';
import { covers, subjectOf } from '$lib/core/governance/subjects';
import { waiverActive } from '$lib/core/governance/waivers';

/** A version's place in serving, most telling first: retired wins over a deployment still naming it. */
export const SERVING_STATUSES = ['deployed', 'canary', 'shadow', 'deprecated', 'registered', 'archived', 'retired'] as const;
export type ServingStatus = (typeof SERVING_STATUSES)[number];

export const SERVING_WORDS: Record<ServingStatus, string> = {
  deployed: 'deployed',
  canary: 'canary',
  shadow: 'shadow',
  deprecated: 'deprecated',
  registered: 'not deployed',
  archived: 'archived',
  retired: 'retired',
};

export type TierOrUnassessed = RiskTier | 'not assessed';

/** One registered version as stored, with the facts its gates judge. */
export interface InventoryVersionFacts {
  facts: Extract<GateFacts, { kind: 'model-version' }>;
  aliases: string[];
  archived: boolean;
  createdAt: string;
  /** ISO sunset when deprecated. */
  deprecatedSunset: string | null;
  retired: boolean;
}

/** The newest drift report comparing traffic with one dataset version (what a served model was trained on). */
export interface DriftFinding {
  /** The dataset version the report compared the traffic with. */
  referenceId: string;
  /** ISO time of the report. */
  at: string;
  drifted: number;
  checks: number;
  datasetDrift: boolean;
}

/** Everything the inventory needs about one project. */
export interface InventoryProjectFacts {
  projectId: string;
  projectName: string;
  tier: RiskTier | null;
  policy: PublishedPolicy | null;
  records: GovernanceRecords;
  versions: InventoryVersionFacts[];
  /** The active deployment's traffic, if one is active. */
  traffic: { modelVersionId: string; percent: number; mode: 'serve' | 'canary' | 'shadow' }[];
  /** The newest drift report per reference dataset version. */
  drift: DriftFinding[];
}

export interface InventoryGate {
  gateId: string;
  name: string;
  status: GateStatus;
  /** "approved", "due for re-review", … */
  words: string;
}

/** Why a row needs someone's attention (the "needs attention" filter). */
export type AttentionReason = 'lapsed' | 'overdue' | 'blocked' | 'waived';

export interface InventoryRow {
  projectId: string;
  projectName: string;
  modelVersionId: string;
  modelName: string;
  version: number;
  tier: TierOrUnassessed;
  aliases: string[];
  serving: ServingStatus;
  /** "canary (10 %)", "deployed (deprecated, sunset 2027-01-31)". */
  servingText: string;
  /** The policy's deploy gates for this version; [] with no published policy. */
  gates: InventoryGate[];
  /** Making it the champion is refused now (mayProceed `promote`), with the reasons. */
  blocked: boolean;
  blockedReasons: string[];
  waivers: { count: number; nearestExpiry: string | null };
  review: ReviewDue;
  /** The newest drift report on traffic compared with this version's training data. */
  drift: DriftFinding | null;
  attention: AttentionReason[];
}

function servingOf(v: InventoryVersionFacts, traffic: InventoryProjectFacts['traffic']): { serving: ServingStatus; text: string } {
  if (v.retired) return { serving: 'retired', text: 'retired' };
  const part = traffic.find((t) => t.modelVersionId === v.facts.facts.modelVersionId);
  const sunset = v.deprecatedSunset ? `deprecated, sunset ${v.deprecatedSunset.slice(0, 10)}` : '';
  if (part) {
    const serving: ServingStatus = part.mode === 'serve' ? 'deployed' : part.mode;
    const share = part.mode === 'canary' || (part.mode === 'serve' && part.percent < 100) ? `${part.percent} %` : '';
    const notes = [share, sunset].filter(Boolean).join(', ');
    return { serving, text: notes ? `${SERVING_WORDS[serving]} (${notes})` : SERVING_WORDS[serving] };
  }
  if (v.deprecatedSunset) return { serving: 'deprecated', text: sunset };
  return v.archived ? { serving: 'archived', text: 'archived' } : { serving: 'registered', text: SERVING_WORDS.registered };
}

function rowOf(p: InventoryProjectFacts, v: InventoryVersionFacts, now: number): InventoryRow {
  const subject = subjectOf(v.facts);
  const verdict = mayProceed(p.policy, 'promote', v.facts, p.records, now);
  const gates = verdict.gates.map((g) => ({ gateId: g.gate.id, name: g.gate.name, status: g.status, words: GATE_STATUS_WORDS[g.status] }));
  const open = p.records.waivers.filter((w) => waiverActive(w, now) && covers(w.subject, subject)).map((w) => w.expiresAt).sort();
  const review = soonestReview(verdict.gates.map((g) => reviewDue(g.dueAt, g.lapsesAt, now)));
  const { serving, text } = servingOf(v, p.traffic);
  const blocked = !verdict.allowed && serving !== 'retired';
  const attention: AttentionReason[] = [];
  if (review.kind === 'lapsed' || review.kind === 'overdue') attention.push(review.kind);
  if (blocked) attention.push('blocked');
  if (open.length > 0) attention.push('waived');
  return {
    projectId: p.projectId,
    projectName: p.projectName,
    modelVersionId: v.facts.facts.modelVersionId,
    modelName: v.facts.facts.modelName,
    version: v.facts.facts.version,
    tier: p.tier ?? 'not assessed',
    aliases: [...v.aliases],
    serving,
    servingText: text,
    gates,
    blocked,
    blockedReasons: blocked ? verdict.reasons : [],
    waivers: { count: open.length, nearestExpiry: open[0] ?? null },
    review,
    drift: p.drift.find((d) => d.referenceId === v.facts.facts.datasetVersionId) ?? null,
    attention,
  };
}

/** Every registered version of every project, by project name, model name, then newest version first. */
export function inventoryRows(projects: readonly InventoryProjectFacts[], now: number): InventoryRow[] {
  const rows = projects.flatMap((p) => p.versions.map((v) => rowOf(p, v, now)));
  return rows.sort((a, b) => a.projectName.localeCompare(b.projectName) || a.modelName.localeCompare(b.modelName) || b.version - a.version);
}
