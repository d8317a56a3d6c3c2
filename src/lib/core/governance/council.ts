/**
 * A council gate (a gate with `council`): one review request goes to several roles, and each
 * role answers for itself — signs off (approve), rejects or asks for changes. The request's
 * standing, from its decisions alone:
 *
 * - any rejection → **rejected**; else any request for changes → **changes-requested** (one
 *   role's objection is enough: the council decides together or not at all);
 * - else as many distinct roles signed off as the quorum → **approved**;
 * - else **pending**: "2 of 4 signed, waiting for Legal counsel and Ethics reviewer".
 *
 * Who may sign ({@link councilRefusal}): a holder of a council role, not the person who asked for
 * the review, once per role, and one person for one role only — a council of one is no council.
 * The first decision of a role (or of a person) counts; a later one can only come from records
 * written elsewhere, and is ignored.
 */
import type { CouncilSpec, PolicyGate, PolicyRole } from './policy';
import type { Decision, Person, ReviewRequest } from './records';

export type CouncilStatus = 'approved' | 'rejected' | 'changes-requested' | 'pending';

/** One council role and its answer in the request, if any. */
export interface CouncilSeat {
  role: string;
  roleName: string;
  decision: Decision | null;
}

export interface CouncilStanding {
  status: CouncilStatus;
  seats: CouncilSeat[];
  /** Distinct roles that signed off. */
  signed: number;
  quorum: number;
  /** Names of the roles that have not answered yet. */
  waitingFor: string[];
  /** The decision that settled the request (the rejection, the request for changes, the sign-off reaching quorum); null while pending. */
  settledBy: Decision | null;
  /** "2 of 4 signed, waiting for Legal counsel and Ethics reviewer." (or how it was settled). */
  summary: string;
}

const byTime = (a: Decision, b: Decision) => Date.parse(a.at) - Date.parse(b.at);

/** "A", "A and B", "A, B and C". */
function listed(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function roleNameOf(roles: readonly PolicyRole[], id: string): string {
  return roles.find((r) => r.id === id)?.name ?? id;
}

/** The seats: per council role, the first decision made in it by a person who had not signed for another role. */
export function councilSeats(council: CouncilSpec, decisions: readonly Decision[], roles: readonly PolicyRole[]): CouncilSeat[] {
  const taken = new Map<string, Decision>();
  const people = new Set<string>();
  for (const d of [...decisions].sort(byTime)) {
    if (!council.roles.includes(d.by.role) || taken.has(d.by.role) || people.has(d.by.personId)) continue;
    taken.set(d.by.role, d);
    people.add(d.by.personId);
  }
  return council.roles.map((role) => ({ role, roleName: roleNameOf(roles, role), decision: taken.get(role) ?? null }));
}

/** Where one council request stands, from its decisions (see the file comment). */
export function councilStanding(council: CouncilSpec, decisions: readonly Decision[], roles: readonly PolicyRole[]): CouncilStanding {
  const seats = councilSeats(council, decisions, roles);
  const answered = seats.flatMap((s) => (s.decision ? [s.decision] : [])).sort(byTime);
  const approvals = answered.filter((d) => d.outcome === 'approve');
  const waitingFor = seats.filter((s) => !s.decision).map((s) => s.roleName);
  const who = (d: Decision) => `${d.by.name} (${roleNameOf(roles, d.by.role)})`;
  const base = { seats, signed: approvals.length, quorum: council.quorum, waitingFor };
  const rejected = answered.filter((d) => d.outcome === 'reject').pop();
  if (rejected) return { ...base, status: 'rejected', settledBy: rejected, summary: `Rejected by ${who(rejected)}: ${rejected.comment}` };
  const changes = answered.filter((d) => d.outcome === 'request-changes').pop();
  if (changes) return { ...base, status: 'changes-requested', settledBy: changes, summary: `Changes asked for by ${who(changes)}: ${changes.comment}` };
  if (approvals.length >= council.quorum) {
    return { ...base, status: 'approved', settledBy: approvals[council.quorum - 1], summary: `${approvals.length} of ${council.quorum} signed off: ${listed(approvals.map(who))}.` };
  }
  return { ...base, status: 'pending', settledBy: null, summary: `${approvals.length} of ${council.quorum} signed, waiting for ${listed(waitingFor)}.` };
}

/**
 * Why `person` may not answer `request` of council gate `gate` in `role`, or null when they may
 * (holding the role is checked too). `decisions`: the request's decisions so far.
 */
export function councilRefusal(
  gate: PolicyGate & { council: CouncilSpec }, request: ReviewRequest, decisions: readonly Decision[], person: Person, role: string, roles: readonly PolicyRole[],
): string | null {
  const { council } = gate;
  const name = (id: string) => roleNameOf(roles, id);
  if (!council.roles.includes(role)) {
    return `${gate.name} is decided by its council (${listed(council.roles.map(name))}), each for their role: "${role}" is not one of them.`;
  }
  if (person.id === request.requestedBy.personId) {
    return `${person.name} asked for this review and cannot sign it: the council's other members must.`;
  }
  const seats = councilSeats(council, decisions, roles);
  const mine = seats.find((s) => s.decision?.by.personId === person.id);
  if (mine?.role === role) return `${person.name} has answered this review as ${mine.roleName} already.`;
  if (mine) return `${person.name} already signed this review as ${mine.roleName}: one person cannot sign for two roles.`;
  if (!person.roles.includes(role)) return `${person.name} does not hold the role "${role}" (set roles under Govern → People).`;
  const seat = seats.find((s) => s.role === role);
  if (seat?.decision) return `${seat.roleName} has answered this review already (${seat.decision.by.name}).`;
  return null;
}

/** Who decides `gate`, in words: "Ethics reviewer", or "a council of A, B and C (2 of 3 sign off)". */
export function deciderWords(gate: PolicyGate, roles: readonly PolicyRole[]): string {
  if (!gate.council) return roleNameOf(roles, gate.deciderRole);
  const { roles: seats, quorum } = gate.council;
  return `a council of ${listed(seats.map((r) => roleNameOf(roles, r)))} (${quorum} of ${seats.length} sign off)`;
}

/** Whether `gate` is a council gate. */
export function isCouncilGate(gate: PolicyGate): gate is PolicyGate & { council: CouncilSpec } {
  return gate.council !== undefined;
}
