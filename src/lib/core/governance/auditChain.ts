/**
 * The tamper-evident audit trail: each project's entries form a hash chain. An entry's `hash` is
 * the SHA-256 (hex) of its predecessor's hash followed by the entry's canonical form, so editing a
 * stored entry breaks its own hash, and removing, inserting or reordering one breaks the link of
 * the entry after it. It proves the trail was not changed after the fact by someone who did not
 * also recompute every later hash — what a local browser database can promise; the chain head
 * kept outside (a snapshot, a printout) makes even that detectable.
 */

import { canonicalJson, sha256Hex } from './canonicalJson';

export { sha256Hex };

/** The `prevHash` of a project's first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** What an entry says; every field is covered by its hash. */
export interface AuditEntryContent {
  projectId: string;
  /** Position in the project's chain: 1, 2, 3 … */
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  refs: Record<string, string>;
}

export interface ChainedAuditEntry extends AuditEntryContent {
  /** The stored record's id, when it has one (named in verdicts). */
  id?: number;
  prevHash: string;
  hash: string;
}

/** Hex SHA-256 of a text's UTF-8 bytes (WebCrypto: pages, workers and Node alike). */
export type Digest = (text: string) => Promise<string>;

/** The hashed form of an entry: exactly its content fields (never its id, prevHash or hash). */
export function canonicalAuditEntry(e: AuditEntryContent): string {
  const { projectId, seq, at, actor, action, detail } = e;
  // A ref left undefined by its writer is absent, as IndexedDB's JSON-like reading treats it.
  const refs = Object.fromEntries(Object.entries(e.refs).filter(([, v]) => v !== undefined));
  return canonicalJson({ projectId, seq, at, actor, action, detail, refs });
}

export function auditEntryHash(prevHash: string, entry: AuditEntryContent, digest: Digest): Promise<string> {
  return digest(prevHash + canonicalAuditEntry(entry));
}

/** The end of a chain that new entries link to; null for an empty chain. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** Links `entries` (in order) after `head`: each gets the next seq, its prevHash and hash. */
export async function chainEntries<T extends Omit<AuditEntryContent, 'seq'>>(
  head: ChainHead | null,
  entries: readonly T[],
  digest: Digest,
): Promise<(T & { seq: number; prevHash: string; hash: string })[]> {
  let prevHash = head?.hash ?? AUDIT_GENESIS;
  let seq = head?.seq ?? 0;
  const out: (T & { seq: number; prevHash: string; hash: string })[] = [];
  for (const entry of entries) {
    const linked = { ...entry, seq: ++seq, prevHash };
    const hash = await auditEntryHash(prevHash, linked, digest);
    out.push({ ...linked, hash });
    prevHash = hash;
  }
  return out;
}

/**
 * `edited`: the entry's content no longer matches its hash (changed after it was written).
 * `unlinked`: its prevHash is not the hash of the entry before it (an entry before it was
 * removed, inserted or moved, or the one before was rewritten with a recomputed hash).
 */
export type ChainBreak = 'edited' | 'unlinked';

export type ChainVerdict =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; index: number; entry: ChainedAuditEntry; reason: ChainBreak };

/** Verifies a project's chain given in chain order; names the FIRST entry that does not hold. */
export async function verifyChain(entries: readonly ChainedAuditEntry[], digest: Digest): Promise<ChainVerdict> {
  let expectedPrev = AUDIT_GENESIS;
  for (const [index, entry] of entries.entries()) {
    const fail = (reason: ChainBreak): ChainVerdict => ({ ok: false, count: entries.length, index, entry, reason });
    if ((await auditEntryHash(entry.prevHash, entry, digest)) !== entry.hash) return fail('edited');
    if (entry.prevHash !== expectedPrev) return fail('unlinked');
    expectedPrev = entry.hash;
  }
  return { ok: true, count: entries.length, head: expectedPrev };
}
