/**
 * Waivers: a decider sets one gate aside for one object, with a reason, an owner and an expiry.
 * A waiver without an expiry is refused; from `expiresAt` on it no longer counts, by itself,
 * judged against the `now` the caller passes (the core never reads the clock). A council gate is
 * never waived: one person cannot set aside what the council must decide together.
 */
import { gateFor, mayDecide } from './decisions';
import { policyRef, type PublishedPolicy } from './policyVersions';
import type { Checked, GovernanceRecords, Person, Waiver } from './records';
import { covers, type SubjectRef } from './subjects';

export interface WaiverInput {
  id: string;
  gateId: string;
  subject: SubjectRef;
  reason: string;
  owner: string;
  by: Person;
  role: string;
  at: string;
  /** ISO time; required. */
  expiresAt: string | null;
}

export function grantWaiver(policy: PublishedPolicy, input: WaiverInput): Checked<Waiver> {
  const gate = gateFor(policy, input.gateId, input.subject);
  if (typeof gate === 'string') return { ok: false, reason: gate };
  if (gate.council) return { ok: false, reason: `${gate.name} cannot be waived: its council decides it together, and one person cannot set that aside. Ask for changes or reject instead.` };
  const actor = mayDecide(input.by, input.role, gate);
  if (typeof actor === 'string') return { ok: false, reason: actor };
  const reason = input.reason.trim();
  const owner = input.owner.trim();
  if (reason === '') return { ok: false, reason: 'A waiver needs a reason.' };
  if (owner === '') return { ok: false, reason: 'A waiver needs an owner: the person who answers for it until it expires.' };
  if (!input.expiresAt) return { ok: false, reason: 'A waiver needs an expiry date: waivers that never end are not allowed.' };
  const expires = Date.parse(input.expiresAt);
  if (Number.isNaN(expires)) return { ok: false, reason: `"${input.expiresAt}" is not a date and time.` };
  if (expires <= Date.parse(input.at)) return { ok: false, reason: 'The expiry must be after the waiver is granted.' };
  const { id, subject, at } = input;
  return { ok: true, record: { id, gateId: gate.id, subject, reason, owner, grantedBy: actor, at, expiresAt: new Date(expires).toISOString(), policy: policyRef(policy) } };
}

/** Whether `waiver` counts at `now` (ms): granted already, not yet expired. */
export function waiverActive(waiver: Waiver, now: number): boolean {
  return Date.parse(waiver.at) <= now && now < Date.parse(waiver.expiresAt);
}

/** The waiver of `gateId` covering `subject` at `now` that lasts longest, or null. */
export function activeWaiver(records: GovernanceRecords, gateId: string, subject: SubjectRef, now: number): Waiver | null {
  const active = records.waivers.filter((w) => w.gateId === gateId && covers(w.subject, subject) && waiverActive(w, now));
  return active.reduce<Waiver | null>((best, w) => (!best || Date.parse(w.expiresAt) > Date.parse(best.expiresAt) ? w : best), null);
}
