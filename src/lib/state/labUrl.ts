/**
 * The drift lab's state in its address: the scenario record (config + actions + week) as
 * base64url JSON, so a facilitator's bookmark or a shared link reopens the same weeks.
 */
import { parseRecord, type CtrScenarioRecord } from '$lib/core/scenarios/ctr';

export function encodeLabState(record: CtrScenarioRecord): string {
  const bytes = new TextEncoder().encode(JSON.stringify(record));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The record in `encoded`; throws a readable error for anything else. */
export function decodeLabState(encoded: string): CtrScenarioRecord {
  let json: unknown;
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    throw new Error('The scenario in this address is damaged; it was started afresh.');
  }
  return parseRecord(json);
}
