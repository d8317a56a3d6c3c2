import type { LifecycleDatabase } from './database';
import type { AuditRecord } from './records';
import { nowIso } from './ids';

/** Appends to the project's audit log; call inside the transaction that makes the change. */
export async function appendAudit(
  db: LifecycleDatabase,
  entry: Omit<AuditRecord, 'id' | 'at' | 'actor'> & { actor?: string },
): Promise<void> {
  await db.auditLog.add({ actor: 'you', ...entry, at: nowIso() });
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
