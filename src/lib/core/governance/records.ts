/**
 * The governance records a project keeps, append-only: review requests, decisions and waivers.
 * Each names the gate, the exact object it is about ({@link SubjectRef}) and the policy version
 * it was made under. People are local names with roles: a browser cannot tell who is typing, so
 * these records say who *claimed* to act (signatures are for the next issue).
 */
import type { PolicyRef, PublishedPolicy } from './policyVersions';
import type { SubjectRef } from './subjects';

/** A named local person and the policy roles they hold (Govern → People). */
export interface Person {
  id: string;
  name: string;
  roles: string[];
}

/** Who acted, and in which of their roles. */
export interface Actor {
  personId: string;
  name: string;
  role: string;
}

export interface ReviewRequest {
  id: string;
  gateId: string;
  subject: SubjectRef;
  requestedBy: { personId: string; name: string };
  /** ISO time. */
  at: string;
  note: string;
  policy: PolicyRef;
}

export const DECISION_OUTCOMES = ['approve', 'reject', 'request-changes'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export interface Decision {
  id: string;
  requestId: string;
  gateId: string;
  /** What the decision covers: the request's object, exactly. */
  subject: SubjectRef;
  outcome: DecisionOutcome;
  comment: string;
  by: Actor;
  at: string;
  policy: PolicyRef;
  /**
   * The person's signature over `signOffPayload(signOffInputOf(this, contentHash))`
   * (signatures.ts), when they had a signing key; absent on decisions made before keys existed.
   */
  signature?: DecisionSignature;
}

export interface DecisionSignature {
  /** The exact canonical text signed. */
  payload: string;
  /** Base64url of r‖s. */
  value: string;
  /** The signing key's fingerprint. */
  fingerprint: string;
}

/** One gate set aside for one object until `expiresAt`, with the reason and who answers for it. */
export interface Waiver {
  id: string;
  gateId: string;
  subject: SubjectRef;
  reason: string;
  /** The person who answers for the risk until it expires. */
  owner: string;
  grantedBy: Actor;
  at: string;
  /** ISO time; required: a waiver never lasts for ever. */
  expiresAt: string;
  policy: PolicyRef;
}

/** Everything stored for a project's gates. */
export interface GovernanceRecords {
  /** Every published version of the policy: what each decision was made under. */
  policies: readonly PublishedPolicy[];
  requests: readonly ReviewRequest[];
  decisions: readonly Decision[];
  waivers: readonly Waiver[];
}

/** A refusal in words a person can act on, or the record to append. */
export type Checked<T> = { ok: true; record: T } | { ok: false; reason: string };
