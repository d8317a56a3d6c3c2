/**
 * Each person's signing key (ECDSA P-256, core/governance/signatures.ts), made in this browser
 * the first time the person decides something. The private half is a non-extractable CryptoKey
 * stored as it is (IndexedDB keeps the key object; nobody can read its bytes), the public half
 * as a JWK with its fingerprint. Keys outlive their person: a removed person's public key stays
 * so their old sign-offs still verify, and their private key is dropped so nobody signs as them.
 *
 * WebCrypto is never awaited inside a transaction (it would commit it early): keys are made and
 * hashes computed first, then one short transaction writes.
 */
import type { LifecycleDatabase } from './database';
import type { Person } from '$lib/core/governance/records';
import { generateSigningKey, keyFingerprint, publicKeyJwk } from '$lib/core/governance/signatures';
import type { SigningKeyStoreRecord } from './records';
import { appendAudit } from './audit';
import { nowIso } from './ids';

export const SIGNING_KEY_ACTION = 'governance.signing-key.create';

/** The person's key that can sign in this browser, else their newest key (which only verifies), if any. */
export async function signingKeyOf(db: LifecycleDatabase, personId: string): Promise<SigningKeyStoreRecord | undefined> {
  const keys = await db.signingKeys.where('personId').equals(personId).sortBy('createdAt');
  return [...keys].reverse().find((k) => k.privateKey !== null) ?? keys.at(-1);
}

/** Every key recorded in the project, people removed since included. */
export function projectSigningKeys(db: LifecycleDatabase, projectId: string): Promise<SigningKeyStoreRecord[]> {
  return db.signingKeys.where('projectId').equals(projectId).toArray();
}

/**
 * The person's key that signs here, made (and audited) if they have none — also when the keys
 * they have came from a snapshot (those stay, so what they signed elsewhere still verifies).
 * Only the people of the project decide, so a removed person never gets a new key.
 */
export async function ensureSigningKey(db: LifecycleDatabase, projectId: string, person: Person): Promise<SigningKeyStoreRecord> {
  const existing = await signingKeyOf(db, person.id);
  if (existing?.privateKey) return existing;
  const pair = await generateSigningKey();
  const jwk = await publicKeyJwk(pair);
  const record: SigningKeyStoreRecord = {
    projectId, personId: person.id, name: person.name, publicKeyJwk: jwk, fingerprint: await keyFingerprint(jwk), createdAt: nowIso(), privateKey: pair.privateKey,
  };
  return db.transaction('rw', [db.signingKeys, db.auditLog], async () => {
    // Two tabs may race to make the first key: the first one stored wins.
    const raced = await signingKeyOf(db, person.id);
    if (raced?.privateKey) return raced;
    await db.signingKeys.add(record);
    await appendAudit(db, {
      projectId, actor: person.name, action: SIGNING_KEY_ACTION, at: record.createdAt,
      detail: `Signing key created for ${person.name} (fingerprint ${record.fingerprint})`, refs: { personId: person.id },
    });
    return record;
  });
}

/** Drops a removed person's private keys, keeping the public ones; call inside the removing transaction (with `signingKeys`). */
export async function retireSigningKey(db: LifecycleDatabase, personId: string): Promise<void> {
  await db.signingKeys.where('personId').equals(personId).modify({ privateKey: null });
}
