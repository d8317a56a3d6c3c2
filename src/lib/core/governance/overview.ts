/**
 * Where a project's governance stands, computed once for every page that shows it (Govern →
 * Gates, the PM summary): each gate of the published policy for each object it judges, what
 * each gated action is blocked by (asked of `mayProceed`, the one decision), and the waivers in
 * force with those expiring soon. The caller gives the objects that matter now — the newest
 * dataset version and those trained on, the registered model versions still in use — with
 * their facts; `now` (ms) is injected.
 */
import { deciderWords } from './council';
import type { GateFacts } from './evidenceCatalog';
import { gateState, type GateState, type GateStatus } from './gateState';
import { mayProceed, PROHIBITED_REASON, type GatedAction } from './mayProceed';
import type { RiskTier } from './riskQuestions';
import type { PolicyGate } from './policy';
import type { PublishedPolicy } from './policyVersions';
import type { GovernanceRecords, Waiver } from './records';
import { covers, subjectLabel, subjectOf, type SubjectRef } from './subjects';
import { waiverActive } from './waivers';

/** A waiver ending within this many days is listed as expiring soon. */
export const WAIVER_EXPIRING_SOON_DAYS = 7;

const DAY_MS = 86_400_000;

/** A gate status in words, for pages and exports (never colour alone). */
export const GATE_STATUS_WORDS: Record<GateStatus, string> = {
  approved: 'approved',
  due: 'due for re-review',
  waived: 'waived',
  pending: 'pending',
  'changes-requested': 'changes requested',
  rejected: 'rejected',
  stale: 'stale — re-review',
  lapsed: 'lapsed',
  'not-requested': 'not requested',
};

/** What a gate of each stage guards, in words. */
export const GATE_GUARDS = {
  model: 'training: it judges dataset versions',
  deploy: 'making a version the champion, deploying, canaries and serving: it judges model versions',
} as const;

/** Why an object is one that matters now. */
export type ObjectRole = 'newest' | 'trained-on' | 'registered' | 'champion' | 'served' | 'challenger';

export interface GovernedObjectInput {
  facts: GateFacts;
  roles: ObjectRole[];
}

export interface OverviewObject {
  /** The stored id of the dataset or model version (what the db functions take). */
  id: string;
  kind: GateFacts['kind'];
  subject: SubjectRef;
  /** "dataset v2", "Ticket router v1". */
  label: string;
  roles: ObjectRole[];
}

export interface GateOverview {
  gate: PolicyGate;
  /** The deciding role's name in the policy ("Ethics reviewer"), its id when the policy has none. */
  deciderName: string;
  /** The gate for each object it judges, in the order given. */
  objects: { object: OverviewObject; state: GateState }[];
}

export interface BlockedAction {
  object: OverviewObject;
  /** Actions blocked for the same reasons, in GATED_ACTIONS order. */
  actions: GatedAction[];
  /** The blocking gates, one line each: "Data Ethics Review — No review requested yet." */
  reasons: string[];
  /** The whole sentence for a page: "Training on dataset v2 is blocked: …". */
  text: string;
}

export interface WaiverInForce {
  waiver: Waiver;
  gateName: string;
  /** The object it sets the gate aside for. */
  label: string;
  /** Whole days left, rounded up. */
  daysLeft: number;
  expiringSoon: boolean;
}

export interface GovernanceOverview {
  policy: { name: string; version: number; hash: string } | null;
  gates: GateOverview[];
  blocked: BlockedAction[];
  waivers: WaiverInForce[];
}

/** What an object of each kind may be asked to do; serving only when it is served. */
function actionsFor(o: GovernedObjectInput): GatedAction[] {
  if (o.facts.kind === 'dataset-version') return ['train'];
  return o.roles.includes('served') ? ['promote', 'deploy', 'canary', 'serve'] : ['promote', 'deploy', 'canary'];
}

const ACTION_NOUN: Record<GatedAction, string> = {
  train: 'training on it',
  promote: 'making it the champion',
  deploy: 'deploying it',
  canary: 'starting a canary of it',
  serve: 'serving it',
};

const SINGLE: Record<GatedAction, (label: string) => string> = {
  train: (l) => `Training on ${l}`,
  promote: (l) => `Making ${l} the champion`,
  deploy: (l) => `Deploying ${l}`,
  canary: (l) => `Starting a canary of ${l}`,
  serve: (l) => `Serving ${l}`,
};

const listed = (items: string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

function blockedText(label: string, actions: GatedAction[], reasons: string[]): string {
  const what = actions.length === 1 ? `${SINGLE[actions[0]](label)} is blocked` : `${label}: ${listed(actions.map((a) => ACTION_NOUN[a]))} are blocked`;
  return `${what}: ${reasons.join(' ')}`;
}

function objectOf(o: GovernedObjectInput): OverviewObject {
  const subject = subjectOf(o.facts);
  const id = o.facts.kind === 'dataset-version' ? o.facts.facts.datasetVersionId : o.facts.facts.modelVersionId;
  return { id, kind: o.facts.kind, subject, label: subjectLabel(subject), roles: o.roles };
}

/** Blocked actions of one object, grouped when the same gates block them for the same reasons. */
function blockedOf(policy: PublishedPolicy, input: GovernedObjectInput, object: OverviewObject, records: GovernanceRecords, now: number, tier: RiskTier | null): BlockedAction[] {
  const groups = new Map<string, BlockedAction>();
  for (const action of actionsFor(input)) {
    const verdict = mayProceed(policy, action, input.facts, records, now, tier);
    if (verdict.allowed) continue;
    // A refusal by no gate (a prohibited tier) says its own reason.
    const reasons = verdict.blocking.length ? verdict.blocking.map((g) => `${g.gate.name} — ${g.summary}`) : [PROHIBITED_REASON];
    const key = reasons.join('\n');
    const group = groups.get(key) ?? { object, actions: [], reasons, text: '' };
    group.actions.push(action);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => ({ ...g, text: blockedText(object.label, g.actions, g.reasons) }));
}

function waiversInForce(policy: PublishedPolicy, records: GovernanceRecords, objects: OverviewObject[], now: number): WaiverInForce[] {
  return records.waivers
    .filter((w) => waiverActive(w, now))
    .map((waiver) => {
      const daysLeft = Math.ceil((Date.parse(waiver.expiresAt) - now) / DAY_MS);
      const label = objects.find((o) => covers(waiver.subject, o.subject))?.label ?? subjectLabel(waiver.subject);
      const gateName = policy.data.gates.find((g) => g.id === waiver.gateId)?.name ?? waiver.gateId;
      return { waiver, gateName, label, daysLeft, expiringSoon: daysLeft <= WAIVER_EXPIRING_SOON_DAYS };
    })
    .sort((a, b) => Date.parse(a.waiver.expiresAt) - Date.parse(b.waiver.expiresAt));
}

/** `tier`: the project's current risk tier (null: not assessed), which mayProceed also weighs. */
export function governanceOverview(policy: PublishedPolicy | null, records: GovernanceRecords, inputs: readonly GovernedObjectInput[], now: number, tier: RiskTier | null = null): GovernanceOverview {
  if (!policy) return { policy: null, gates: [], blocked: [], waivers: [] };
  const objects = inputs.map(objectOf);
  const kindOf = (gate: PolicyGate) => (gate.stage === 'model' ? 'dataset-version' : 'model-version');
  const gates = policy.data.gates.map((gate) => ({
    gate,
    deciderName: deciderWords(gate, policy.data.roles),
    objects: inputs.flatMap((input, i) => (input.facts.kind === kindOf(gate) ? [{ object: objects[i], state: gateState(policy, gate, input.facts, records, now) }] : [])),
  }));
  return {
    policy: { name: policy.data.name, version: policy.version, hash: policy.hash },
    gates,
    blocked: inputs.flatMap((input, i) => blockedOf(policy, input, objects[i], records, now, tier)),
    waivers: waiversInForce(policy, records, objects, now),
  };
}
