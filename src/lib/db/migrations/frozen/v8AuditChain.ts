/**
 * The audit chain link as schema v8 introduced it: a frozen copy of core/governance/auditChain's
 * canonical form and hash, so the v8 upgrade chains old entries the same way forever. A later
 * change to the canonical form needs its own upgrade (and a way to tell the two forms apart).
 */
export const AUDIT_GENESIS_V8 = '0'.repeat(64);

export interface AuditEntryV8 {
  projectId: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  refs: Record<string, string>;
}

function canonicalJsonV8(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJsonV8).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJsonV8((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hex SHA-256 of `prevHash` followed by the entry's sorted-key JSON (content fields only). */
export async function auditHashV8(prevHash: string, e: AuditEntryV8): Promise<string> {
  const { projectId, seq, at, actor, action, detail, refs } = e;
  const text = prevHash + canonicalJsonV8({ projectId, seq, at, actor, action, detail, refs });
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}
