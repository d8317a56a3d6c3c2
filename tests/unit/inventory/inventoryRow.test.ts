import { describe, expect, it } from 'vitest';
import { inventoryRows } from '$lib/core/inventory/inventoryRow';
import { grantWaiver } from '$lib/core/governance/waivers';
import { subjectOf } from '$lib/core/governance/subjects';
import { DEE, empty, model, modelFacts, published, retrained, review } from '../governance/fixtures';
import { projectFacts, versionFacts } from './fixtures';

const DAY = 86_400_000;
const APPROVED = '2026-03-01T10:00:00.000Z';

describe('inventoryRows', () => {
  it('lists every version of every project with tier, aliases and serving status; ungoverned projects block nothing', () => {
    const rows = inventoryRows(
      [
        projectFacts({
          projectName: 'Tickets',
          tier: 'high',
          versions: [versionFacts({}, { aliases: ['champion'] }), versionFacts({ modelVersionId: 'mv-2', version: 2, runId: 'run-b' }, { deprecatedSunset: '2026-06-30T00:00:00.000Z' })],
          traffic: [{ modelVersionId: 'mv-1', percent: 90, mode: 'serve' }, { modelVersionId: 'mv-2', percent: 10, mode: 'canary' }],
        }),
        projectFacts({
          projectId: 'p-2',
          projectName: 'Churn',
          versions: [
            versionFacts({ modelVersionId: 'mv-3', modelName: 'Churn', runId: 'run-c' }, { retired: true }),
            versionFacts({ modelVersionId: 'mv-4', modelName: 'Churn', version: 2, runId: 'run-d' }, { archived: true }),
            versionFacts({ modelVersionId: 'mv-5', modelName: 'Churn', version: 3, runId: 'run-e' }),
          ],
          traffic: [{ modelVersionId: 'mv-3', percent: 100, mode: 'serve' }],
        }),
      ],
      Date.parse('2026-04-01T00:00:00.000Z'),
    );
    expect(rows.map((r) => [r.projectName, `${r.modelName} v${r.version}`, r.tier, r.aliases, r.serving, r.servingText, r.gates, r.blocked])).toEqual([
      ['Churn', 'Churn v3', 'not assessed', [], 'registered', 'not deployed', [], false],
      ['Churn', 'Churn v2', 'not assessed', [], 'archived', 'archived', [], false],
      ['Churn', 'Churn v1', 'not assessed', [], 'retired', 'retired', [], false],
      ['Tickets', 'Classifier v2', 'high', [], 'canary', 'canary (10 %, deprecated, sunset 2026-06-30)', [], false],
      ['Tickets', 'Classifier v1', 'high', ['champion'], 'deployed', 'deployed (90 %)', [], false],
    ]);
  });

  it('shows each deploy gate’s state, the next review from the approval, and blocks promotion of an unapproved version', async () => {
    const policy = await published('standard');
    const records = review(policy, empty(), model(), 'performance-sla', '2026-03-01T09:00:00.000Z', 'approve');
    const facts = projectFacts({ policy, records, versions: [versionFacts(), versionFacts(retrained())] });
    const { days, graceDays } = policy.data.reReview;
    const dueAt = new Date(Date.parse(APPROVED) + days * DAY).toISOString();
    const [v2, v1] = inventoryRows([facts], Date.parse(dueAt) - 10 * DAY);
    expect(v1.gates).toEqual([{ gateId: 'performance-sla', name: 'Performance SLA', status: 'approved', words: 'approved' }]);
    expect(v1.review).toMatchObject({ kind: 'due', text: 'due in 10 days', at: dueAt });
    expect(v1).toMatchObject({ blocked: false, attention: [] });
    expect(v2.gates[0].status).toBe('stale');
    expect(v2.review.kind).toBe('none');
    expect(v2.blocked).toBe(true);
    expect(v2.blockedReasons[0]).toMatch(/^Making this version the champion needs Performance SLA/);
    expect(v2.attention).toEqual(['blocked']);

    const [, overdue] = inventoryRows([facts], Date.parse(dueAt) + DAY);
    expect(overdue.review.text).toBe(`overdue since ${dueAt.slice(0, 10)}`);
    expect(overdue.attention).toContain('overdue');
    const [, lapsed] = inventoryRows([facts], Date.parse(dueAt) + (graceDays + 1) * DAY);
    expect(lapsed.review.kind).toBe('lapsed');
    expect(lapsed.attention).toEqual(['lapsed', 'blocked']);
  });

  it('counts the waivers in force on the version with the nearest expiry', async () => {
    const policy = await published('standard');
    const now = Date.parse('2026-04-01T00:00:00.000Z');
    const waiver = (id: string, expiresAt: string) => {
      const w = grantWaiver(policy, { id, gateId: 'performance-sla', subject: subjectOf(model()), by: DEE, role: 'engineering-lead', reason: 'pilot', owner: 'Dee', expiresAt, at: '2026-03-30T00:00:00.000Z' });
      if (!w.ok) throw new Error(w.reason);
      return w.record;
    };
    const records = { ...empty(), policies: [policy], waivers: [waiver('w1', '2026-06-01T00:00:00.000Z'), waiver('w2', '2026-05-01T00:00:00.000Z'), waiver('w3', '2026-03-31T00:00:00.000Z')] };
    const [row] = inventoryRows([projectFacts({ policy, records })], now);
    expect(row.waivers).toEqual({ count: 2, nearestExpiry: '2026-05-01T00:00:00.000Z' });
    expect(row.gates[0].status).toBe('waived');
    expect(row.attention).toEqual(['waived']);
  });

  it('shows the newest drift report on traffic compared with the version’s training data', () => {
    const drift = [
      { referenceId: 'dv-1', at: '2026-03-05T00:00:00.000Z', drifted: 2, checks: 5, datasetDrift: true },
      { referenceId: 'dv-9', at: '2026-03-06T00:00:00.000Z', drifted: 0, checks: 5, datasetDrift: false },
    ];
    const [other, mine] = inventoryRows([projectFacts({ drift, versions: [versionFacts(), versionFacts({ ...modelFacts(), modelVersionId: 'mv-2', version: 2, datasetVersionId: 'dv-2' })] })], 0);
    expect(mine.drift).toEqual(drift[0]);
    expect(other.drift).toBeNull();
  });
});
