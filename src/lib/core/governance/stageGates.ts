/**
 * The gates the lifecycle strip and the next-step hint read (LifecycleSummary.gates), from the
 * governance overview: one entry per policy gate, judged on the object that matters for its stage
 * now — the newest dataset version for a gate before training; the served model version (else the
 * champion, else the newest registered) for a gate before deploying. A deploy gate with no model
 * version yet is left out: nothing is waiting on it. An approval overdue for re-review still lets
 * a dataset version train, but no longer lets a model version be promoted or deployed
 * (mayProceed.ts): before deployment it reads pending.
 */
import type { GateStatus as StripGateStatus, StageId } from '../lifecycle/stages';
import type { GateStatus } from './gateState';
import type { GovernanceOverview, OverviewObject } from './overview';

const STRIP_STATUS: Record<GateStatus, StripGateStatus> = {
  approved: 'approved',
  due: 'approved',
  waived: 'waived',
  pending: 'pending',
  stale: 'pending',
  'not-requested': 'pending',
  'changes-requested': 'rejected',
  rejected: 'rejected',
  lapsed: 'rejected',
};

function mattersNow(objects: readonly { object: OverviewObject }[], stage: 'model' | 'deploy'): number {
  if (stage === 'model') return objects.findIndex((o) => o.object.roles.includes('newest'));
  const served = objects.findIndex((o) => o.object.roles.includes('served'));
  if (served >= 0) return served;
  const champion = objects.findIndex((o) => o.object.roles.includes('champion'));
  return champion >= 0 ? champion : objects.findIndex((o) => o.object.kind === 'model-version');
}

export function stageGates(overview: GovernanceOverview): { stage: StageId; status: StripGateStatus }[] {
  return overview.gates.flatMap(({ gate, objects }) => {
    const i = mattersNow(objects, gate.stage);
    if (i < 0) return [];
    const status = objects[i].state.status;
    return [{ stage: gate.stage, status: status === 'due' && gate.stage === 'deploy' ? 'pending' : STRIP_STATUS[status] }];
  });
}
