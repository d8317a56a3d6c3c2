import Dexie from 'dexie';
import type { LifecycleDatabase } from './database';
import type { AuditInput, AuditRecord } from './records';
import { chainEntries, sha256Hex, type ChainHead } from '$lib/core/governance/auditChain';
import { nowIso } from './ids';

/** The project's entries in chain order (the unique `[projectId+seq]` index). */
function chainOf(db: LifecycleDatabase, projectId: string) {
  return db.auditLog.where('[projectId+seq]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]);
}

/**
 * Appends entries (in order) to the project's hash chain, times kept as given. Joins the caller's
 * transaction (which must include `auditLog`), so reading the chain head and adding the entries
 * are one atomic step: a concurrent writer waits for the commit, and a failing caller leaves no
 * entry. SHA-256 is WebCrypto's, which is not an IndexedDB request: `Dexie.waitFor` keeps the
 * transaction alive while it runs. Appends within one transaction must be awaited one by one (the
 * unique `[projectId+seq]` index refuses a fork rather than store it).
 */
export async function appendAuditEntries(db: LifecycleDatabase, projectId: string, entries: readonly AuditInput[]): Promise<void> {
  if (!entries.length) return;
  await db.transaction('rw', db.auditLog, async () => {
    const last = await chainOf(db, projectId).last();
    const head: ChainHead | null = last ? { seq: last.seq, hash: last.hash } : null;
    const chained = await Dexie.waitFor(chainEntries(head, entries.map((e) => ({ ...e, projectId })), sha256Hex));
    // One entry (every write path) is one add; a batch (a snapshot's trail) is one bulk request.
    if (chained.length === 1) await db.auditLog.add(chained[0]);
    else await db.auditLog.bulkAdd(chained);
  });
}

/**
 * Appends to the project's audit log; call inside the transaction that makes the change. `at`:
 * the time of the record the entry is about, so point-in-time answers and the record agree.
 */
export function appendAudit(db: LifecycleDatabase, entry: Omit<AuditInput, 'at' | 'actor'> & { actor?: string; at?: string }): Promise<void> {
  return appendAuditEntries(db, entry.projectId, [{ actor: 'you', ...entry, at: entry.at ?? nowIso() }]);
}

/** The project's audit log, newest first. */
export function listAudit(db: LifecycleDatabase, projectId: string, limit = 200): Promise<AuditRecord[]> {
  return db.auditLog
    .where('[projectId+at]')
    .between([projectId, ''], [projectId, '\uffff'])
    .reverse()
    .limit(limit)
    .toArray();
}

/** The project's whole chain, oldest first: what verification and point-in-time questions read. */
export function readAuditChain(db: LifecycleDatabase, projectId: string): Promise<AuditRecord[]> {
  return chainOf(db, projectId).toArray();
}

/**
 * Stores a verified chain as it was exported (a snapshot imported under its own ids): the same
 * entries with the same hashes, so its head is the exported head. The project must have no trail yet.
 */
export async function restoreAuditChain(db: LifecycleDatabase, projectId: string, entries: readonly Omit<AuditRecord, 'id' | 'projectId'>[]): Promise<void> {
  if ((await chainOf(db, projectId).count()) > 0) throw new Error('The project has a trail already: a restored chain must come first.');
  await db.auditLog.bulkAdd(entries.map((e) => ({ ...e, projectId, refs: { ...e.refs } })));
}
