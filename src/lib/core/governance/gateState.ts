/**
 * Where one gate stands for one object at `now` (ms; injected), from the stored records:
 *
 * - **waived** — a waiver covering the object is active; it wins over any decision until it expires.
 * - **approved** — the newest decision covering the object approves it, and it is younger than the
 *   policy's re-review period (`reReview.days`).
 * - **due** — that approval is older than the period but younger than period + `graceDays`: still
 *   allowed, and the gate says by when it lapses.
 * - **lapsed** — older than period + grace: not allowed, serving included, until re-approved.
 * - **rejected** / **changes-requested** — the newest covering decision says so (a new request
 *   after it reads *pending*).
 * - **pending** — a request covering the object awaits its first decision.
 * - **stale** — nothing covers this object, but the gate was approved for another object of the
 *   same line (an earlier dataset version or hash, another version of the same model): "stale —
 *   re-review". Approvals never carry over. Also stale: the newest approval was made under a
 *   policy version whose gate asked for something else (another stage, role or evidence; a new
 *   name or description does not count), or under a version missing from the records — unless
 *   it has lapsed anyway.
 * - **not-requested** — nothing at all (an expired waiver is mentioned).
 *
 * "Newest" is by time, and by record order for equal times.
 *
 * A council gate (council.ts) reads the same, with a council's answer in place of one decision:
 * a request counts as decided once the council settled it, and its *decision* is the one that
 * settled it (the sign-off reaching quorum, the rejection, the request for changes).
 */
import { evaluateEvidence, type GateFacts } from './evidenceCatalog';
import type { EvidenceState } from './evidenceState';
import type { PolicyGate } from './policy';
import type { PublishedPolicy } from './policyVersions';
import { councilStanding, isCouncilGate, type CouncilStanding } from './council';
import { decisionsOf, isOpen } from './decisions';
import type { Decision, GovernanceRecords, ReviewRequest, Waiver } from './records';
import { covers, related, subjectLabel, subjectOf, type SubjectRef } from './subjects';
import { activeWaiver } from './waivers';

export const GATE_STATUSES = ['approved', 'due', 'waived', 'pending', 'changes-requested', 'rejected', 'stale', 'lapsed', 'not-requested'] as const;
export type GateStatus = (typeof GATE_STATUSES)[number];

/** States in which the gate lets new work through (train, promote, deploy, canary). */
export const MET_STATUSES: readonly GateStatus[] = ['approved', 'due', 'waived'];

export interface GateState {
  gate: PolicyGate;
  subject: SubjectRef;
  status: GateStatus;
  /** One sentence for the page: who, when, why, and what to do next. */
  summary: string;
  /** The newest decision covering the object. */
  decision: Decision | null;
  /** The newest request covering the object still awaiting a decision. */
  openRequest: ReviewRequest | null;
  waiver: Waiver | null;
  /** The newest covering waiver that has expired (when none is active). */
  expiredWaiver: Waiver | null;
  /** For an approval: when re-review falls due and when the approval lapses (ISO). */
  dueAt: string | null;
  lapsesAt: string | null;
  /** A council gate: the newest request's council (open or settled); null otherwise, or before any request. */
  council: CouncilStanding | null;
  evidence: EvidenceState[];
}

const DAY_MS = 86_400_000;
/** "2026-12-04" */
const day = (iso: string) => iso.slice(0, 10);

/** Whether `decision` was made under a policy whose version of `gate` required what `gate` requires now. */
function sameRequirements(decision: Decision, gate: PolicyGate, records: GovernanceRecords): boolean {
  const then = records.policies.find((p) => p.version === decision.policy.version && p.hash === decision.policy.hash)?.data.gates.find((g) => g.id === gate.id);
  if (!then || then.stage !== gate.stage || then.deciderRole !== gate.deciderRole) return false;
  const council = (g: PolicyGate) => (g.council ? `${[...g.council.roles].sort().join(',')}/${g.council.quorum}` : '');
  if (council(then) !== council(gate)) return false;
  return then.evidence.length === gate.evidence.length && gate.evidence.every((id) => then.evidence.includes(id));
}

/** The newest of `items` by `at`; the later record wins a tie. */
function newest<T extends { at: string }>(items: readonly T[]): T | null {
  return items.reduce<T | null>((best, item) => (!best || Date.parse(item.at) >= Date.parse(best.at) ? item : best), null);
}

function summaryOf(s: Omit<GateStanding, 'summary'>, staleFrom: SubjectRef | null): string {
  const d = s.decision;
  const c = s.council;
  const who = c ? 'the council' : d ? `${d.by.name} (${d.by.role})` : '';
  if (c && s.status === 'approved') return `Approved by the council on ${day(d!.at)} under policy v${d!.policy.version} (${c.summary.replace(/\.$/, '')}); re-review due ${day(s.dueAt!)}.`;
  if (c && s.status === 'pending') return `Council review requested by ${s.openRequest!.requestedBy.name} on ${day(s.openRequest!.at)}: ${c.summary}`;
  if (c && (s.status === 'rejected' || s.status === 'changes-requested')) return `${c.summary} (${day(d!.at)})`;
  switch (s.status) {
    case 'waived':
      return `Waived until ${day(s.waiver!.expiresAt)} by ${s.waiver!.grantedBy.name}: ${s.waiver!.reason} (owner: ${s.waiver!.owner}).`;
    case 'approved':
      return `Approved by ${who} on ${day(d!.at)} under policy v${d!.policy.version}; re-review due ${day(s.dueAt!)}.`;
    case 'due':
      return `Approved by ${who} on ${day(d!.at)}; due for re-review since ${day(s.dueAt!)}, lapses on ${day(s.lapsesAt!)}.`;
    case 'lapsed':
      return `The approval of ${day(d!.at)} lapsed on ${day(s.lapsesAt!)}: request a re-review.`;
    case 'rejected':
      return `Rejected by ${who} on ${day(d!.at)}: ${d!.comment}`;
    case 'changes-requested':
      return `Changes requested by ${who} on ${day(d!.at)}: ${d!.comment}`;
    case 'pending':
      return `Review requested by ${s.openRequest!.requestedBy.name} on ${day(s.openRequest!.at)}; awaiting a decision by someone holding "${s.gate.deciderRole}".`;
    case 'stale':
      return staleFrom
        ? `Stale — re-review: approved for ${subjectLabel(staleFrom)}, not for ${subjectLabel(s.subject)} as it is now.`
        : `Stale — re-review: approved under policy v${d!.policy.version}, and the gate requires something else now.`;
    case 'not-requested':
      return `No review requested yet${s.expiredWaiver ? `; a waiver expired on ${day(s.expiredWaiver.expiresAt)}` : ''}.`;
  }
}

/** Where the gate stands for `subject` from the records alone (no evidence): what point-in-time answers read. */
export type GateStanding = Omit<GateState, 'evidence'>;

export function gateState(policy: PublishedPolicy, gate: PolicyGate, object: GateFacts, records: GovernanceRecords, now: number): GateState {
  return { ...gateStanding(policy, gate, subjectOf(object), records, now), evidence: evaluateEvidence(gate.evidence, object, policy.data.sliceFloor) };
}

export function gateStanding(policy: PublishedPolicy, gate: PolicyGate, subject: SubjectRef, records: GovernanceRecords, now: number): GateStanding {
  const mine = <T extends { gateId: string; subject: SubjectRef }>(items: readonly T[]) => items.filter((r) => r.gateId === gate.id && covers(r.subject, subject));
  const requests = mine(records.requests);
  const openRequest = newest(requests.filter((r) => isOpen(r, records, gate)));
  // A council gate's answers are the decisions that settled its requests (council.ts).
  const standingOf = (r: ReviewRequest) => (isCouncilGate(gate) ? councilStanding(gate.council, decisionsOf(r, records), policy.data.roles) : null);
  const answers = isCouncilGate(gate)
    ? records.requests.filter((r) => r.gateId === gate.id).flatMap((r) => standingOf(r)?.settledBy ?? [])
    : records.decisions.filter((d) => d.gateId === gate.id);
  const decision = newest(answers.filter((d) => covers(d.subject, subject)));
  const latest = newest(requests);
  const council: CouncilStanding | null = latest ? standingOf(latest) : null;
  const waiver = activeWaiver(records, gate.id, subject, now);
  const expiredWaiver = waiver ? null : newest(mine(records.waivers).filter((w) => Date.parse(w.expiresAt) <= now));
  let status: GateStatus;
  let dueAt: string | null = null;
  let lapsesAt: string | null = null;
  let staleFrom: SubjectRef | null = null;
  if (decision?.outcome === 'approve') {
    const approvedAt = Date.parse(decision.at);
    dueAt = new Date(approvedAt + policy.data.reReview.days * DAY_MS).toISOString();
    lapsesAt = new Date(approvedAt + (policy.data.reReview.days + policy.data.reReview.graceDays) * DAY_MS).toISOString();
  }
  if (waiver) status = 'waived';
  else if (decision?.outcome === 'approve') {
    // Lapsing wins: an approval past its grace stops serving whatever policy it was made under.
    status = now < Date.parse(dueAt!) ? 'approved' : now < Date.parse(lapsesAt!) ? 'due' : 'lapsed';
    if (status !== 'lapsed' && !sameRequirements(decision, gate, records)) status = 'stale';
  }
  else if (openRequest) status = 'pending';
  else if (decision) status = decision.outcome === 'reject' ? 'rejected' : 'changes-requested';
  else {
    const elsewhere = newest(answers.filter((d) => d.outcome === 'approve' && related(d.subject, subject) && !covers(d.subject, subject)));
    staleFrom = elsewhere?.subject ?? null;
    status = staleFrom ? 'stale' : 'not-requested';
  }
  const state = { gate, subject, status, decision, openRequest, waiver, expiredWaiver, dueAt, lapsesAt, council };
  return { ...state, summary: summaryOf(state, staleFrom) };
}
