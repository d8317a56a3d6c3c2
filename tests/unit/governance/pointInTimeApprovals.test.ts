import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntryContent } from '$lib/core/governance/auditChain';
import { servedAt, trafficRefs, versionLineages, type ServedModel } from '$lib/core/governance/pointInTime';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { GovernanceRecords } from '$lib/core/governance/records';
import { subjectOf } from '$lib/core/governance/subjects';
import { grantWaiver } from '$lib/core/governance/waivers';
import {
  DECISION_ACTION_PREFIX, decisionRefs, governanceFromTrail, POLICY_PUBLISH_ACTION, publishRefs, requestRefs, REVIEW_REQUEST_ACTION, WAIVER_ACTION, waiverRefs,
} from '$lib/core/governance/trailRecords';
import { describeServedPolicy, gateStandingLine, servedGateLines } from '$lib/core/governance/auditView';
import { dataset, DEE, empty, HASH_V1, model, published, retrained, review } from './fixtures';

/**
 * The story, as its trail records it (times are March 2026, UTC):
 * day 1 08:00 Classifier v1 deployed before any policy; 09:00 Standard published (v1);
 * 10:00 Data Ethics Review of dataset v1 requested, 11:00 approved by Dee;
 * day 2 10:00 Performance SLA of v1 requested, 11:00 approved;
 * day 3 09:00 the SLA of v2 (a retrain) waived until day 5; 10:00 v2 starts as a 10 % canary;
 * day 6 10:00 a re-review of v1's SLA requested, 11:00 rejected.
 */
let policy: PublishedPolicy;
let records: GovernanceRecords;
let trail: AuditEntryContent[];

const versions = versionLineages(
  [
    { id: 'mv-1', modelName: 'Classifier', version: 1, runId: 'run-a', datasetVersionId: 'dv-1' },
    { id: 'mv-2', modelName: 'Classifier', version: 2, runId: 'run-b', datasetVersionId: 'dv-1' },
  ],
  [{ id: 'dv-1', number: 1, contentHash: HASH_V1 }],
);

const day = (d: number, time: string) => `2026-03-0${d}T${time}:00.000Z`;

function entries(policy: PublishedPolicy, records: GovernanceRecords): AuditEntryContent[] {
  const deploy = (at: string, refs: Record<string, string>) => ({ at, actor: 'Ben', action: 'deploy', detail: '', refs });
  const all = [
    deploy(day(1, '08:00'), trafficRefs({ id: 'd-1', traffic: [{ modelVersionId: 'mv-1', percent: 100, mode: 'serve' }] })),
    { at: day(1, '09:00'), actor: 'Ana', action: POLICY_PUBLISH_ACTION, detail: '', refs: publishRefs(policy) },
    ...records.requests.map((r) => ({ at: r.at, actor: r.requestedBy.name, action: REVIEW_REQUEST_ACTION, detail: '', refs: requestRefs(r) })),
    ...records.decisions.map((d) => ({ at: d.at, actor: d.by.name, action: `${DECISION_ACTION_PREFIX}${d.outcome}`, detail: '', refs: decisionRefs(d) })),
    ...records.waivers.map((w) => ({ at: w.at, actor: w.grantedBy.name, action: WAIVER_ACTION, detail: '', refs: waiverRefs(w) })),
    deploy(day(3, '10:00'), trafficRefs({ id: 'd-2', traffic: [{ modelVersionId: 'mv-1', percent: 90, mode: 'serve' }, { modelVersionId: 'mv-2', percent: 10, mode: 'canary' }] })),
  ];
  return all.sort((a, b) => a.at.localeCompare(b.at)).map((e, i) => ({ projectId: 'p', seq: i + 1, ...e }));
}

beforeAll(async () => {
  policy = await published('standard');
  let r = review(policy, empty(), dataset(), 'data-ethics-review', day(1, '10:00'), 'approve');
  r = review(policy, r, model(), 'performance-sla', day(2, '10:00'), 'approve');
  const waived = grantWaiver(policy, {
    id: 'w-1', gateId: 'performance-sla', subject: subjectOf(model(retrained())), reason: 'Latency measured next week.', owner: 'Ben',
    by: DEE, role: 'engineering-lead', at: day(3, '09:00'), expiresAt: day(5, '00:00'),
  });
  if (!waived.ok) throw new Error(waived.reason);
  r = { ...r, waivers: [waived.record] };
  records = review(policy, r, model(), 'performance-sla', day(6, '10:00'), 'reject');
  trail = entries(policy, records);
});

const ask = (at: string, policies: PublishedPolicy[] = [policy]) => servedAt({ trail, at, versions, policies });
/** gate id → status, for the served version's deploy gates and its dataset's training gates. */
const statuses = (m: ServedModel | null) => Object.fromEntries([...(m?.gates ?? []), ...(m?.data?.gates ?? [])].map((g) => [`${g.gate.id} ${g.subject.kind}`, g.status]));

describe('the approvals in force at a moment, from the trail', () => {
  it('reads back from the trail exactly the requests, decisions and waivers that wrote it', () => {
    const read = governanceFromTrail(trail, [policy], day(9, '00:00'));
    expect(read.inForce).toEqual({ version: 1, hash: policy.hash });
    expect(read.policy).toBe(policy);
    expect(read.records.decisions).toEqual(records.decisions);
    expect(read.records.waivers).toEqual(records.waivers);
    expect(read.records.requests).toEqual(records.requests);
  });

  it('gates nothing before a policy was published', () => {
    const answer = ask(day(1, '08:30'));
    expect(answer.served).toMatchObject({ modelVersionId: 'mv-1', gates: [], data: { subject: { datasetVersionId: 'dv-1', contentHash: HASH_V1 }, gates: [] } });
    expect(answer.policy).toBeNull();
    expect(describeServedPolicy(answer)).toBe('No governance policy had been published then: nothing was gated.');
  });

  it('before and after each approval: not requested, pending, approved — for the version and the data it trained on', () => {
    expect(statuses(ask(day(1, '09:30')).served)).toEqual({ 'performance-sla model-version': 'not-requested', 'data-ethics-review dataset-version': 'not-requested' });
    expect(statuses(ask(day(1, '10:30')).served)).toEqual({ 'performance-sla model-version': 'not-requested', 'data-ethics-review dataset-version': 'pending' });
    expect(statuses(ask(day(2, '10:30')).served)).toEqual({ 'performance-sla model-version': 'pending', 'data-ethics-review dataset-version': 'approved' });
    const approved = ask(day(2, '11:00'));
    expect(statuses(approved.served)).toEqual({ 'performance-sla model-version': 'approved', 'data-ethics-review dataset-version': 'approved' });
    const sla = approved.served!.gates[0];
    expect(sla.decision).toMatchObject({ by: { name: 'Dee', role: 'engineering-lead' }, at: day(2, '11:00'), policy: { version: 1, hash: policy.hash } });
    expect(gateStandingLine(sla)).toBe('Performance SLA of Classifier v1 — approved: Approved by Dee (engineering-lead) on 2026-03-02 under policy v1; re-review due 2026-05-31.');
    expect(describeServedPolicy(approved)).toBe(`Under governance policy v1 “${policy.data.name}” (hash ${policy.hash.slice(0, 12)}).`);
  });

  it('a canary’s waiver is in force until its expiry, and after it the gate is unmet again', () => {
    const during = ask(day(4, '12:00'));
    expect(during.challenger).toMatchObject({ modelVersionId: 'mv-2', mode: 'canary', percent: 10 });
    expect(statuses(during.challenger)).toEqual({ 'performance-sla model-version': 'waived', 'data-ethics-review dataset-version': 'approved' });
    expect(during.challenger!.gates[0].summary).toBe('Waived until 2026-03-05 by Dee: Latency measured next week. (owner: Ben).');
    const after = ask(day(5, '00:00'));
    expect(statuses(after.challenger)['performance-sla model-version']).toBe('stale');
    expect(after.challenger!.gates[0].expiredWaiver).toMatchObject({ id: 'w-1' });
    expect(servedGateLines(after).map((m) => m.title)).toEqual(['Classifier v1 (served)', 'Classifier v2 (canary)']);
  });

  it('a rejected re-review replaces the approval from its moment on; while it was pending the approval held', () => {
    const pending = ask(day(6, '10:30')).served!.gates[0];
    expect(pending).toMatchObject({ status: 'approved', openRequest: { at: day(6, '10:00') } });
    const rejected = ask(day(6, '11:00')).served!.gates[0];
    expect(rejected).toMatchObject({ status: 'rejected', decision: { outcome: 'reject', comment: 'Not yet.', by: { name: 'Dee' } } });
  });

  it('names the policy version it cannot find instead of judging under another', () => {
    const answer = ask(day(2, '12:00'), []);
    expect(answer.policy).toEqual({ ref: { version: 1, hash: policy.hash }, document: null });
    expect(answer.served!.gates).toEqual([]);
    expect(describeServedPolicy(answer)).toMatch(/^Policy v1 was in force, but this database does not hold that version/);
  });
});
