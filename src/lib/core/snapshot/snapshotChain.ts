/**
 * The audit chain a snapshot carries (schema version 2): every entry with its `seq`, `prevHash`
 * and `hash` as the exporting database stored them, and `auditHead` — the seq and hash of the
 * newest entry — so that an edited, removed or inserted entry, or a trail cut short, is found
 * before anything is imported. The chain is verified with the exported project's id, which the
 * hashes cover (core/governance/auditChain.ts).
 *
 * What it can and cannot prove: anyone who recomputes every later hash and the head can still
 * rewrite a trail; a head kept elsewhere (an earlier snapshot, a printout) catches that. A
 * document migrated from schema version 1 has no chain (its entries are chained on import, and
 * the import entry says so); nor can the content of a snapshot exported with personal data
 * masked be verified, since masking changed it: only its links and head are.
 *
 * Hashing is asynchronous (WebCrypto), so this runs after the synchronous read and validation
 * (readSnapshot.ts), before the import writes anything.
 */
import { AUDIT_GENESIS, verifyChain, type ChainedAuditEntry, type Digest } from '../governance/auditChain';
import type { SnapshotAuditEntry, SnapshotDocument } from './document';
import { pointer, type SnapshotProblem } from './problems';

/** How far an import could check the trail: all of it, the links only (masked), or nothing (from v1). */
export type ChainCheck = 'verified' | 'links-only' | 'unchained';

export type SnapshotChainResult = { ok: true; check: ChainCheck } | { ok: false; problems: SnapshotProblem[] };

const isChained = (e: SnapshotAuditEntry) => e.hash !== null && e.prevHash !== null;

function which(e: SnapshotAuditEntry): string {
  return `Audit entry #${e.seq} (${e.at}, ${e.action})`;
}

/** Links only: each entry follows the one before, seq by seq, from the start of the chain. */
function firstBrokenLink(entries: readonly SnapshotAuditEntry[]): number {
  let prev = AUDIT_GENESIS;
  for (const [i, e] of entries.entries()) {
    if (e.seq !== i + 1 || e.prevHash !== prev) return i;
    prev = e.hash!;
  }
  return -1;
}

/**
 * Verifies the document's chain and head. `migratedFrom`: the schema version the file was read
 * from (null: it is a version 2 file, which must carry its chain whole).
 */
export async function verifySnapshotChain(doc: SnapshotDocument, migratedFrom: number | null, digest: Digest): Promise<SnapshotChainResult> {
  const entries = doc.auditLog;
  const chained = entries.filter(isChained).length;
  const fail = (path: string, message: string): SnapshotChainResult => ({ ok: false, problems: [{ path, message }] });
  if (chained === 0 && doc.auditHead === null && (migratedFrom !== null || entries.length === 0)) return { ok: true, check: entries.length ? 'unchained' : 'verified' };
  const unchained = entries.findIndex((e) => !isChained(e));
  if (unchained >= 0) return fail(pointer('/auditLog', unchained), `${which(entries[unchained])} has no hash: a snapshot of schema version 2 carries its whole chain.`);
  let check: ChainCheck = 'verified';
  if (doc.options.maskPii) {
    const broken = firstBrokenLink(entries);
    if (broken >= 0) return fail(pointer('/auditLog', broken), `${which(entries[broken])} does not follow the entry before it: an entry before it was removed, inserted or moved.`);
    check = 'links-only';
  } else {
    const verdict = await verifyChain(entries.map((e): ChainedAuditEntry => ({ ...e, projectId: doc.project.id, prevHash: e.prevHash!, hash: e.hash! })), digest);
    if (!verdict.ok) {
      const e = entries[verdict.index];
      return fail(
        pointer('/auditLog', verdict.index),
        verdict.reason === 'edited'
          ? `${which(e)} was changed after it was written: its hash does not match.`
          : `${which(e)} does not follow the entry before it: an entry before it was removed, inserted or rewritten.`,
      );
    }
  }
  const last = entries.at(-1);
  const head = doc.auditHead;
  if (!head) return fail('/auditHead', `is missing, but the trail has ${entries.length} entries: the head names the newest one.`);
  if (!last || head.seq !== last.seq || head.hash !== last.hash) {
    return fail('/auditHead', `names entry #${head.seq} with hash ${head.hash.slice(0, 12)}…, but the newest entry is ${last ? `#${last.seq} with hash ${last.hash!.slice(0, 12)}…` : 'none'}: the trail was cut short or its head changed.`);
  }
  return { ok: true, check };
}
