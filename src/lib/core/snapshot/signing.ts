/**
 * The signing section of a snapshot (schema version 3): the people's public keys and one
 * sign-off per signed decision, `{ keys, signOffs }` — the format scripts/verify-signatures.mjs
 * reads, so anyone can check a file's signatures without the app. A sign-off is derived from
 * its decision (`signOffsOf`) and carried twice on purpose: the decision keeps its `signature`
 * in the governance section; `signing.signOffs` must repeat exactly those, in the decisions'
 * order, and the import refuses a file where the two disagree.
 *
 * On import (before anything is written) every signed decision must hold: its payload parses as
 * a sign-off by the person who decided and states the decision's facts (checkSigning, with the
 * document's other checks), and the key recorded for that person, under its own fingerprint,
 * signed it (verifySnapshotSignatures, asynchronous like the audit chain's hashes). A failure
 * names the entry: the decision, the person and the gate.
 */
import type { Decision } from '../governance/records';
import { canonicalJson } from '../governance/canonicalJson';
import { parseSignOffPayload, verifySignOffs, type SignOffFailure, type SignOffPayload, type SignOffRecord, type SigningKeyRecord } from '../governance/signatures';
import type { SnapshotDocument } from './document';
import { pointer, preview, type SnapshotProblem } from './problems';

export interface SnapshotSigning {
  /** Public keys only: a key's private half never leaves the browser that made it. */
  keys: SigningKeyRecord[];
  signOffs: SignOffRecord[];
}

/** A schema v2 project had no keys and no signed decisions. */
export function emptySigning(): SnapshotSigning {
  return { keys: [], signOffs: [] };
}

/** The sign-offs of the signed decisions, in their order. */
export function signOffsOf(decisions: readonly Decision[]): SignOffRecord[] {
  return decisions.flatMap((d) => (d.signature ? [{ id: d.id, payload: d.signature.payload, signature: d.signature.value, personId: d.by.personId }] : []));
}

/** "decision de-7 (Lee, gate council-review)": which entry, in words a reviewer can find. */
export function signedEntry(d: Pick<Decision, 'id' | 'gateId' | 'by'>): string {
  return `The sign-off of decision ${preview(d.id)} (${d.by.name}, gate ${d.gateId})`;
}

/** The facts a payload states that its decision does not; [] when they agree. */
export function mismatchedFacts(p: SignOffPayload, d: Decision, projectId: string): string[] {
  const facts: [string, unknown, unknown][] = [
    ['subject', canonicalJson(p.subject ?? null), canonicalJson(d.subject)],
    ['gate', p.gateId, d.gateId],
    ['outcome', p.decision.outcome, d.outcome],
    ['comment', p.decision.comment, d.comment],
    ['person', p.decision.personId, d.by.personId],
    ['name', p.decision.name, d.by.name],
    ['role', p.decision.role, d.by.role],
    ['time', p.decision.at, d.at],
    ['policy version', p.policy?.version, d.policy.version],
    ['policy hash', p.policy?.hash, d.policy.hash],
    ['project', p.projectId ?? projectId, projectId],
  ];
  return facts.filter(([, signed, recorded]) => signed !== recorded).map(([fact]) => fact);
}

/**
 * What can be checked without cryptography: each key once, `signOffs` exactly the signed
 * decisions' (in order), each payload a sign-off by the decider stating the decision's facts,
 * and signed under the fingerprint of one of that person's keys (a person has a new key in each
 * browser they signed in).
 */
export function checkSigning(doc: SnapshotDocument, fail: (path: string, message: string) => void): void {
  const keys = new Map<string, SigningKeyRecord[]>();
  doc.signing.keys.forEach((k, i) => {
    const theirs = keys.get(k.personId) ?? [];
    if (theirs.some((t) => t.fingerprint === k.fingerprint)) fail(pointer('/signing/keys', i, 'fingerprint'), `repeats the key ${preview(k.fingerprint)} of ${preview(k.personId)}.`);
    keys.set(k.personId, [...theirs, k]);
  });
  const decisions = doc.governance.decisions;
  const expected = signOffsOf(decisions);
  const signed = decisions.flatMap((d, i) => (d.signature ? [{ d, at: pointer('/governance/decisions', i, 'signature') }] : []));
  for (let i = 0; i < Math.max(expected.length, doc.signing.signOffs.length); i++) {
    const want = expected[i];
    const got = doc.signing.signOffs[i];
    if (got && want && canonicalJson(got) === canonicalJson(want)) continue;
    const at = pointer('/signing/signOffs', i);
    if (!want) fail(at, `names no signed decision (${preview(got.id)}): signOffs repeats the signatures of governance.decisions, in their order.`);
    else fail(at, `${signedEntry(signed[i].d)} differs from the signature its decision carries (${signed[i].at}): signOffs repeats them exactly, in order.`);
  }
  for (const { d, at } of signed) {
    const signature = d.signature!;
    const payload = parseSignOffPayload(signature.payload, d.by.personId);
    if (!payload) {
      fail(pointer(at, 'payload'), `${signedEntry(d)} is not a sign-off by ${d.by.name}: its payload is not a lifecycle-lab/sign-off naming them.`);
      continue;
    }
    const wrong = mismatchedFacts(payload, d, doc.project.id);
    if (wrong.length) fail(pointer(at, 'payload'), `${signedEntry(d)} signed other facts than the decision states: ${wrong.join(', ')}.`);
    const theirs = keys.get(d.by.personId) ?? [];
    if (!theirs.length) fail(pointer(at, 'fingerprint'), `${signedEntry(d)} has no key of ${d.by.name} among signing.keys.`);
    else if (!theirs.some((k) => k.fingerprint === signature.fingerprint)) {
      fail(pointer(at, 'fingerprint'), `${signedEntry(d)} names key ${signature.fingerprint}, but ${d.by.name}'s ${theirs.length === 1 ? 'key is' : 'keys are'} ${theirs.map((k) => k.fingerprint).join(', ')}.`);
    }
  }
}

const FAILURE_WORDS: Record<SignOffFailure, string> = {
  'bad signature': 'its signature does not verify with their key: the payload, the signature or the public key was changed.',
  'unknown key': 'their public key does not match its fingerprint: the key or its fingerprint was changed.',
  'payload mismatch': 'its payload is not a sign-off by them.',
};

/** Verifies every sign-off against the keys (WebCrypto); the first that does not hold, named. */
export async function verifySnapshotSignatures(doc: SnapshotDocument, subtle?: SubtleCrypto): Promise<SnapshotProblem[]> {
  const verdict = await verifySignOffs(doc.signing.signOffs, doc.signing.keys, subtle);
  if (verdict.ok) return [];
  const decision = doc.governance.decisions.find((d) => d.id === verdict.id);
  const entry = decision ? signedEntry(decision) : `Sign-off ${verdict.index + 1} (${verdict.name || verdict.personId}, ${verdict.id})`;
  return [{ path: pointer('/signing/signOffs', verdict.index), message: `${entry}: ${FAILURE_WORDS[verdict.reason]}` }];
}
