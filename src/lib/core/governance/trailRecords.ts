/**
 * Governance events as the audit trail records them, both ways: the refs a request, a decision,
 * a waiver or a published policy writes with its entry, and the records read back from a trail
 * as of a moment. Point-in-time answers rebuild the project's {@link GovernanceRecords} from the
 * trail alone and ask gateState — the same rule the gates use today, at that moment.
 *
 * Refs are strings; the hash chain covers every one of them, so what is read back is what was
 * written. Entries written before a ref existed fall back where they can (an outcome from the
 * action's name, a policy hash from the stored version); a waiver without its expiry cannot be
 * said to be in force and is left out.
 */
import type { AuditEntryContent } from './auditChain';
import type { PolicyRef, PublishedPolicy } from './policyVersions';
import { DECISION_OUTCOMES, type Decision, type DecisionOutcome, type GovernanceRecords, type ReviewRequest, type Waiver } from './records';
import type { SubjectRef } from './subjects';

export const POLICY_PUBLISH_ACTION = 'governance.policy.publish';
export const REVIEW_REQUEST_ACTION = 'governance.review.request';
/** Followed by the outcome: `governance.decision.approve`. */
export const DECISION_ACTION_PREFIX = 'governance.decision.';
export const WAIVER_ACTION = 'governance.waiver';

type Refs = Record<string, string>;

/** The refs naming the object a record is about (the ids it is keyed by first, as before). */
export function subjectRefs(s: SubjectRef): Refs {
  return s.kind === 'dataset-version'
    ? { datasetVersionId: s.datasetVersionId, contentHash: s.contentHash, datasetNumber: String(s.number) }
    : { modelVersionId: s.modelVersionId, runId: s.runId, modelName: s.modelName, modelVersion: String(s.version) };
}

const policyRefs = (p: PolicyRef): Refs => ({ policyVersion: String(p.version), policyHash: p.hash });

export function requestRefs(r: ReviewRequest): Refs {
  return { requestId: r.id, gateId: r.gateId, ...subjectRefs(r.subject), ...policyRefs(r.policy), personId: r.requestedBy.personId, note: r.note };
}

/** A signed decision's refs carry its signature too: the chain then covers it, and the record reads back whole. */
export function decisionRefs(d: Decision): Refs {
  const signature: Refs = d.signature ? { signedPayload: d.signature.payload, signature: d.signature.value, signatureKey: d.signature.fingerprint } : {};
  return { decisionId: d.id, requestId: d.requestId, gateId: d.gateId, ...subjectRefs(d.subject), ...policyRefs(d.policy), outcome: d.outcome, personId: d.by.personId, role: d.by.role, comment: d.comment, ...signature };
}

export function waiverRefs(w: Waiver): Refs {
  return {
    waiverId: w.id, gateId: w.gateId, ...subjectRefs(w.subject), ...policyRefs(w.policy),
    expiresAt: w.expiresAt, owner: w.owner, reason: w.reason, personId: w.grantedBy.personId, role: w.grantedBy.role,
  };
}

export function publishRefs(p: PublishedPolicy): Refs {
  return policyRefs(p);
}

function subjectOfRefs(r: Refs): SubjectRef | null {
  if (r.datasetVersionId && r.contentHash) return { kind: 'dataset-version', datasetVersionId: r.datasetVersionId, contentHash: r.contentHash, number: Number(r.datasetNumber ?? 0) };
  if (r.modelVersionId && r.runId) return { kind: 'model-version', modelVersionId: r.modelVersionId, runId: r.runId, modelName: r.modelName ?? '', version: Number(r.modelVersion ?? 0) };
  return null;
}

/** What the trail says about governance by `at` (ISO): the records then, and the policy in force. */
export interface TrailGovernance {
  records: GovernanceRecords;
  /** The newest version published by then, as the trail names it; null before any. */
  inForce: PolicyRef | null;
  /** Its frozen document among `stored` (same version and hash); null when missing or not matching. */
  policy: PublishedPolicy | null;
}

/**
 * Rebuilds the governance records from `trail` (chain order), counting entries written at or
 * before `at`. `stored` are the project's published policy versions: a published version is
 * frozen and hashed, so the trail's version and hash pick out its document.
 */
export function governanceFromTrail(trail: readonly AuditEntryContent[], stored: readonly PublishedPolicy[], at: string): TrailGovernance {
  const t = Date.parse(at);
  const policyByVersion = new Map(stored.map((p) => [p.version, p]));
  const policyOf = (r: Refs): PolicyRef => {
    const version = Number(r.policyVersion ?? 0);
    return { version, hash: r.policyHash ?? policyByVersion.get(version)?.hash ?? '' };
  };
  const policies: PublishedPolicy[] = [];
  const requests: ReviewRequest[] = [];
  const decisions: Decision[] = [];
  const waivers: Waiver[] = [];
  let inForce: PolicyRef | null = null;
  for (const e of trail) {
    if (Date.parse(e.at) > t) continue;
    const r = e.refs;
    if (e.action === POLICY_PUBLISH_ACTION) {
      inForce = policyOf(r);
      const doc = policyByVersion.get(inForce.version);
      if (doc && doc.hash === inForce.hash) policies.push(doc);
      continue;
    }
    const subject = subjectOfRefs(r);
    if (!subject || !r.gateId) continue;
    const base = { gateId: r.gateId, subject, at: e.at, policy: policyOf(r) };
    if (e.action === REVIEW_REQUEST_ACTION && r.requestId) {
      requests.push({ ...base, id: r.requestId, requestedBy: { personId: r.personId ?? '', name: e.actor }, note: r.note ?? '' });
    } else if (e.action.startsWith(DECISION_ACTION_PREFIX) && r.decisionId) {
      const outcome = (r.outcome ?? e.action.slice(DECISION_ACTION_PREFIX.length)) as DecisionOutcome;
      if (!DECISION_OUTCOMES.includes(outcome)) continue;
      const signature = r.signedPayload && r.signature && r.signatureKey ? { signature: { payload: r.signedPayload, value: r.signature, fingerprint: r.signatureKey } } : {};
      decisions.push({ ...base, id: r.decisionId, requestId: r.requestId ?? '', outcome, comment: r.comment ?? '', by: { personId: r.personId ?? '', name: e.actor, role: r.role ?? '' }, ...signature });
    } else if (e.action === WAIVER_ACTION && r.waiverId && r.expiresAt) {
      waivers.push({ ...base, id: r.waiverId, reason: r.reason ?? '', owner: r.owner ?? '', expiresAt: r.expiresAt, grantedBy: { personId: r.personId ?? '', name: e.actor, role: r.role ?? '' } });
    }
  }
  const ref = inForce as PolicyRef | null;
  const policy = ref ? (policies.find((p) => p.version === ref.version && p.hash === ref.hash) ?? null) : null;
  return { records: { policies, requests, decisions, waivers }, inForce: ref, policy };
}
