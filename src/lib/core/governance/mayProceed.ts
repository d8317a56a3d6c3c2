/**
 * The one decision every path asks — the Model page and the compute worker before training, the
 * registry before moving the serving alias, the deployment code before deploying or starting a
 * canary, the endpoint before serving: may this object go on, and if not, why?
 *
 * - `train` asks the policy's `model` gates about a dataset version; `promote` (set the serving
 *   alias), `deploy`, `canary` and `serve` ask its `deploy` gates about a model version.
 * - New work (`train`, `promote`, `deploy`, `canary`) needs every guarding gate approved or
 *   waived. An approval past its re-review date (*due*, gateState.ts) still lets a dataset version
 *   train and a deployed version serve until it lapses, but no longer lets a model version be
 *   promoted, deployed or start a canary: putting it in front of more people waits for the
 *   re-review.
 * - A project whose current risk assessment is *prohibited* (tierPolicy.ts) may not promote,
 *   deploy, canary or serve anything, whatever the policy says (with none published, too).
 *   Training stays allowed: learning from data puts nothing in front of people.
 * - `serve` keeps a deployment answering unless its version *lost* what let it through. A deploy
 *   gate refuses serving when, with no active waiver: the newest decision on the version is a
 *   rejection (e.g. a rejected re-review, even while a new review is pending); or its approval
 *   has lapsed (older than the re-review period plus its grace days); or a waiver covered it and
 *   has expired with no approval since. A version served before the policy existed, never
 *   approved, never waived, keeps serving: nothing was lost; deploying it again is gated. So does
 *   a version whose approval went stale by a policy change: it needs re-review, not a stop.
 * - With no published policy nothing is gated (a draft governs nothing).
 */
import type { GateFacts } from './evidenceCatalog';
import { gateState, MET_STATUSES, type GateState } from './gateState';
import { gatesFor } from './policy';
import type { PublishedPolicy } from './policyVersions';
import type { GovernanceRecords } from './records';
import type { RiskTier } from './riskQuestions';

export const GATED_ACTIONS = ['train', 'promote', 'deploy', 'canary', 'serve'] as const;
export type GatedAction = (typeof GATED_ACTIONS)[number];

const ACTION_WORDS: Record<GatedAction, string> = {
  train: 'Training on this dataset version',
  promote: 'Making this version the champion',
  deploy: 'Deploying this version',
  canary: 'Starting a canary of this version',
  serve: 'Serving this version',
};

export interface ProceedVerdict {
  allowed: boolean;
  /** Every gate guarding the action, met or not, with its evidence. */
  gates: GateState[];
  /** The gates that stop the action; [] when allowed. */
  blocking: GateState[];
  /** Why not, one sentence per blocking gate; [] when allowed. */
  reasons: string[];
  /** Allowed, but worth saying: approvals due for re-review, waivers in force. */
  notes: string[];
}

/** Actions that put a model version in front of people, or more of them, than before. */
const PROMOTING: readonly GatedAction[] = ['promote', 'deploy', 'canary'];

/** Whether `state` stops `action` (not serving; see the file comment). */
function stopsNewWork(state: GateState, action: GatedAction): boolean {
  return !MET_STATUSES.includes(state.status) || (state.status === 'due' && PROMOTING.includes(action));
}

function reasonOf(action: GatedAction, state: GateState): string {
  if (state.status !== 'due') return `${ACTION_WORDS[action]} needs ${state.gate.name}: ${state.summary}`;
  return `${ACTION_WORDS[action]} needs ${state.gate.name}: the approval of ${state.decision!.at.slice(0, 10)} is overdue — its re-review was due on ${state.dueAt!.slice(0, 10)}: request a re-review.`;
}

/** Why a prohibited project's model versions may not go on, whatever the action. */
export const PROHIBITED_REASON = 'The project’s risk assessment finds a practice the EU AI Act prohibits: nothing may be deployed or served. Stop or redesign the use.';

/** The refusal of a prohibited project (see the file comment): no gate blocks, the tier does. */
function prohibited(action: GatedAction): ProceedVerdict {
  return { allowed: false, gates: [], blocking: [], reasons: [`${ACTION_WORDS[action]} is refused. ${PROHIBITED_REASON}`], notes: [] };
}

/** Whether `state` stops a deployment serving (see the file comment). */
function stopsServing(state: GateState): boolean {
  if (state.status === 'waived') return false;
  if (state.status === 'lapsed' || state.decision?.outcome === 'reject') return true;
  return !MET_STATUSES.includes(state.status) && state.expiredWaiver !== null;
}

/** `tier`: the project's current risk tier (null: not assessed). */
export function mayProceed(policy: PublishedPolicy | null, action: GatedAction, object: GateFacts, records: GovernanceRecords, now: number, tier: RiskTier | null = null): ProceedVerdict {
  if (tier === 'prohibited' && action !== 'train') return prohibited(action);
  if (!policy) return { allowed: true, gates: [], blocking: [], reasons: [], notes: ['No governance policy is published: nothing is gated.'] };
  const wanted = action === 'train' ? 'dataset-version' : 'model-version';
  if (object.kind !== wanted) {
    return { allowed: false, gates: [], blocking: [], reasons: [`${action} is decided for a ${wanted.replace('-', ' ')}, not a ${object.kind.replace('-', ' ')}.`], notes: [] };
  }
  const gates = gatesFor(policy.data, action === 'train' ? 'model' : 'deploy').map((gate) => gateState(policy, gate, object, records, now));
  const blocking = gates.filter((g) => (action === 'serve' ? stopsServing(g) : stopsNewWork(g, action)));
  const reasons = blocking.map((g) => reasonOf(action, g));
  const notes = gates.filter((g) => !blocking.includes(g) && (g.status === 'due' || g.status === 'waived')).map((g) => `${g.gate.name}: ${g.summary}`);
  return { allowed: blocking.length === 0, gates, blocking, reasons, notes };
}
