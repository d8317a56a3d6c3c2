import { beforeAll, describe, expect, it } from 'vitest';
import { mayProceed, type GatedAction } from '$lib/core/governance/mayProceed';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { GovernanceRecords } from '$lib/core/governance/records';
import { subjectOf } from '$lib/core/governance/subjects';
import { grantWaiver } from '$lib/core/governance/waivers';
import { DEE, dataset, empty, model, published, relabelled, retrained, review } from './fixtures';

let standard: PublishedPolicy;
let highRisk: PublishedPolicy;
beforeAll(async () => {
  standard = await published('standard');
  highRisk = await published('high-risk');
});

const DAY = 86_400_000;
const REVIEWED = '2026-03-01T10:00:00.000Z';
const soon = Date.parse(REVIEWED) + 2 * DAY;
const NEW_WORK: GatedAction[] = ['promote', 'deploy', 'canary'];

const slaApproved = (policy = standard) => review(policy, empty(), model(), 'performance-sla', REVIEWED, 'approve');

function waiveSla(records: GovernanceRecords, expiresAt: string): GovernanceRecords {
  const w = grantWaiver(standard, { id: 'w-1', gateId: 'performance-sla', subject: subjectOf(model()), reason: 'Pilot for one week.', owner: 'Ben', by: DEE, role: 'engineering-lead', at: REVIEWED, expiresAt });
  if (!w.ok) throw new Error(w.reason);
  return { ...records, waivers: [...records.waivers, w.record] };
}

describe('mayProceed: training', () => {
  it('refuses training on a dataset version without its Data Ethics Review, with the reason', () => {
    const verdict = mayProceed(standard, 'train', dataset(), empty(), soon);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons).toEqual(['Training on this dataset version needs Data Ethics Review: No review requested yet.']);
    expect(verdict.gates.map((g) => g.gate.id)).toEqual(['data-ethics-review']);
  });

  it('allows it once approved, and refuses it again for the relabelled version: stale — re-review', () => {
    const records = review(standard, empty(), dataset(), 'data-ethics-review', REVIEWED, 'approve');
    expect(mayProceed(standard, 'train', dataset(), records, soon)).toMatchObject({ allowed: true, reasons: [] });
    const verdict = mayProceed(standard, 'train', dataset(relabelled()), records, soon);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons[0]).toMatch(/Stale — re-review: approved for dataset v1, not for dataset v2/);
    expect(verdict.gates[0].evidence.every((e) => e.status === 'not-yet')).toBe(true);
  });

  it('training is not judged by deployment gates, and a pending review does not let it through', () => {
    const records = review(standard, slaApproved(), dataset(), 'data-ethics-review', REVIEWED, null);
    expect(mayProceed(standard, 'train', dataset(), records, soon).allowed).toBe(false);
    expect(mayProceed(standard, 'train', dataset(), records, soon).gates[0].status).toBe('pending');
  });

  it('a policy without training gates (Light) lets training through; no published policy gates nothing', async () => {
    expect(mayProceed(await published('light'), 'train', dataset(), empty(), soon)).toMatchObject({ allowed: true, gates: [] });
    expect(mayProceed(null, 'deploy', model(), empty(), soon)).toMatchObject({ allowed: true, notes: ['No governance policy is published: nothing is gated.'] });
  });
});

describe('mayProceed: promote, deploy, canary', () => {
  it.each(NEW_WORK)('%s needs the Performance SLA approved, and a retrain needs its own', (action) => {
    expect(mayProceed(standard, action, model(), empty(), soon).allowed).toBe(false);
    expect(mayProceed(standard, action, model(), slaApproved(), soon).allowed).toBe(true);
    const retrain = mayProceed(standard, action, model(retrained()), slaApproved(), soon);
    expect(retrain.allowed).toBe(false);
    expect(retrain.gates[0].status).toBe('stale');
  });

  it('High-risk needs every deployment gate; the reasons name each missing one', () => {
    const verdict = mayProceed(highRisk, 'deploy', model(), slaApproved(highRisk), soon);
    expect(verdict.allowed).toBe(false);
    expect(verdict.reasons).toEqual([
      'Deploying this version needs Model card approval: No review requested yet.',
      'Deploying this version needs Council review: No review requested yet.',
    ]);
  });

  it('an approval overdue for re-review refuses promotion, deployment and canaries, saying when it was due; a lapsed one refuses too', () => {
    for (const action of NEW_WORK) {
      const due = mayProceed(standard, action, model(), slaApproved(), soon + 95 * DAY);
      expect(due.allowed).toBe(false);
      expect(due.blocking.map((g) => g.status)).toEqual(['due']);
      expect(due.reasons[0]).toMatch(/needs Performance SLA: the approval of 2026-03-01 is overdue — its re-review was due on 2026-05-30: request a re-review\.$/);
    }
    expect(mayProceed(standard, 'deploy', model(), slaApproved(), soon + 110 * DAY).allowed).toBe(false);
  });

  it('an overdue approval of a dataset version still lets it train, with a note', () => {
    const records = review(standard, empty(), dataset(), 'data-ethics-review', REVIEWED, 'approve');
    const due = mayProceed(standard, 'train', dataset(), records, soon + 95 * DAY);
    expect(due).toMatchObject({ allowed: true, reasons: [] });
    expect(due.notes[0]).toMatch(/^Data Ethics Review: Approved by Dee .* due for re-review since 2026-05-30, lapses on 2026-06-13\.$/);
  });

  it('a prohibited risk tier refuses promotion, deployment, canaries and serving whatever the policy, even with none; training stays allowed', () => {
    for (const policy of [standard, null]) {
      for (const action of [...NEW_WORK, 'serve'] as const) {
        const verdict = mayProceed(policy, action, model(), slaApproved(), soon, 'prohibited');
        expect(verdict.allowed).toBe(false);
        expect(verdict.reasons[0]).toMatch(/ is refused\. The project’s risk assessment finds a practice the EU AI Act prohibits: nothing may be deployed or served\./);
      }
      expect(mayProceed(policy, 'train', dataset(), review(standard, empty(), dataset(), 'data-ethics-review', REVIEWED, 'approve'), soon, 'prohibited').allowed).toBe(true);
    }
    expect(mayProceed(standard, 'deploy', model(), slaApproved(), soon, 'high').allowed).toBe(true);
  });

  it('a waiver allows until it expires, by the injected clock', () => {
    const records = waiveSla(empty(), '2026-03-08T10:00:00.000Z');
    expect(mayProceed(standard, 'canary', model(), records, Date.parse('2026-03-08T09:59:59.999Z'))).toMatchObject({ allowed: true, notes: [expect.stringMatching(/^Performance SLA: Waived until 2026-03-08/)] });
    expect(mayProceed(standard, 'canary', model(), records, Date.parse('2026-03-08T10:00:00.000Z')).allowed).toBe(false);
  });

  it('refuses an object of the wrong kind', () => {
    expect(mayProceed(standard, 'deploy', dataset(), empty(), soon)).toMatchObject({ allowed: false, reasons: ['deploy is decided for a model version, not a dataset version.'] });
  });
});

describe('mayProceed: serve', () => {
  it('keeps serving an approved version, and one overdue for re-review (with a note) until it lapses', () => {
    expect(mayProceed(standard, 'serve', model(), slaApproved(), soon).allowed).toBe(true);
    const due = mayProceed(standard, 'serve', model(), slaApproved(), soon + 95 * DAY);
    expect(due).toMatchObject({ allowed: true, notes: [expect.stringMatching(/^Performance SLA: .*due for re-review since 2026-05-30/)] });
  });

  it('stops serving a version whose re-review was rejected, even while another review is pending', () => {
    let records = review(standard, slaApproved(), model(), 'performance-sla', '2026-04-01T10:00:00.000Z', 'reject');
    const verdict = mayProceed(standard, 'serve', model(), records, Date.parse('2026-04-02T00:00:00.000Z'));
    expect(verdict).toMatchObject({ allowed: false, reasons: ['Serving this version needs Performance SLA: Rejected by Dee (engineering-lead) on 2026-04-01: Not yet.'] });
    records = review(standard, records, model(), 'performance-sla', '2026-04-03T10:00:00.000Z', null);
    expect(mayProceed(standard, 'serve', model(), records, Date.parse('2026-04-04T00:00:00.000Z')).allowed).toBe(false);
  });

  it('stops serving once the approval lapsed (re-review period plus grace)', () => {
    expect(mayProceed(standard, 'serve', model(), slaApproved(), Date.parse(REVIEWED) + 3_600_000 + 104 * DAY - 1).allowed).toBe(true);
    const lapsed = mayProceed(standard, 'serve', model(), slaApproved(), Date.parse(REVIEWED) + 3_600_000 + 104 * DAY);
    expect(lapsed.allowed).toBe(false);
    expect(lapsed.gates[0].status).toBe('lapsed');
  });

  it('stops serving when the waiver it ran under expired; a waiver over a rejection keeps it serving until then', () => {
    const records = waiveSla(empty(), '2026-03-08T10:00:00.000Z');
    expect(mayProceed(standard, 'serve', model(), records, Date.parse('2026-03-08T09:00:00.000Z')).allowed).toBe(true);
    expect(mayProceed(standard, 'serve', model(), records, Date.parse('2026-03-08T10:00:00.000Z')).allowed).toBe(false);
    const overRejection = waiveSla(review(standard, empty(), model(), 'performance-sla', REVIEWED, 'reject'), '2026-03-08T10:00:00.000Z');
    expect(mayProceed(standard, 'serve', model(), overRejection, Date.parse('2026-03-05T00:00:00.000Z')).allowed).toBe(true);
  });

  it('keeps serving a version deployed before any review (nothing was lost), though deploying it again is gated', () => {
    expect(mayProceed(standard, 'serve', model(), empty(), soon).allowed).toBe(true);
    expect(mayProceed(standard, 'deploy', model(), empty(), soon).allowed).toBe(false);
  });
});
