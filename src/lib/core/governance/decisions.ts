/**
 * Asking for a review and deciding it. Refusals are returned with their reason (never thrown):
 * a gate not in the published policy, an object of the wrong kind, a request already open, a
 * decider who asked for the review themselves, who does not hold the gate's role, or who
 * approves while evidence is missing (waive instead: a waiver says so openly and expires), or
 * facts about another object than the one the request named. A council gate (council.ts) is
 * answered by each of its roles in turn, and its request stays open until the council has settled it.
 */
import { councilRefusal, councilStanding, isCouncilGate } from './council';
import { evaluateEvidence, type GateFacts } from './evidenceCatalog';
import type { PolicyGate } from './policy';
import { policyRef, type PublishedPolicy } from './policyVersions';
import type { Actor, Checked, Decision, DecisionOutcome, GovernanceRecords, Person, ReviewRequest } from './records';
import { covers, subjectLabel, subjectOf, type SubjectRef } from './subjects';

const STAGE_SUBJECT = { model: 'dataset-version', deploy: 'model-version' } as const;

/** The gate `gateId` of the published policy, if it can judge `subject`; otherwise why not. */
export function gateFor(policy: PublishedPolicy, gateId: string, subject: SubjectRef): PolicyGate | string {
  const gate = policy.data.gates.find((g) => g.id === gateId);
  if (!gate) return `Policy v${policy.version} has no gate "${gateId}".`;
  if (STAGE_SUBJECT[gate.stage] !== subject.kind) {
    return `${gate.name} judges ${gate.stage === 'model' ? 'dataset versions (before training)' : 'model versions (before deployment)'}, not ${subjectLabel(subject)}.`;
  }
  return gate;
}

/** The decisions answering `request`. */
export function decisionsOf(request: ReviewRequest, records: GovernanceRecords): Decision[] {
  return records.decisions.filter((d) => d.requestId === request.id);
}

/** A request is open until a decision answers it; a council request, until the council has settled it. */
export function isOpen(request: ReviewRequest, records: GovernanceRecords, gate: PolicyGate): boolean {
  const answers = decisionsOf(request, records);
  return isCouncilGate(gate) ? councilStanding(gate.council, answers, []).status === 'pending' : answers.length === 0;
}

export interface RequestInput {
  id: string;
  gateId: string;
  subject: SubjectRef;
  by: Person;
  at: string;
  note: string;
}

export function requestReview(policy: PublishedPolicy, input: RequestInput, records: GovernanceRecords): Checked<ReviewRequest> {
  const gate = gateFor(policy, input.gateId, input.subject);
  if (typeof gate === 'string') return { ok: false, reason: gate };
  const open = records.requests.find((r) => r.gateId === gate.id && covers(r.subject, input.subject) && isOpen(r, records, gate));
  if (open) return { ok: false, reason: `${open.requestedBy.name} already asked for a ${gate.name} of ${subjectLabel(input.subject)}; it awaits a decision.` };
  const { id, subject, by, at, note } = input;
  return { ok: true, record: { id, gateId: gate.id, subject, requestedBy: { personId: by.id, name: by.name }, at, note: note.trim(), policy: policyRef(policy) } };
}

export interface DecisionInput {
  id: string;
  requestId: string;
  outcome: DecisionOutcome;
  comment: string;
  by: Person;
  /** The role the person decides in. */
  role: string;
  at: string;
  /** The request's object with its facts as they stand now: an approval needs all its evidence to pass. */
  object: GateFacts;
}

/** Whether `person` may decide or waive `gate`, acting as `role`; otherwise why not. Not for council gates (council.ts). */
export function mayDecide(person: Person, role: string, gate: PolicyGate): Actor | string {
  if (role !== gate.deciderRole) return `${gate.name} is decided by the role "${gate.deciderRole}", not "${role}".`;
  if (!person.roles.includes(role)) return `${person.name} does not hold the role "${role}" (set roles under Govern → People).`;
  return { personId: person.id, name: person.name, role };
}

export function decide(policy: PublishedPolicy, input: DecisionInput, records: GovernanceRecords): Checked<Decision> {
  const request = records.requests.find((r) => r.id === input.requestId);
  if (!request) return { ok: false, reason: 'No such review request.' };
  const gate = gateFor(policy, request.gateId, request.subject);
  if (typeof gate === 'string') return { ok: false, reason: gate };
  if (!isOpen(request, records, gate)) return { ok: false, reason: 'This request has been decided already: ask for a new review.' };
  let actor: Actor | string;
  if (isCouncilGate(gate)) {
    const refusal = councilRefusal(gate, request, decisionsOf(request, records), input.by, input.role, policy.data.roles);
    if (refusal) return { ok: false, reason: refusal };
    actor = { personId: input.by.id, name: input.by.name, role: input.role };
  } else {
    if (input.by.id === request.requestedBy.personId) {
      return { ok: false, reason: `${input.by.name} asked for this review and cannot decide it: another person holding "${gate.deciderRole}" must.` };
    }
    actor = mayDecide(input.by, input.role, gate);
    if (typeof actor === 'string') return { ok: false, reason: actor };
  }
  const comment = input.comment.trim();
  if (input.outcome !== 'approve' && comment === '') return { ok: false, reason: 'Say why in a comment: the requester needs to know what to change.' };
  if (!covers(request.subject, subjectOf(input.object))) {
    return { ok: false, reason: `The facts given are about ${subjectLabel(subjectOf(input.object))}, but the request is about ${subjectLabel(request.subject)} as it was then: ask for a new review.` };
  }
  const unmet = evaluateEvidence(gate.evidence, input.object, policy.data.sliceFloor).filter((e) => e.status !== 'pass');
  if (input.outcome === 'approve' && unmet.length > 0) {
    return { ok: false, reason: `Cannot approve while evidence is not met (${unmet.map((e) => `${e.title}: ${e.status}`).join('; ')}). Request changes, or waive the gate with a reason and an expiry.` };
  }
  const { id, outcome, at } = input;
  return { ok: true, record: { id, requestId: request.id, gateId: gate.id, subject: request.subject, outcome, comment, by: actor, at, policy: policyRef(policy) } };
}
