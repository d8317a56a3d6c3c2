import { beforeAll, describe, expect, it } from 'vitest';
import { governanceOverview, type GovernedObjectInput } from '$lib/core/governance/overview';
import { reReviewAlerts } from '$lib/core/governance/reReviewAlerts';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import { dataset, empty, model, published, retrained, review } from './fixtures';

let standard: PublishedPolicy;
beforeAll(async () => {
  standard = await published('standard');
});

// Standard: re-review after 90 days, 14 days' grace. Decisions are made one hour after the request.
const objects = (): GovernedObjectInput[] => [
  { facts: dataset(), roles: ['newest'] },
  { facts: model(), roles: ['registered', 'served'] },
  { facts: model(retrained()), roles: ['registered'] },
];
const records = () => {
  let r = review(standard, empty(), dataset(), 'data-ethics-review', '2026-03-01T09:00:00.000Z', 'approve');
  r = review(standard, r, model(), 'performance-sla', '2026-01-01T09:00:00.000Z', 'approve');
  return review(standard, r, model(retrained()), 'performance-sla', '2026-01-20T09:00:00.000Z', 'approve');
};
const alertsAt = (iso: string) => reReviewAlerts(governanceOverview(standard, records(), objects(), Date.parse(iso)), Date.parse(iso));

describe('reReviewAlerts', () => {
  it('lists nothing while every approval is far from its re-review date', () => {
    expect(alertsAt('2026-03-02T00:00:00.000Z')).toEqual([]);
  });

  it('mentions an approval due within 14 days ahead of time, with the days left', () => {
    expect(alertsAt('2026-03-20T10:00:00.000Z').map((a) => [a.level, a.text])).toEqual([['soon', 'Performance SLA of Classifier v1: re-review due on 2026-04-01 (in 12 days).']]);
  });

  it('lists lapsed approvals first, then overdue ones, then those due soon, each saying what it means now', () => {
    expect(alertsAt('2026-04-16T00:00:00.000Z').map((a) => [a.level, a.label])).toEqual([['lapsed', 'Classifier v1'], ['soon', 'Classifier v2']]);
    const alerts = alertsAt('2026-04-25T00:00:00.000Z');
    expect(alerts.map((a) => [a.level, a.label])).toEqual([['lapsed', 'Classifier v1'], ['overdue', 'Classifier v2']]);
    expect(alerts[0].text).toBe('Performance SLA of Classifier v1: the approval lapsed on 2026-04-15 — it may not serve or be promoted until re-approved.');
    expect(alerts[1].text).toBe('Performance SLA of Classifier v2: re-review overdue since 2026-04-20 — it may not be promoted or deployed, and stops serving on 2026-05-04 unless re-approved.');
  });
});
