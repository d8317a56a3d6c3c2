/**
 * The one decision every path asks — the Model page and the compute worker before training, the
 * registry before moving the serving alias, the deployment code before deploying or starting a
 * canary, the endpoint before serving: may this object go on, and if not, why?
 *
 * - `train` asks the policy's `model` gates about a dataset version; `promote` (set the serving
 *   alias), `deploy`, `canary` and `serve` ask its `deploy` gates about a model version.
 * - New work (`train`, `promote`, `deploy`, `canary`) needs every guarding gate approved, due
 *   for re-review (still allowed: see gateState.ts) or waived.
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

/** Whether `state` stops a deployment serving (see the file comment). */
function stopsServing(state: GateState): boolean {
  if (state.status === 'waived') return false;
  if (state.status === 'lapsed' || state.decision?.outcome === 'reject') return true;
  return !MET_STATUSES.includes(state.status) && state.expiredWaiver !== null;
}

export function mayProceed(policy: PublishedPolicy | null, action: GatedAction, object: GateFacts, records: GovernanceRecords, now: number): ProceedVerdict {
  if (!policy) return { allowed: true, gates: [], blocking: [], reasons: [], notes: ['No governance policy is published: nothing is gated.'] };
  const wanted = action === 'train' ? 'dataset-version' : 'model-version';
  if (object.kind !== wanted) {
    return { allowed: false, gates: [], blocking: [], reasons: [`${action} is decided for a ${wanted.replace('-', ' ')}, not a ${object.kind.replace('-', ' ')}.`], notes: [] };
  }
  const gates = gatesFor(policy.data, action === 'train' ? 'model' : 'deploy').map((gate) => gateState(policy, gate, object, records, now));
  const blocking = gates.filter((g) => (action === 'serve' ? stopsServing(g) : !MET_STATUSES.includes(g.status)));
  const reasons = blocking.map((g) => `${ACTION_WORDS[action]} needs ${g.gate.name}: ${g.summary}`);
  const notes = gates.filter((g) => !blocking.includes(g) && (g.status === 'due' || g.status === 'waived')).map((g) => `${g.gate.name}: ${g.summary}`);
  return { allowed: blocking.length === 0, gates, blocking, reasons, notes };
}
