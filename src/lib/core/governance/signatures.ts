/**
 * Verifiable sign-offs: each person has an ECDSA P-256 key made by WebCrypto in their browser
 * (the private half non-extractable: IndexedDB can store it, nobody can export it), and a
 * sign-off is a signature over the canonical JSON of the facts decided (`signOffPayload`): the
 * object (SubjectRef and its content hash), the policy version and hash, the gate and the
 * decision with who made it in which role. A valid signature proves that the key recorded for
 * that person signed exactly these facts; it cannot prove who was at the keyboard, and the key
 * is only as safe as the browser profile holding it.
 *
 * Wire format (scripts/verify-signatures.mjs repeats the verification and must stay in sync):
 * - the payload is carried as its canonical string, and the signature covers its UTF-8 bytes;
 * - ECDSA with SHA-256; the signature is WebCrypto's IEEE P1363 form, r‖s, 32 bytes each (64
 *   bytes, not DER as OpenSSL writes), in unpadded base64url;
 * - a public key is a JWK with only kty, crv, x, y; its fingerprint is the first 16 hex digits of
 *   SHA-256 of that JWK's canonical JSON (which is RFC 7638's thumbprint input for an EC key).
 */
import { canonicalJson, sha256Hex } from './canonicalJson';
import { DECISION_OUTCOMES, type Decision, type DecisionOutcome } from './records';
import type { PolicyRef } from './policyVersions';
import type { SubjectRef } from './subjects';
import { decodeBase64, encodeBase64 } from '../snapshot/base64';

export const SIGN_OFF_KIND = 'lifecycle-lab/sign-off';
export const SIGN_OFF_VERSION = 1;

const KEY_ALGORITHM: EcKeyImportParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN_ALGORITHM: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };
/** r‖s of P-256: two 32-byte integers. */
const SIGNATURE_BYTES = 64;

const defaultSubtle = (): SubtleCrypto => globalThis.crypto.subtle;

/** The public half as recorded and exported: nothing but the curve point. */
export interface PublicKeyJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

/** A person's public key as a snapshot carries it (the `signing.keys` section). */
export interface SigningKeyRecord {
  personId: string;
  name: string;
  publicKeyJwk: PublicKeyJwk;
  /** {@link keyFingerprint} of the JWK: what people compare by eye. */
  fingerprint: string;
  /** ISO time. */
  createdAt: string;
}

/** One signed decision as a snapshot carries it (the `signing.signOffs` section). */
export interface SignOffRecord {
  /** The decision's id. */
  id: string;
  /** {@link signOffPayload}: the exact text signed. */
  payload: string;
  /** {@link signOff}: base64url of r‖s. */
  signature: string;
  /** Whose key signed: must be the payload's `decision.personId`. */
  personId: string;
}

/** The facts one sign-off covers. */
export interface SignOffInput {
  projectId?: string;
  subject: SubjectRef;
  /**
   * What the object's content hashed to, in lowercase hex. A dataset version: its own content
   * hash (the subject's; a 128-bit row-multiset digest, core/data/hash.ts — it identifies the
   * rows but was not built to resist someone crafting rows to match). A model version, whose
   * record holds no hash: `modelFilesHash` (modelFilesHash.ts), SHA-256 of the files that
   * will be served, so the signature covers the weights themselves, not only a run id.
   */
  contentHash: string;
  policy: PolicyRef;
  gateId: string;
  decision: { outcome: DecisionOutcome; comment: string; role: string; personId: string; name: string; at: string };
}

/** The parsed payload: the input plus its kind and format version. */
export interface SignOffPayload extends SignOffInput {
  kind: typeof SIGN_OFF_KIND;
  version: typeof SIGN_OFF_VERSION;
}

/** The sign-off facts of a stored decision. */
export function signOffInputOf(decision: Decision, contentHash: string, projectId?: string): SignOffInput {
  const { outcome, comment, by, at } = decision;
  return {
    ...(projectId === undefined ? {} : { projectId }),
    subject: decision.subject,
    contentHash,
    policy: { version: decision.policy.version, hash: decision.policy.hash },
    gateId: decision.gateId,
    decision: { outcome, comment, role: by.role, personId: by.personId, name: by.name, at },
  };
}

/** The canonical text a sign-off signs; key order in `input` does not matter. */
export function signOffPayload(input: SignOffInput): string {
  if (!/^[0-9a-f]{32}(?:[0-9a-f]{32})?$/.test(input.contentHash)) throw new Error('The content hash must be 32 or 64 lowercase hexadecimal digits.');
  if (input.subject.kind === 'dataset-version' && input.contentHash !== input.subject.contentHash) {
    throw new Error('A dataset version is signed with its own content hash.');
  }
  if (!DECISION_OUTCOMES.includes(input.decision.outcome)) throw new Error(`"${input.decision.outcome}" is not a decision outcome.`);
  const { projectId, ...rest } = input;
  return canonicalJson({ kind: SIGN_OFF_KIND, version: SIGN_OFF_VERSION, ...(projectId === undefined ? {} : { projectId }), ...rest });
}

/** A new key pair whose private key can sign but never be exported. */
export async function generateSigningKey(subtle = defaultSubtle()): Promise<CryptoKeyPair> {
  return subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
}

/** The public key as a JWK of kty, crv, x, y only (WebCrypto adds key_ops and ext). */
export async function publicKeyJwk(pair: CryptoKeyPair, subtle = defaultSubtle()): Promise<PublicKeyJwk> {
  const { kty, crv, x, y } = await subtle.exportKey('jwk', pair.publicKey);
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) throw new Error('Not an ECDSA P-256 public key.');
  return { kty, crv, x, y };
}

/** First 16 hex digits of SHA-256 of the JWK's canonical JSON: short enough to read aloud. */
export async function keyFingerprint(jwk: PublicKeyJwk): Promise<string> {
  const { kty, crv, x, y } = jwk;
  return (await sha256Hex(canonicalJson({ crv, kty, x, y }))).slice(0, 16);
}

function toBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of unpadded base64url, or null unless `text` is exactly how they encode (no slack bits). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const bytes = decodeBase64(padded);
  return toBase64Url(bytes) === text ? bytes : null;
}

/** Signs the payload's UTF-8 bytes: base64url of the 64-byte r‖s. ECDSA is randomized: each call differs. */
export async function signOff(privateKey: CryptoKey, payload: string, subtle = defaultSubtle()): Promise<string> {
  const signature = await subtle.sign(SIGN_ALGORITHM, privateKey, new TextEncoder().encode(payload));
  return toBase64Url(new Uint8Array(signature));
}

/** Whether `signature` is this key's signature of exactly `payload`; false for a malformed key or signature. */
export async function verifySignOff(jwk: PublicKeyJwk, payload: string, signature: string, subtle = defaultSubtle()): Promise<boolean> {
  const bytes = fromBase64Url(signature);
  if (bytes === null || bytes.length !== SIGNATURE_BYTES) return false;
  let key: CryptoKey;
  try {
    key = await subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, KEY_ALGORITHM, false, ['verify']);
  } catch {
    return false;
  }
  return subtle.verify(SIGN_ALGORITHM, key, bytes as Uint8Array<ArrayBuffer>, new TextEncoder().encode(payload));
}

/**
 * `unknown key`: no key recorded for the person, or its fingerprint is not its JWK's (a swapped key
 * shown under a known fingerprint). `payload mismatch`: the payload is not a sign-off naming that
 * person. `bad signature`: none of the person's keys signed this payload.
 */
export type SignOffFailure = 'unknown key' | 'payload mismatch' | 'bad signature';

export type SignOffVerdict =
  | { ok: true; count: number }
  | { ok: false; count: number; index: number; id: string; personId: string; name: string; reason: SignOffFailure };

/** The payload parsed, if it is a sign-off of this format made by `personId`. */
export function parseSignOffPayload(payload: string, personId: string): SignOffPayload | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  const p = parsed as Partial<SignOffPayload> | null;
  const ok = typeof p === 'object' && p !== null && p.kind === SIGN_OFF_KIND && p.version === SIGN_OFF_VERSION
    && typeof p.decision === 'object' && p.decision !== null && p.decision.personId === personId;
  return ok ? (p as SignOffPayload) : null;
}

/**
 * Verifies every sign-off against the keys recorded for its person (a person may have several,
 * e.g. one per browser: any of them may have signed); names the FIRST entry that does not hold.
 */
export async function verifySignOffs(
  records: readonly SignOffRecord[], keys: readonly SigningKeyRecord[], subtle = defaultSubtle(),
): Promise<SignOffVerdict> {
  // A key is trusted only under its own fingerprint; a malformed one (no x, say) is no key at all.
  const matching = await Promise.all(keys.map((k) => keyFingerprint(k.publicKeyJwk).then((f) => f === k.fingerprint, () => false)));
  const trustedKeys = keys.filter((_, i) => matching[i]);
  for (const [index, record] of records.entries()) {
    const payload = parseSignOffPayload(record.payload, record.personId);
    const name = payload?.decision.name ?? keys.find((k) => k.personId === record.personId)?.name ?? '';
    const fail = (reason: SignOffFailure): SignOffVerdict => ({ ok: false, count: records.length, index, id: record.id, personId: record.personId, name, reason });
    if (payload === null) return fail('payload mismatch');
    const trusted = trustedKeys.filter((k) => k.personId === record.personId);
    if (trusted.length === 0) return fail('unknown key');
    let verified = false;
    for (const k of trusted) if (!verified) verified = await verifySignOff(k.publicKeyJwk, record.payload, record.signature, subtle);
    if (!verified) return fail('bad signature');
  }
  return { ok: true, count: records.length };
}

/** "Sign-off 3 (Ana, d-7): bad signature", for messages. */
export function describeSignOffFailure(v: Extract<SignOffVerdict, { ok: false }>): string {
  return `Sign-off ${v.index + 1} (${v.name || v.personId}, ${v.id}): ${v.reason}`;
}
