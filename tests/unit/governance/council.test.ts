import { beforeAll, describe, expect, it } from 'vitest';
import { councilStanding, deciderWords } from '$lib/core/governance/council';
import { decide, requestReview } from '$lib/core/governance/decisions';
import { gateState } from '$lib/core/governance/gateState';
import { mayProceed } from '$lib/core/governance/mayProceed';
import { validatePolicyData } from '$lib/core/governance/policyDocument';
import { editorFields, removeRole, setRoleId } from '$lib/core/governance/policyEditing';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { DecisionOutcome, GovernanceRecords, Person } from '$lib/core/governance/records';
import { subjectOf } from '$lib/core/governance/subjects';
import { policyTemplate } from '$lib/core/governance/templates';
import { grantWaiver } from '$lib/core/governance/waivers';
import { empty, model, published, retrained } from './fixtures';

const PRIYA: Person = { id: 'p-priya', name: 'Priya', roles: ['product-owner'] };
const SAM: Person = { id: 'p-sam', name: 'Sam', roles: ['engineering-lead'] };
const LENA: Person = { id: 'p-lena', name: 'Lena', roles: ['legal-counsel'] };
const NOOR: Person = { id: 'p-noor', name: 'Noor', roles: ['ethics-reviewer', 'legal-counsel'] };
const ALEX: Person = { id: 'p-alex', name: 'Alex', roles: ['product-owner'] };

const ASKED = '2026-03-01T10:00:00.000Z';
const now = Date.parse('2026-03-02T10:00:00.000Z');
let policy: PublishedPolicy;
beforeAll(async () => {
  policy = await published('high-risk');
});

const council = () => policy.data.gates.find((g) => g.id === 'council-review')!;

/** Records with one council request by Alex. */
function asked(): GovernanceRecords {
  const r = requestReview(policy, { id: 'r-1', gateId: 'council-review', subject: subjectOf(model()), by: ALEX, at: ASKED, note: '' }, { ...empty(), policies: [policy] });
  if (!r.ok) throw new Error(r.reason);
  return { ...empty(), policies: [policy], requests: [r.record] };
}

let minute = 0;
/** One answer to r-1; the records with it appended, or the refusal. */
function sign(records: GovernanceRecords, by: Person, role: string, outcome: DecisionOutcome = 'approve', comment = 'Fine by me.') {
  const at = new Date(Date.parse(ASKED) + ++minute * 60_000).toISOString();
  const d = decide(policy, { id: `d-${minute}`, requestId: 'r-1', outcome, comment, by, role, at, object: model() }, records);
  return d.ok ? { ok: true as const, records: { ...records, decisions: [...records.decisions, d.record] } } : d;
}

function signAll(records: GovernanceRecords, seats: [Person, string][]): GovernanceRecords {
  for (const [by, role] of seats) {
    const s = sign(records, by, role);
    if (!s.ok) throw new Error(s.reason);
    records = s.records;
  }
  return records;
}

describe('a council gate', () => {
  it('stays pending with who it waits for until all four roles have signed, then is approved and lets the version deploy', () => {
    let records = signAll(asked(), [[PRIYA, 'product-owner'], [SAM, 'engineering-lead']]);
    const pending = gateState(policy, council(), model(), records, now);
    expect(pending.status).toBe('pending');
    expect(pending.council?.summary).toBe('2 of 4 signed, waiting for Legal counsel and Ethics reviewer.');
    expect(pending.summary).toBe('Council review requested by Alex on 2026-03-01: 2 of 4 signed, waiting for Legal counsel and Ethics reviewer.');
    expect(mayProceed(policy, 'deploy', model(), records, now).blocking.map((g) => g.gate.id)).toContain('council-review');

    records = signAll(records, [[LENA, 'legal-counsel'], [NOOR, 'ethics-reviewer']]);
    const approved = gateState(policy, council(), model(), records, now);
    expect(approved.status).toBe('approved');
    expect(approved.decision?.by.name).toBe('Noor');
    expect(approved.council?.seats.map((s) => [s.role, s.decision?.by.name])).toEqual([
      ['product-owner', 'Priya'], ['engineering-lead', 'Sam'], ['legal-counsel', 'Lena'], ['ethics-reviewer', 'Noor'],
    ]);
    expect(approved.summary).toMatch(/^Approved by the council on 2026-03-01 under policy v1 \(4 of 4 signed off: Priya \(Product owner\), Sam \(Engineering lead\), Lena \(Legal counsel\) and Noor \(Ethics reviewer\)\); re-review due/);
    // Settled: a fifth answer is refused.
    expect(sign(records, ALEX, 'product-owner')).toMatchObject({ ok: false, reason: 'This request has been decided already: ask for a new review.' });
  });

  it('refuses the requester, a second role for one person, a role answered already and a role outside the council', () => {
    let records = asked();
    expect(sign(records, ALEX, 'product-owner')).toEqual({ ok: false, reason: 'Alex asked for this review and cannot sign it: the council\'s other members must.' });
    records = signAll(records, [[NOOR, 'ethics-reviewer']]);
    expect(sign(records, NOOR, 'legal-counsel')).toEqual({ ok: false, reason: 'Noor already signed this review as Ethics reviewer: one person cannot sign for two roles.' });
    // Whether or not they hold the second role.
    expect(sign(records, NOOR, 'product-owner')).toMatchObject({ ok: false, reason: expect.stringContaining('one person cannot sign for two roles') });
    expect(sign(records, NOOR, 'ethics-reviewer')).toMatchObject({ ok: false, reason: 'Noor has answered this review as Ethics reviewer already.' });
    expect(sign(records, { ...LENA, roles: ['ethics-reviewer'] }, 'ethics-reviewer')).toMatchObject({ ok: false, reason: 'Ethics reviewer has answered this review already (Noor).' });
    expect(sign(records, LENA, 'product-owner')).toMatchObject({ ok: false, reason: 'Lena does not hold the role "product-owner" (set roles under Govern → People).' });
    expect(sign(records, LENA, 'approver')).toMatchObject({ ok: false, reason: expect.stringMatching(/^Council review is decided by its council \(Product owner, Engineering lead, Legal counsel and Ethics reviewer\), each for their role: "approver" is not one of them\.$/) });
    expect(sign(records, LENA, 'legal-counsel').ok).toBe(true);
  });

  it('reads stale for a retrained version only once the council approved the earlier one, not on a single sign-off', () => {
    const retrain = model(retrained());
    const one = signAll(asked(), [[PRIYA, 'product-owner']]);
    expect(gateState(policy, council(), retrain, one, now).status).toBe('not-requested');
    const all = signAll(one, [[SAM, 'engineering-lead'], [LENA, 'legal-counsel'], [NOOR, 'ethics-reviewer']]);
    expect(gateState(policy, council(), retrain, all, now)).toMatchObject({ status: 'stale', council: null });
  });

  it('is rejected by any one rejection and sent back by any request for changes, even with other sign-offs', () => {
    const some = signAll(asked(), [[PRIYA, 'product-owner'], [SAM, 'engineering-lead'], [LENA, 'legal-counsel']]);
    const rejected = sign(some, NOOR, 'ethics-reviewer', 'reject', 'Harms a protected group.');
    if (!rejected.ok) throw new Error(rejected.reason);
    const state = gateState(policy, council(), model(), rejected.records, now);
    expect(state.status).toBe('rejected');
    expect(state.summary).toBe('Rejected by Noor (Ethics reviewer): Harms a protected group. (2026-03-01)');
    expect(mayProceed(policy, 'serve', model(), rejected.records, now).allowed).toBe(false);

    const changes = sign(asked(), LENA, 'legal-counsel', 'request-changes', 'Name the lawful basis.');
    if (!changes.ok) throw new Error(changes.reason);
    expect(gateState(policy, council(), model(), changes.records, now).status).toBe('changes-requested');
    expect(sign(changes.records, PRIYA, 'product-owner', 'reject', '')).toMatchObject({ ok: false });
  });

  it('counts distinct roles against the quorum, and the first answer of a person or a role only', () => {
    const spec = { roles: ['product-owner', 'engineering-lead', 'legal-counsel'], quorum: 2 };
    const d = (id: string, personId: string, role: string, outcome: DecisionOutcome = 'approve') => ({
      id, requestId: 'r', gateId: 'g', subject: subjectOf(model()), outcome, comment: '', at: `2026-03-01T10:0${id}:00.000Z`,
      by: { personId, name: personId, role }, policy: { version: 1, hash: 'h' },
    });
    expect(councilStanding(spec, [d('1', 'a', 'product-owner'), d('2', 'a', 'legal-counsel')], []).status).toBe('pending');
    expect(councilStanding(spec, [d('1', 'a', 'product-owner'), d('2', 'b', 'product-owner')], []).signed).toBe(1);
    const two = councilStanding(spec, [d('1', 'a', 'product-owner'), d('2', 'b', 'legal-counsel')], []);
    expect([two.status, two.settledBy?.id, two.waitingFor]).toEqual(['approved', '2', ['engineering-lead']]);
  });

  it('cannot be waived by one person', () => {
    const w = grantWaiver(policy, { id: 'w', gateId: 'council-review', subject: subjectOf(model()), reason: 'Demo.', owner: 'Priya', by: PRIYA, role: 'product-owner', at: ASKED, expiresAt: '2026-04-01T00:00:00.000Z' });
    expect(w).toEqual({ ok: false, reason: 'Council review cannot be waived: its council decides it together, and one person cannot set that aside. Ask for changes or reject instead.' });
  });
});

describe('a council in a policy document', () => {
  const withCouncil = (council: unknown, deciderRole = 'product-owner') => {
    const data = policyTemplate('high-risk');
    return validatePolicyData({ ...data, gates: [...data.gates.slice(0, 3), { ...data.gates[3], deciderRole, council }] } as never);
  };

  it('needs distinct policy roles and a quorum from 1 to their number', () => {
    expect(withCouncil({ roles: ['product-owner', 'legal-counsel'], quorum: 2 }).ok).toBe(true);
    expect(withCouncil({ roles: ['product-owner', 'product-owner', 'cfo'], quorum: 3 })).toEqual({ ok: false, problems: [
      { path: '/data/gates/3/council/roles/1', message: 'lists "product-owner" twice: each council role is a different seat.' },
      { path: '/data/gates/3/council/roles/2', message: 'must be one of the policy\'s roles (ethics-reviewer, engineering-lead, product-owner, legal-counsel), got "cfo".' },
      { path: '/data/gates/3/council/quorum', message: 'must be a whole number from 1 to 1, got 3.' },
    ] });
    expect(withCouncil({ roles: ['product-owner'], quorum: 0 })).toMatchObject({ ok: false, problems: [{ path: '/data/gates/3/council/quorum' }] });
    expect(withCouncil({ roles: [], quorum: 1 })).toMatchObject({ ok: false, problems: [{ path: '/data/gates/3/council/roles', message: 'must name at least one role.' }] });
    expect(withCouncil({ roles: ['legal-counsel'], quorum: 1 }, 'product-owner')).toMatchObject({ ok: false, problems: [{ path: '/data/gates/3/deciderRole' }] });
  });

  it('is named in words wherever the deciding role would be, and its quorum is an editor field', () => {
    const data = policyTemplate('high-risk');
    expect(deciderWords(data.gates[3], data.roles)).toBe('a council of Product owner, Engineering lead, Legal counsel and Ethics reviewer (4 of 4 sign off)');
    expect(deciderWords(data.gates[0], data.roles)).toBe('Ethics reviewer');
    expect(editorFields(data).has('/data/gates/3/council/quorum')).toBe(true);
  });

  it('follows a renamed role, and keeps a council role from being removed', () => {
    const data = policyTemplate('high-risk');
    const legal = data.roles.findIndex((r) => r.id === 'legal-counsel');
    expect(setRoleId(data, legal, 'counsel').gates[3].council?.roles).toEqual(['product-owner', 'engineering-lead', 'counsel', 'ethics-reviewer']);
    expect(removeRole(data, legal)).toMatchObject({ ok: false, reason: expect.stringContaining('“Council review”') });
  });
});
