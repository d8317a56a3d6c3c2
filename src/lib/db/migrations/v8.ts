import Dexie, { type Transaction } from 'dexie';
import { AUDIT_GENESIS_V8, auditHashV8, type AuditEntryV8 } from './frozen/v8AuditChain';

type StoredV7 = Omit<AuditEntryV8, 'seq'> & { id: number; refs?: Record<string, string> };

/**
 * v7 → v8: every project's audit log becomes a hash chain, its entries linked in id order (the
 * order they were written). The hashes are computed first (WebCrypto, kept inside the upgrade
 * transaction by `Dexie.waitFor`), then written in one go.
 */
export async function upgradeToV8(tx: Transaction): Promise<void> {
  const table = tx.table('auditLog');
  const entries = (await table.toArray()) as StoredV7[];
  const chained = await Dexie.waitFor(chainAll(entries.sort((a, b) => a.id - b.id)));
  await table.bulkPut(chained);
}

async function chainAll(entries: StoredV7[]): Promise<(AuditEntryV8 & { id: number; prevHash: string; hash: string })[]> {
  const heads = new Map<string, { seq: number; hash: string }>();
  const out = [];
  for (const entry of entries) {
    const head = heads.get(entry.projectId) ?? { seq: 0, hash: AUDIT_GENESIS_V8 };
    const linked = { ...entry, refs: entry.refs ?? {}, seq: head.seq + 1, prevHash: head.hash };
    const hash = await auditHashV8(head.hash, linked);
    out.push({ ...linked, hash });
    heads.set(entry.projectId, { seq: linked.seq, hash });
  }
  return out;
}
