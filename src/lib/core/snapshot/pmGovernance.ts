/**
 * The governance section of the PM summary, from the governance overview (governance/overview.ts):
 * the policy in force, each gate's state for the versions in use, what is blocked, and the
 * waivers in force with those expiring soon. Plain, serialisable data, in words (the page and
 * the Markdown export print it as it is).
 */
import { GATE_GUARDS, GATE_STATUS_WORDS, type GovernanceOverview } from '../governance/overview';
import type { GateStatus } from '../governance/gateState';

export interface PmGovernance {
  /** Null when no policy is published: nothing is gated. */
  policy: { name: string; version: number; hash: string } | null;
  gates: {
    name: string;
    guards: string;
    deciderRole: string;
    objects: { label: string; status: GateStatus; statusText: string; summary: string }[];
  }[];
  /** One sentence per blocked action (or group of actions blocked alike). */
  blocked: string[];
  waivers: { gate: string; object: string; expiresAt: string; daysLeft: number; expiringSoon: boolean; owner: string; reason: string; grantedBy: string }[];
}

export function pmGovernance(o: GovernanceOverview): PmGovernance {
  return {
    policy: o.policy,
    gates: o.gates.map(({ gate, objects }) => ({
      name: gate.name,
      guards: GATE_GUARDS[gate.stage],
      deciderRole: gate.deciderRole,
      objects: objects.map(({ object, state }) => ({ label: object.label, status: state.status, statusText: GATE_STATUS_WORDS[state.status], summary: state.summary })),
    })),
    blocked: o.blocked.map((b) => b.text),
    waivers: o.waivers.map((w) => ({
      gate: w.gateName,
      object: w.label,
      expiresAt: w.waiver.expiresAt,
      daysLeft: w.daysLeft,
      expiringSoon: w.expiringSoon,
      owner: w.waiver.owner,
      reason: w.waiver.reason,
      grantedBy: `${w.waiver.grantedBy.name} (${w.waiver.grantedBy.role})`,
    })),
  };
}
