/**
 * A policy's life: a *draft* is edited freely; *publishing* freezes it as a numbered version
 * carrying the SHA-256 of its canonical content (canonicalJson.ts); editing a published version
 * starts the next draft, leaving the published one as it was. Decisions and waivers record the
 * version and hash they were made under ({@link PolicyRef}), so what a decision meant can be
 * shown, and checked, later.
 */
import { canonicalJson, sha256Hex } from './canonicalJson';
import type { GovernancePolicyData } from './policy';
import { validatePolicyData } from './policyDocument';
import { formatProblem } from '../documents/problems';
import type { JsonValue } from '../snapshot/json';

export interface PolicyDraft {
  status: 'draft';
  /** The number it will have once published: 1, or one more than the version it was edited from. */
  version: number;
  /** The published version it was edited from; null for a first policy. */
  basedOn: number | null;
  data: GovernancePolicyData;
}

export interface PublishedPolicy {
  status: 'published';
  version: number;
  /** SHA-256 (hex) of `canonicalJson(data)`. */
  hash: string;
  publishedBy: string;
  /** ISO time. */
  publishedAt: string;
  data: GovernancePolicyData;
}

/** What a decision or a waiver names: the policy version it was made under. */
export interface PolicyRef {
  version: number;
  hash: string;
}

export function policyRef(policy: PublishedPolicy): PolicyRef {
  return { version: policy.version, hash: policy.hash };
}

/** The content hash of policy data: SHA-256 hex of its canonical JSON. */
export function policyHash(data: GovernancePolicyData): Promise<string> {
  return sha256Hex(canonicalJson(data));
}

/** A first draft, e.g. from a template. */
export function createDraft(data: GovernancePolicyData): PolicyDraft {
  return { status: 'draft', version: 1, basedOn: null, data: structuredClone(data) };
}

/** The next draft after `published`: a copy of its data, numbered one more. */
export function editPublished(published: PublishedPolicy): PolicyDraft {
  return { status: 'draft', version: published.version + 1, basedOn: published.version, data: structuredClone(published.data) };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}

/** The draft's data validated and normalised, or a refusal listing its problems: nothing unreadable is published. */
function checkedData(draft: PolicyDraft): GovernancePolicyData {
  const checked = validatePolicyData(draft.data as unknown as JsonValue);
  if (!checked.ok) throw new Error(`The draft cannot be published: ${checked.problems.map(formatProblem).join(' ')}`);
  return checked.value;
}

function frozen(version: number, data: GovernancePolicyData, by: { by: string; at: string; hash: string }): PublishedPolicy {
  if (by.by.trim() === '') throw new Error('Name who publishes the policy.');
  if (!/^[0-9a-f]{64}$/.test(by.hash)) throw new Error('The policy hash must be a SHA-256 in hexadecimal (policyHash of the draft).');
  return deepFreeze({ status: 'published', version, hash: by.hash, publishedBy: by.by.trim(), publishedAt: by.at, data: structuredClone(data) });
}

/**
 * The draft frozen as its numbered version. `hash` must be {@link policyHash} of the draft's
 * data (computed by the caller: hashing is asynchronous); an invalid draft is refused.
 */
export function publish(draft: PolicyDraft, by: { by: string; at: string; hash: string }): PublishedPolicy {
  return frozen(draft.version, checkedData(draft), by);
}

/** Publishes `draft`, validated once, with the hash of its normalised data computed here. */
export async function publishDraft(draft: PolicyDraft, by: { by: string; at: string }): Promise<PublishedPolicy> {
  const data = checkedData(draft);
  return frozen(draft.version, data, { ...by, hash: await policyHash(data) });
}

/** Whether a stored version's hash still matches its data (false: it was edited after publishing). */
export async function verifyPolicyHash(policy: PublishedPolicy): Promise<boolean> {
  return (await policyHash(policy.data)) === policy.hash;
}
