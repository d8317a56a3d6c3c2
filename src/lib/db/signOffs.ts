/**
 * Signing decisions and checking the signatures kept on them. A decision is signed over
 * `signOffPayload(signOffInputOf(decision, contentHash, projectId))` (core signatures.ts), where
 * the content hash is the dataset version's own, or for a model version `modelFilesHash` of the
 * files it would serve — so a sign-off names the weights, not only the ids. All hashing and
 * signing happens outside any transaction (see signingKeys.ts).
 */
import type { LifecycleDatabase } from './database';
import type { Decision, DecisionSignature, Person } from '$lib/core/governance/records';
import type { SubjectRef } from '$lib/core/governance/subjects';
import { modelFilesHash } from '$lib/core/governance/modelFilesHash';
import { parseSignOffPayload, signOff, signOffInputOf, signOffPayload, verifySignOffs } from '$lib/core/governance/signatures';
import { ensureSigningKey, projectSigningKeys } from './signingKeys';

/** What a sign-off of `subject` covers: its content hash, or null when a model version's files are gone. */
export async function contentHashOf(db: LifecycleDatabase, subject: SubjectRef): Promise<string | null> {
  if (subject.kind === 'dataset-version') return subject.contentHash;
  const files = await db.runArtifacts.get(subject.runId);
  return files ? modelFilesHash(files) : null;
}

/**
 * The person's signature of `decision` (their key made on first need), or null when the model
 * files it would name are missing.
 */
export async function signDecision(db: LifecycleDatabase, projectId: string, person: Person, decision: Decision): Promise<DecisionSignature | null> {
  const contentHash = await contentHashOf(db, decision.subject);
  if (contentHash === null) return null;
  const key = await ensureSigningKey(db, projectId, person);
  if (!key.privateKey) return null;
  const payload = signOffPayload(signOffInputOf(decision, contentHash, projectId));
  return { payload, value: await signOff(key.privateKey, payload), fingerprint: key.fingerprint };
}

/** One signed decision checked: verified with the key of `fingerprint`, or why not. */
export type SignOffCheck = { ok: true; fingerprint: string } | { ok: false; reason: string };

const FAILURE_WORDS = {
  'unknown key': 'no key is recorded for this person',
  'payload mismatch': 'the signed text does not name this person',
  'bad signature': 'the signature does not match the signed text',
} as const;

/**
 * Re-verifies every signed decision of the project against the keys recorded for their people,
 * and that the signed text is the decision as stored, with the object's content as it is now.
 * By decision id; unsigned decisions are not listed.
 */
export async function verifyProjectSignOffs(db: LifecycleDatabase, projectId: string): Promise<Map<string, SignOffCheck>> {
  // Every read first: a live query tracks the tables it reads before its first WebCrypto call.
  const [decisions, keys] = await Promise.all([
    db.decisions.where('projectId').equals(projectId).toArray(),
    projectSigningKeys(db, projectId),
  ]);
  const signed = decisions.filter((d): d is typeof d & { signature: DecisionSignature } => d.signature !== undefined);
  const runIds = [...new Set(signed.flatMap((d) => (d.subject.kind === 'model-version' ? [d.subject.runId] : [])))];
  const files = await db.runArtifacts.bulkGet(runIds);
  const hashes = new Map<string, string>();
  for (const [i, runId] of runIds.entries()) if (files[i]) hashes.set(runId, await modelFilesHash(files[i]!));
  const checks = new Map<string, SignOffCheck>();
  for (const d of signed) {
    const { payload, value, fingerprint } = d.signature;
    const verdict = await verifySignOffs([{ id: d.id, payload, signature: value, personId: d.by.personId }], keys);
    const contentHash = parseSignOffPayload(payload, d.by.personId)?.contentHash ?? '';
    const nowHash = d.subject.kind === 'dataset-version' ? d.subject.contentHash : hashes.get(d.subject.runId);
    let expected = '';
    try {
      expected = signOffPayload(signOffInputOf(d, contentHash, projectId));
    } catch {
      // A malformed hash in the payload: reported as not this decision below.
    }
    if (!verdict.ok) checks.set(d.id, { ok: false, reason: FAILURE_WORDS[verdict.reason] });
    else if (expected !== payload) checks.set(d.id, { ok: false, reason: 'the signed text is not this decision as stored' });
    else if (nowHash !== contentHash) checks.set(d.id, { ok: false, reason: nowHash ? 'the object’s content changed since it was signed' : 'the model files are gone: the content cannot be checked' });
    else checks.set(d.id, { ok: true, fingerprint });
  }
  return checks;
}
