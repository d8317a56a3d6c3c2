import { beforeAll, describe, expect, it } from 'vitest';
import { gateState, type GateStatus } from '$lib/core/governance/gateState';
import type { GateFacts } from '$lib/core/governance/evidenceCatalog';
import { editPublished, publishDraft, type PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { GovernanceRecords } from '$lib/core/governance/records';
import { subjectOf } from '$lib/core/governance/subjects';
import { grantWaiver } from '$lib/core/governance/waivers';
import { DEE, dataset, empty, model, modelFacts, published, relabelled, retrained, review } from './fixtures';

let policy: PublishedPolicy; // Standard: re-review after 90 days, 14 days of grace
beforeAll(async () => {
  policy = await published('standard');
});

const DAY = 86_400_000;
const REVIEWED = '2026-03-01T10:00:00.000Z'; // requested then; decided an hour later
const soon = Date.parse(REVIEWED) + 2 * DAY;

function waived(records: GovernanceRecords, object: GateFacts, gateId: string, expiresAt: string): GovernanceRecords {
  const granted = grantWaiver(policy, { id: `w-${records.waivers.length}`, gateId, subject: subjectOf(object), reason: 'Demo data.', owner: 'Ana', by: DEE, role: policy.data.gates.find((g) => g.id === gateId)!.deciderRole, at: REVIEWED, expiresAt });
  if (!granted.ok) throw new Error(granted.reason);
  return { ...records, waivers: [...records.waivers, granted.record] };
}

/** How each state is reached for `object` through the real functions, and when to look. */
const SETUPS: { status: GateStatus; make: (object: GateFacts, gateId: string) => GovernanceRecords; now: number }[] = [
  { status: 'not-requested', make: () => empty(), now: soon },
  { status: 'pending', make: (o, g) => review(policy, empty(), o, g, REVIEWED, null), now: soon },
  { status: 'approved', make: (o, g) => review(policy, empty(), o, g, REVIEWED, 'approve'), now: soon },
  { status: 'due', make: (o, g) => review(policy, empty(), o, g, REVIEWED, 'approve'), now: soon + 95 * DAY },
  { status: 'lapsed', make: (o, g) => review(policy, empty(), o, g, REVIEWED, 'approve'), now: soon + 110 * DAY },
  { status: 'changes-requested', make: (o, g) => review(policy, empty(), o, g, REVIEWED, 'request-changes'), now: soon },
  { status: 'rejected', make: (o, g) => review(policy, empty(), o, g, REVIEWED, 'reject'), now: soon },
  { status: 'waived', make: (o, g) => waived(empty(), o, g, '2026-04-01T00:00:00.000Z'), now: soon },
];

/** What the same records say about the changed object: an approval never carries over; it makes the gate stale. */
const AFTER_CHANGE: Record<GateStatus, GateStatus> = {
  'not-requested': 'not-requested',
  pending: 'not-requested',
  approved: 'stale',
  due: 'stale',
  lapsed: 'stale',
  'changes-requested': 'not-requested',
  rejected: 'not-requested',
  waived: 'not-requested',
  stale: 'stale',
};

const CHANGES: { change: string; gateId: string; before: () => GateFacts; after: () => GateFacts }[] = [
  { change: 'a relabel (new dataset version, new hash)', gateId: 'data-ethics-review', before: () => dataset(), after: () => dataset(relabelled()) },
  { change: 'the same version id with other rows (hash changed)', gateId: 'data-ethics-review', before: () => dataset(), after: () => dataset({ ...relabelled(), datasetVersionId: 'dv-1' }) },
  { change: 'a retrain (new run, new model version)', gateId: 'performance-sla', before: () => model(), after: () => model({ ...retrained(), modelCard: modelFacts().modelCard }) },
];

describe('gate state × object change', () => {
  for (const { change, gateId, before, after } of CHANGES) {
    for (const { status, make, now } of SETUPS) {
      it(`${status} for the object, ${AFTER_CHANGE[status]} after ${change}`, () => {
        const gate = policy.data.gates.find((g) => g.id === gateId)!;
        const records = make(before(), gateId);
        expect(gateState(policy, gate, before(), records, now).status).toBe(status);
        const changed = gateState(policy, gate, after(), records, now);
        expect(changed.status).toBe(AFTER_CHANGE[status]);
        if (changed.status === 'stale') expect(changed.summary).toMatch(/^Stale — re-review: approved for (dataset v1|Classifier v1), not for (dataset v[12]|Classifier v2) as it is now\.$/);
      });
    }
  }

  it('another model name is another line: not stale, just not requested', () => {
    const gate = policy.data.gates[1];
    const records = review(policy, empty(), model(), gate.id, REVIEWED, 'approve');
    expect(gateState(policy, gate, model(modelFacts({ modelName: 'Other', modelVersionId: 'mv-9', runId: 'run-z' })), records, soon).status).toBe('not-requested');
  });
});

describe('gate state details', () => {
  const ethics = () => policy.data.gates[0];

  it('an approval says who, when, under which policy version and when re-review falls due; then when it lapses', () => {
    const records = review(policy, empty(), dataset(), 'data-ethics-review', REVIEWED, 'approve');
    const state = gateState(policy, ethics(), dataset(), records, soon);
    expect(state).toMatchObject({ dueAt: '2026-05-30T11:00:00.000Z', lapsesAt: '2026-06-13T11:00:00.000Z' });
    expect(state.summary).toBe('Approved by Dee (ethics-reviewer) on 2026-03-01 under policy v1; re-review due 2026-05-30.');
    expect(gateState(policy, ethics(), dataset(), records, Date.parse('2026-05-30T11:00:00.000Z')).status).toBe('due');
    expect(gateState(policy, ethics(), dataset(), records, Date.parse('2026-06-13T11:00:00.000Z')).summary).toBe('The approval of 2026-03-01 lapsed on 2026-06-13: request a re-review.');
  });

  it('the newest decision wins: a rejected re-review replaces an approval; a new request after it reads pending', () => {
    let records = review(policy, empty(), dataset(), 'data-ethics-review', REVIEWED, 'approve');
    records = review(policy, records, dataset(), 'data-ethics-review', '2026-04-01T10:00:00.000Z', 'reject');
    expect(gateState(policy, ethics(), dataset(), records, Date.parse('2026-04-02T00:00:00.000Z'))).toMatchObject({ status: 'rejected', summary: 'Rejected by Dee (ethics-reviewer) on 2026-04-01: Not yet.' });
    records = review(policy, records, dataset(), 'data-ethics-review', '2026-04-03T10:00:00.000Z', null);
    expect(gateState(policy, ethics(), dataset(), records, Date.parse('2026-04-04T00:00:00.000Z')).status).toBe('pending');
  });

  it('an approval stays in force while its re-review is pending', () => {
    let records = review(policy, empty(), dataset(), 'data-ethics-review', REVIEWED, 'approve');
    records = review(policy, records, dataset(), 'data-ethics-review', '2026-04-01T10:00:00.000Z', null);
    const state = gateState(policy, ethics(), dataset(), records, Date.parse('2026-04-02T00:00:00.000Z'));
    expect(state.status).toBe('approved');
    expect(state.openRequest?.at).toBe('2026-04-01T10:00:00.000Z');
  });

  it('a waiver wins over a rejection until it expires; then the gate is unmet again by itself', () => {
    let records = review(policy, empty(), dataset(), 'data-ethics-review', REVIEWED, 'reject');
    records = waived(records, dataset(), 'data-ethics-review', '2026-03-10T00:00:00.000Z');
    expect(gateState(policy, ethics(), dataset(), records, Date.parse('2026-03-09T23:59:59.999Z'))).toMatchObject({ status: 'waived', summary: 'Waived until 2026-03-10 by Dee: Demo data. (owner: Ana).' });
    expect(gateState(policy, ethics(), dataset(), records, Date.parse('2026-03-10T00:00:00.000Z')).status).toBe('rejected');
    const onlyWaived = waived(empty(), dataset(), 'data-ethics-review', '2026-03-10T00:00:00.000Z');
    expect(gateState(policy, ethics(), dataset(), onlyWaived, Date.parse('2026-03-11T00:00:00.000Z'))).toMatchObject({
      status: 'not-requested',
      summary: 'No review requested yet; a waiver expired on 2026-03-10.',
    });
  });

  it('an approval made under a policy whose gate asked for less is stale under the new version; a rename is not', async () => {
    const records = review(policy, empty(), model(), 'performance-sla', REVIEWED, 'approve');
    const stricter = editPublished(policy);
    stricter.data.gates[1].evidence.push('model-card-written');
    const v2 = await publishDraft(stricter, { by: 'Ana', at: '2026-03-05T00:00:00.000Z' });
    const withV2 = { ...records, policies: [...records.policies, v2] };
    expect(gateState(v2, v2.data.gates[1], model(), withV2, soon + 5 * DAY)).toMatchObject({
      status: 'stale',
      summary: 'Stale — re-review: approved under policy v1, and the gate requires something else now.',
    });
    const renamed = editPublished(policy);
    renamed.data.gates[1].name = 'Service levels';
    const v2b = await publishDraft(renamed, { by: 'Ana', at: '2026-03-05T00:00:00.000Z' });
    expect(gateState(v2b, v2b.data.gates[1], model(), { ...records, policies: [...records.policies, v2b] }, soon + 5 * DAY).status).toBe('approved');
    expect(gateState(v2, v2.data.gates[1], model(), withV2, soon + 110 * DAY).status).toBe('lapsed');
  });

  it('an approval whose policy version is missing from the records, or has another hash, does not count', () => {
    const records = review(policy, empty(), model(), 'performance-sla', REVIEWED, 'approve');
    expect(gateState(policy, policy.data.gates[1], model(), { ...records, policies: [] }, soon).status).toBe('stale');
    const forged = { ...records, policies: [{ ...policy, hash: 'c'.repeat(64) }] };
    expect(gateState(policy, policy.data.gates[1], model(), forged, soon).status).toBe('stale');
  });

  it('carries the evidence states for the object judged', () => {
    const state = gateState(policy, ethics(), dataset(relabelled()), empty(), soon);
    expect(state.evidence.map((e) => e.status)).toEqual(ethics().evidence.map(() => 'not-yet'));
  });
});
