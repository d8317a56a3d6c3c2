import { beforeAll, describe, expect, it } from 'vitest';
import { governanceOverview, WAIVER_EXPIRING_SOON_DAYS, type GovernedObjectInput } from '$lib/core/governance/overview';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { GovernanceRecords } from '$lib/core/governance/records';
import { subjectOf } from '$lib/core/governance/subjects';
import { grantWaiver } from '$lib/core/governance/waivers';
import { DEE, dataset, empty, model, published, relabelled, retrained, review } from './fixtures';

let standard: PublishedPolicy;
beforeAll(async () => {
  standard = await published('standard');
});

const DAY = 86_400_000;
const REVIEWED = '2026-03-01T10:00:00.000Z';
const at = (days: number) => Date.parse(REVIEWED) + days * DAY;

const objects = (): GovernedObjectInput[] => [
  { facts: dataset(relabelled()), roles: ['newest'] },
  { facts: dataset(), roles: ['trained-on'] },
  { facts: model(), roles: ['registered', 'champion', 'served'] },
];

function waive(records: GovernanceRecords, gateId: string, object = dataset(relabelled()), expiresAt = new Date(at(10)).toISOString()): GovernanceRecords {
  const w = grantWaiver(standard, { id: `w-${records.waivers.length}`, gateId, subject: subjectOf(object), reason: 'Pilot only.', owner: 'Ben', by: DEE, role: gateId === 'data-ethics-review' ? 'ethics-reviewer' : 'engineering-lead', at: REVIEWED, expiresAt });
  if (!w.ok) throw new Error(w.reason);
  return { ...records, waivers: [...records.waivers, w.record] };
}

describe('governanceOverview', () => {
  it('says nothing is governed without a published policy', () => {
    expect(governanceOverview(null, empty(), objects(), at(1))).toEqual({ policy: null, gates: [], blocked: [], waivers: [] });
  });

  it('gives each gate its state for each object it judges, in order', () => {
    const records = review(standard, empty(), dataset(), 'data-ethics-review', REVIEWED, 'approve');
    const o = governanceOverview(standard, records, objects(), at(1));
    expect(o.policy).toEqual({ name: standard.data.name, version: 1, hash: standard.hash });
    expect(o.gates.map((g) => [g.gate.id, g.objects.map((x) => [x.object.label, x.state.status])])).toEqual([
      ['data-ethics-review', [['dataset v2', 'stale'], ['dataset v1', 'approved']]],
      ['performance-sla', [['Classifier v1', 'not-requested']]],
    ]);
    expect(o.gates[1].objects[0].object).toMatchObject({ id: 'mv-1', kind: 'model-version', roles: ['registered', 'champion', 'served'] });
    // The page names the deciding role as the policy does.
    expect(o.gates.map((g) => g.deciderName)).toEqual(['Ethics reviewer', 'Engineering lead']);
  });

  it('says what each action is blocked by, grouping actions blocked for the same reasons; serving is not lost', () => {
    const records = review(standard, empty(), dataset(), 'data-ethics-review', REVIEWED, 'approve');
    const o = governanceOverview(standard, records, objects(), at(1));
    expect(o.blocked.map((b) => [b.object.label, b.actions])).toEqual([
      ['dataset v2', ['train']],
      ['Classifier v1', ['promote', 'deploy', 'canary']],
    ]);
    expect(o.blocked[0].text).toBe('Training on dataset v2 is blocked: Data Ethics Review — Stale — re-review: approved for dataset v1, not for dataset v2 as it is now.');
    expect(o.blocked[1].text).toBe('Classifier v1: making it the champion, deploying it and starting a canary of it are blocked: Performance SLA — No review requested yet.');
  });

  it('lists serving as blocked once a served version is rejected, apart from new work', () => {
    const records = review(standard, empty(), model(), 'performance-sla', REVIEWED, 'reject');
    const o = governanceOverview(standard, records, [{ facts: model(), roles: ['served'] }, { facts: model(retrained()), roles: ['registered'] }], at(1));
    expect(o.blocked.map((b) => [b.object.label, b.actions])).toEqual([
      ['Classifier v1', ['promote', 'deploy', 'canary', 'serve']],
      ['Classifier v2', ['promote', 'deploy', 'canary']],
    ]);
    expect(o.blocked[0].reasons[0]).toMatch(/^Performance SLA — Rejected by Dee/);
  });

  it(`lists waivers in force, soonest first, flagging those ending within ${WAIVER_EXPIRING_SOON_DAYS} days; an expired one is gone and blocks again`, () => {
    let records = waive(empty(), 'data-ethics-review');
    records = waive(records, 'performance-sla', model(), new Date(at(40)).toISOString());
    const early = governanceOverview(standard, records, objects(), at(1));
    expect(early.waivers.map((w) => [w.gateName, w.label, w.daysLeft, w.expiringSoon])).toEqual([
      ['Data Ethics Review', 'dataset v2', 9, false],
      ['Performance SLA', 'Classifier v1', 39, false],
    ]);
    expect(early.blocked.map((b) => b.object.label)).toEqual(['dataset v1']);

    const soon = governanceOverview(standard, records, objects(), at(3));
    expect(soon.waivers.map((w) => [w.label, w.daysLeft, w.expiringSoon])).toEqual([['dataset v2', 7, true], ['Classifier v1', 37, false]]);
    expect(soon.gates[0].objects[0].state.status).toBe('waived');

    const after = governanceOverview(standard, records, objects(), at(10));
    expect(after.waivers.map((w) => w.label)).toEqual(['Classifier v1']);
    expect(after.gates[0].objects[0].state.status).toBe('not-requested');
    expect(after.blocked[0].text).toMatch(/^Training on dataset v2 is blocked: Data Ethics Review — No review requested yet; a waiver expired on 2026-03-11\.$/);
  });
});
