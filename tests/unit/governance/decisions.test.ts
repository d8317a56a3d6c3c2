import { beforeAll, describe, expect, it } from 'vitest';
import { decide, requestReview, type DecisionInput } from '$lib/core/governance/decisions';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { GovernanceRecords, ReviewRequest } from '$lib/core/governance/records';
import { subjectOf } from '$lib/core/governance/subjects';
import { ANA, BEN, CY, DEE, dataset, datasetFacts, empty, model, published, relabelled } from './fixtures';

let policy: PublishedPolicy;
let request: ReviewRequest;
let records: GovernanceRecords;
const AT = '2026-03-01T10:00:00.000Z';

beforeAll(async () => {
  policy = await published('standard');
  const asked = requestReview(policy, { id: 'r-1', gateId: 'data-ethics-review', subject: subjectOf(dataset()), by: CY, at: AT, note: ' please ' }, empty());
  if (!asked.ok) throw new Error(asked.reason);
  request = asked.record;
  records = { ...empty(), requests: [request] };
});

const input = (over: Partial<DecisionInput> = {}): DecisionInput => ({ id: 'd-1', requestId: 'r-1', outcome: 'approve', comment: 'Looked at every check.', by: ANA, role: 'ethics-reviewer', at: '2026-03-01T12:00:00.000Z', object: dataset(), ...over });

describe('review requests', () => {
  it('records the object, the requester and the policy version and hash it was made under', () => {
    expect(request).toEqual({
      id: 'r-1',
      gateId: 'data-ethics-review',
      subject: { kind: 'dataset-version', datasetVersionId: 'dv-1', number: 1, contentHash: datasetFacts().contentHash },
      requestedBy: { personId: 'p-cy', name: 'Cy' },
      at: AT,
      note: 'please',
      policy: { version: 1, hash: policy.hash },
    });
  });

  it('refuses a gate the policy does not have, an object the gate does not judge, and a second open request', () => {
    const ask = (gateId: string, subject = subjectOf(dataset())) => requestReview(policy, { id: 'r-2', gateId, subject, by: CY, at: AT, note: '' }, records);
    expect(ask('council-review')).toEqual({ ok: false, reason: 'Policy v1 has no gate "council-review".' });
    expect(ask('data-ethics-review', subjectOf(model()))).toEqual({ ok: false, reason: 'Data Ethics Review judges dataset versions (before training), not Classifier v1.' });
    expect(ask('data-ethics-review')).toEqual({ ok: false, reason: 'Cy already asked for a Data Ethics Review of dataset v1; it awaits a decision.' });
  });
});

describe('decisions', () => {
  it('an approval by another person in the gate role records who, in which role, and the policy version and hash', () => {
    const decided = decide(policy, input(), records);
    expect(decided).toEqual({
      ok: true,
      record: {
        id: 'd-1',
        requestId: 'r-1',
        gateId: 'data-ethics-review',
        subject: request.subject,
        outcome: 'approve',
        comment: 'Looked at every check.',
        by: { personId: 'p-ana', name: 'Ana', role: 'ethics-reviewer' },
        at: '2026-03-01T12:00:00.000Z',
        policy: { version: 1, hash: policy.hash },
      },
    });
  });

  it('the requester cannot decide their own request, whatever roles they hold', () => {
    const own = { ...records, requests: [{ ...request, requestedBy: { personId: DEE.id, name: DEE.name } }] };
    expect(decide(policy, input({ by: DEE }), own)).toEqual({ ok: false, reason: 'Dee asked for this review and cannot decide it: another person holding "ethics-reviewer" must.' });
  });

  it('only the gate role may decide: a person without it, or acting in another role, is refused', () => {
    expect(decide(policy, input({ by: BEN, role: 'engineering-lead' }), records)).toEqual({ ok: false, reason: 'Data Ethics Review is decided by the role "ethics-reviewer", not "engineering-lead".' });
    expect(decide(policy, input({ by: BEN }), records)).toEqual({ ok: false, reason: 'Ben does not hold the role "ethics-reviewer" (set roles under Govern → People).' });
  });

  it('a rejection or a request for changes needs a comment', () => {
    expect(decide(policy, input({ outcome: 'reject', comment: ' ' }), records)).toMatchObject({ ok: false, reason: expect.stringMatching(/comment/) });
    expect(decide(policy, input({ outcome: 'request-changes', comment: 'Mask the e-mails.' }), records).ok).toBe(true);
  });

  it('cannot approve while evidence is not met, and points to a waiver instead', () => {
    const refused = decide(policy, input({ object: dataset(datasetFacts({ answers: null })) }), records);
    expect(refused).toEqual({ ok: false, reason: expect.stringContaining('Intended use, who could be harmed, consent: not-yet') });
    expect(!refused.ok && refused.reason).toMatch(/waive the gate with a reason and an expiry/);
  });

  it('refuses facts about another object than the request: a relabel after the request needs a new review', () => {
    expect(decide(policy, input({ object: dataset(relabelled()) }), records)).toEqual({
      ok: false,
      reason: 'The facts given are about dataset v2, but the request is about dataset v1 as it was then: ask for a new review.',
    });
  });

  it('a request is decided once; a new decision needs a new request', () => {
    const decided = decide(policy, input(), records);
    if (!decided.ok) throw new Error(decided.reason);
    const after = { ...records, decisions: [decided.record] };
    expect(decide(policy, input({ id: 'd-2' }), after)).toEqual({ ok: false, reason: 'This request has been decided already: ask for a new review.' });
    expect(requestReview(policy, { id: 'r-2', gateId: 'data-ethics-review', subject: request.subject, by: CY, at: AT, note: '' }, after).ok).toBe(true);
  });
});
