/**
 * Review requests, decisions and waivers of a project's gates. The governance core decides
 * (requestReview, decide, grantWaiver); here each is asked with the facts of the object as they
 * are stored now, and its record and audit entry are written in one transaction. A refusal is
 * thrown with the core's reason and leaves the database as it was.
 */
import type { LifecycleDatabase } from './database';
import type { Checked, Decision, DecisionOutcome, GovernanceRecords, Person, ReviewRequest, Waiver } from '$lib/core/governance/records';
import { decide, requestReview } from '$lib/core/governance/decisions';
import { grantWaiver } from '$lib/core/governance/waivers';
import { subjectLabel, subjectOf } from '$lib/core/governance/subjects';
import { DECISION_ACTION_PREFIX, decisionRefs, requestRefs, REVIEW_REQUEST_ACTION, WAIVER_ACTION, waiverRefs } from '$lib/core/governance/trailRecords';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import { currentPolicy, listPolicyVersions } from './governancePolicy';
import { factTables, gateFacts, type GovernedObject } from './governanceFacts';
import { appendAudit } from './audit';
import { signDecision } from './signOffs';
import { canonicalJson } from '$lib/core/governance/canonicalJson';
import { newId, nowIso } from './ids';

/** Everything stored for the project's gates, in the shape the core reads. */
export async function governanceRecords(db: LifecycleDatabase, projectId: string): Promise<GovernanceRecords> {
  const [policies, requests, decisions, waivers] = await Promise.all([
    listPolicyVersions(db, projectId),
    db.reviewRequests.where('projectId').equals(projectId).sortBy('at'),
    db.decisions.where('projectId').equals(projectId).sortBy('at'),
    db.waivers.where('projectId').equals(projectId).sortBy('at'),
  ]);
  return { policies, requests, decisions, waivers };
}

function governanceTables(db: LifecycleDatabase) {
  return [db.policyVersions, db.people, db.reviewRequests, db.decisions, db.waivers, db.auditLog, ...factTables(db)];
}

/** The core's record, or its reason thrown. */
export function accepted<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new Error(checked.reason);
  return checked.record;
}

async function policyOf(db: LifecycleDatabase, projectId: string): Promise<PublishedPolicy> {
  const policy = await currentPolicy(db, projectId);
  if (!policy) throw new Error('No governance policy is published: publish one first.');
  return policy;
}

/** One of the project's people (Govern → People), or a refusal naming where people are added. */
export async function personOf(db: LifecycleDatabase, projectId: string, personId: string): Promise<Person> {
  const person = await db.people.get(personId);
  if (person?.projectId !== projectId) throw new Error('That person is not one of this project’s people (Govern → People).');
  return person;
}

function gateName(policy: PublishedPolicy, gateId: string): string {
  return policy.data.gates.find((g) => g.id === gateId)?.name ?? gateId;
}

export async function requestReviewFor(
  db: LifecycleDatabase,
  input: { projectId: string; gateId: string; object: GovernedObject; personId: string; note: string },
): Promise<ReviewRequest> {
  return db.transaction('rw', governanceTables(db), async () => {
    const { projectId } = input;
    const policy = await policyOf(db, projectId);
    const by = await personOf(db, projectId, input.personId);
    const subject = subjectOf(await gateFacts(db, projectId, input.object));
    const records = await governanceRecords(db, projectId);
    const request = accepted(requestReview(policy, { id: newId(), gateId: input.gateId, subject, by, at: nowIso(), note: input.note }, records));
    await db.reviewRequests.add({ projectId, ...request });
    await appendAudit(db, {
      projectId, actor: by.name, action: REVIEW_REQUEST_ACTION,
      detail: `${by.name} asked for a ${gateName(policy, request.gateId)} of ${subjectLabel(subject)}${request.note ? ` — ${request.note}` : ''}`,
      at: request.at, refs: requestRefs(request),
    });
    return request;
  });
}

/**
 * Records a decision, signed by the person's key (made on first need; see signOffs.ts). The core
 * decides twice: once to know what to sign, and again in the writing transaction, which refuses
 * if anything it decided on changed while the signature was being made.
 */
export async function recordDecision(
  db: LifecycleDatabase,
  input: { projectId: string; requestId: string; personId: string; role: string; outcome: DecisionOutcome; comment: string },
): Promise<Decision> {
  const { projectId, outcome, comment, role } = input;
  const id = newId();
  const at = nowIso();
  const decideNow = async () => {
    const policy = await policyOf(db, projectId);
    const by = await personOf(db, projectId, input.personId);
    const request = await db.reviewRequests.get(input.requestId);
    if (request?.projectId !== projectId) throw new Error('No such review request.');
    const s = request.subject;
    const object = await gateFacts(db, projectId, s.kind === 'dataset-version' ? { kind: s.kind, id: s.datasetVersionId } : { kind: s.kind, id: s.modelVersionId });
    const records = await governanceRecords(db, projectId);
    return { policy, by, decision: accepted(decide(policy, { id, requestId: request.id, outcome, comment, by, role, at, object }, records)) };
  };
  const planned = await db.transaction('r', governanceTables(db), decideNow);
  const signature = await signDecision(db, projectId, planned.by, planned.decision);
  return db.transaction('rw', governanceTables(db), async () => {
    const { policy, by, decision } = await decideNow();
    if (canonicalJson(decision) !== canonicalJson(planned.decision)) throw new Error('The review changed while the decision was being signed: try again.');
    const stored: Decision = signature ? { ...decision, signature } : decision;
    await db.decisions.add({ projectId, ...stored });
    await appendAudit(db, {
      projectId, actor: by.name, action: `${DECISION_ACTION_PREFIX}${decision.outcome}`,
      detail: `${by.name} (${role}) answered the ${gateName(policy, decision.gateId)} of ${subjectLabel(decision.subject)}: ${decision.outcome}${decision.comment ? ` — ${decision.comment}` : ''}${signature ? ` (signed, key ${signature.fingerprint})` : ''}`,
      at: decision.at, refs: decisionRefs(stored),
    });
    return stored;
  });
}

export async function grantWaiverFor(
  db: LifecycleDatabase,
  input: { projectId: string; gateId: string; object: GovernedObject; personId: string; role: string; reason: string; owner: string; expiresAt: string | null },
): Promise<Waiver> {
  return db.transaction('rw', governanceTables(db), async () => {
    const { projectId, gateId, role, reason, owner, expiresAt } = input;
    const policy = await policyOf(db, projectId);
    const by = await personOf(db, projectId, input.personId);
    const subject = subjectOf(await gateFacts(db, projectId, input.object));
    const waiver = accepted(grantWaiver(policy, { id: newId(), gateId, subject, reason, owner, by, role, at: nowIso(), expiresAt }));
    await db.waivers.add({ projectId, ...waiver });
    await appendAudit(db, {
      projectId, actor: by.name, action: WAIVER_ACTION,
      detail: `${by.name} (${role}) waived the ${gateName(policy, gateId)} of ${subjectLabel(subject)} until ${waiver.expiresAt.slice(0, 10)}, owned by ${waiver.owner} — ${waiver.reason}`,
      at: waiver.at, refs: waiverRefs(waiver),
    });
    return waiver;
  });
}
