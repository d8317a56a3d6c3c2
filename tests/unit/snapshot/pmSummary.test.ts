import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { exportSnapshot } from '$lib/db/snapshot';
import { loadLifecycleSummary } from '$lib/db/summary';
import { lifecycleSummaryOf, pmSummary } from '$lib/core/snapshot/pmSummary';
import { modelsText, pmSummaryMarkdown } from '$lib/core/snapshot/pmSummaryMarkdown';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { freshDb } from '../db/testDb';
import { pmGovernance } from '$lib/core/snapshot/pmGovernance';
import { governanceOverview } from '$lib/core/governance/overview';
import { grantWaiver } from '$lib/core/governance/waivers';
import { subjectOf } from '$lib/core/governance/subjects';
import { DEE, dataset, empty, model, published, relabelled, review } from '../governance/fixtures';
import { livedInProject, type LivedIn } from './fixture';

let db: LifecycleDatabase;
let lived: LivedIn;
let doc: SnapshotDocument;

beforeAll(async () => {
  db = freshDb();
  lived = await livedInProject(db);
  doc = await exportSnapshot(db, lived.project.id, { now: '2026-03-05T00:00:00.000Z' });
}, 60_000);

afterAll(async () => {
  await db.delete();
});

describe('pmSummary', () => {
  it('judges the stages from the document exactly as the app does from the database', async () => {
    const fromDb = await loadLifecycleSummary(db, lived.project.id);
    const fromDoc = lifecycleSummaryOf(doc);
    // Except the gates: with a published policy the app judges them as of now from the stored
    // facts (core/governance/stageGates.ts); a document keeps the gate records it was given.
    const withoutGates = ({ gates: _gates, ...s }: typeof fromDb) => s;
    expect(withoutGates(fromDoc)).toEqual(withoutGates(fromDb));
    expect(fromDb.gates).toEqual([{ stage: 'model', status: 'waived' }, { stage: 'deploy', status: 'waived' }]);
  });

  it('summarises stages, champion against criteria, drift, gates, deployment and monitoring', () => {
    const s = pmSummary(doc);
    expect(s.stages.map((x) => [x.id, x.status])).toEqual([
      ['frame', 'done'], ['data', 'done'], ['model', 'done'], ['deploy', 'done'], ['monitor', 'done'], ['govern', 'in-progress'],
    ]);
    expect(s.champion).toEqual({ label: 'ticket-router v1', runNumber: 1, datasetVersion: 4, createdAt: expect.any(String) });
    expect(s.criteria.map((c) => [c.id, c.status, c.source])).toEqual([
      ['ticket-accuracy-test', 'pass', 'run'],
      ['ticket-latency-p99', 'pass', 'production'],
      ['ticket-macro-f1-test', expect.stringMatching(/pass|fail/), 'run'],
    ]);
    expect(s.criteria[0].measured).toBe(0.91);
    // The note is kept apart from the criterion.
    expect(s.criteria[1]).toMatchObject({ text: 'p99 latency on production <= 200 ms', note: 'single prediction through /api/v1/predict' });
    expect(s.criteria[0].margin).toBeCloseTo(0.01, 10);
    expect(s.openGates).toEqual([{ stage: 'deploy', name: 'Performance SLA', status: 'pending', requirement: 'p99 ≤ 200 ms' }]);
    expect(s.drift).toEqual({ reports: 1, latest: { createdAt: '2026-03-04T00:00:00.000Z', title: 'Drift: 1 of 4 columns drifted' } });
    expect(s.deployment).toMatchObject({ served: 'ticket-router v1', alias: 'champion', canary: null, deployments: 3, rollbacks: 1 });
    expect(s.monitoring).toMatchObject({ requests: 300, predictions: 294, availability: 294 / 300, alerts: 0 });
    expect(s.monitoring.errorRate).toBeCloseTo(6 / 300, 10);
  });

  it('shows the business figures of the last 7 days of traffic under the project\'s settings, in the view and the Markdown', () => {
    // The sample project: 3 minutes per right automatic decision, 10 per wrong one, €0.50 a minute, threshold 0.8.
    const b = pmSummary(doc).monitoring.business!;
    expect(b).toMatchObject({ unit: 'minutes', threshold: 0.8, answers: 294, automatic: 98, confirmedRight: 12, caughtWrong: 12, pending: 74, expectedFrom: 'calibration' });
    expect(b.automaticShare).toBeCloseTo(98 / 294, 12);
    expect(b.confirmedValue).toBe(12 * 3 - 12 * 10);
    // The traffic is younger than 7 days: the span starts with its first UTC day.
    expect([b.from, b.to]).toEqual(['2026-03-03T00:00:00.000Z', '2026-03-06T21:44:00.000Z']);
    expect(b.valuePerDay).toBeCloseTo((b.value * 86_400_000) / (Date.parse(b.to) - Date.parse(b.from)), 9);
    expect(b.money).toEqual({ currency: 'EUR', valuePerDay: b.valuePerDay! * 0.5 });
    expect(b.alerts).toHaveLength(2);
    const markdown = pmSummaryMarkdown(pmSummary(doc));
    expect(markdown).toContain('### Business value\n\nThe last 7 days of traffic (2026-03-03 00:00 to 2026-03-06 21:44 UTC).');
    expect(markdown).toContain('| Automatic decisions (confidence ≥ 0.8) | 98 of 294 answers (33.3 %) |');
    expect(markdown).toContain('| Wrong automatic decisions caught by outcomes | 12 |');
    expect(markdown).toMatch(/\| Net value per day \| -?[\d,.]+ minutes \(€[\d,.]+\) \|/);
    expect(markdown).toContain('- Automatic decisions were 33.3 % of answers from 2026-03-03 00:00 to 2026-03-06 21:44 UTC over 294 answers; target ≥ 60 %.');
    // A document from before business figures has none, and its summary says nothing about them.
    const older = { ...doc, monitoring: { ...doc.monitoring, business: undefined } };
    expect(pmSummary(older).monitoring.business).toBeNull();
    expect(pmSummaryMarkdown(pmSummary(older))).not.toContain('Business value');
  });

  it('measures the served version even when no version holds the champion alias, and names a champion that is not served', () => {
    const withAliases = (aliasesOf: (version: number) => string[]): SnapshotDocument => ({
      ...doc,
      registry: { ...doc.registry, modelVersions: doc.registry.modelVersions.map((v) => ({ ...v, aliases: aliasesOf(v.version) })) },
    });
    const noChampion = pmSummary(withAliases(() => []));
    expect(noChampion.champion).toBeNull();
    expect(noChampion.served).toMatchObject({ label: 'ticket-router v1', runNumber: 1 });
    expect(noChampion.criteriaOf).toBe('served');
    expect(noChampion.criteria[0]).toMatchObject({ status: 'pass', measured: 0.91, source: 'run' });
    expect(modelsText(noChampion)).toBe('Served: ticket-router v1 (run 1, dataset version 4). No model version holds the champion alias.');
    const otherChampion = pmSummary(withAliases((n) => (n === 2 ? ['champion'] : [])));
    expect(otherChampion.criteria[0].measured).toBe(0.91);
    expect(modelsText(otherChampion)).toMatch(/^Served: ticket-router v1 \(run 1, dataset version 4\)\. Champion: ticket-router v2 \(run 2, .*\), not served\.$/);
    const nothingServed = pmSummary({ ...doc, deployments: [] });
    expect([nothingServed.served, nothingServed.criteriaOf, modelsText(nothingServed)]).toEqual([null, 'champion', 'Champion: ticket-router v1 (run 1, dataset version 4). Nothing is served.']);
  });

  it('shows progress toward each key result from the measured criteria and business figures, in the view and the Markdown', () => {
    const withGoals: SnapshotDocument = { ...doc, canvas: { ...doc.canvas, objectives: [{ id: 'o1', text: 'Answer customers *faster*', keyResults: [
      { id: 'kr1', text: 'Tickets routed right', criterionIds: ['ticket-accuracy-test', 'ticket-latency-p99'], businessMetrics: [] },
      { id: 'kr2', text: 'Most tickets decided without a person', criterionIds: ['ticket-accuracy-test'], businessMetrics: ['automatic_share', 'net_value_per_day'] },
      { id: 'kr3', text: 'Nothing measures this yet', criterionIds: [], businessMetrics: [] },
    ] }] } };
    const [o] = pmSummary(withGoals).objectives;
    expect(o.keyResults.map((k) => [k.id, k.status, k.met, k.measures.length])).toEqual([['kr1', 'met', 2, 2], ['kr2', 'partly-met', 1, 3], ['kr3', 'no-measures', 0, 0]]);
    // The sample's targets: 60 % automatic (98 of 294 answers were) and 480 minutes a day.
    expect(o.keyResults[1].measures.slice(1).map((m) => [m.text, m.status])).toEqual([['Share of answers decided automatically ≥ 60 %', 'missed'], ['Estimated net value per day ≥ 480 minutes', 'missed']]);
    const noTarget = { ...withGoals, project: { ...withGoals.project, business: { ...withGoals.project.business!, targets: { automaticShare: 0.3, netValuePerDay: null } } } };
    expect(pmSummary(noTarget).objectives[0].keyResults[1]).toMatchObject({ status: 'met', met: 2, counted: 2, measures: [{}, { status: 'met' }, { status: 'no-target', text: 'Estimated net value per day' }] });
    expect(o.keyResults[1].measures[1].measured).toBeCloseTo(98 / 294, 12);
    const markdown = pmSummaryMarkdown(pmSummary(withGoals));
    expect(markdown).toContain('## Objectives and key results\n\n### Answer customers \\*faster\\*');
    expect(markdown).toContain('| Tickets routed right | 2 of 2 measures met — met | Accuracy on test \\>= 0.9: 91.0 % (met); p99 latency on production \\<= 200 ms:');
    expect(markdown).toContain('Share of answers decided automatically ≥ 60 %: 33.3 % (missed); Estimated net value per day ≥ 480 minutes: ');
    expect(markdown).toContain('| Nothing measures this yet | nothing measures it | — |');
    // A project without objectives has no such section.
    expect(pmSummary(doc).objectives).toEqual([]);
    expect(pmSummaryMarkdown(pmSummary(doc))).not.toContain('Objectives and key results');
  });

  it('writes a one-page Markdown summary', () => {
    const markdown = pmSummaryMarkdown(pmSummary(doc));
    expect(markdown.startsWith('# Support ticket triage — lifecycle summary\n')).toBe(true);
    expect(markdown).toContain('| Frame | done |');
    expect(markdown).toContain('| Govern | in progress | 2 gates: 1 pending, 1 approved |');
    expect(markdown).toContain('Served: ticket-router v1 (run 1, dataset version 4), which holds the champion alias.');
    expect(markdown).toContain('| Accuracy on test \\>= 0.9 | 91.0 % | pass | evaluation run |');
    expect(markdown).toMatch(/\| p99 latency on production \\<= 200 ms \(single prediction through \/api\/v1\/predict\) \| \d+\.\d ms \| pass \| live traffic \|/);
    expect(markdown).toContain('Serving ticket-router v1 as champion since');
    expect(markdown).toContain('| Performance SLA | deploy | pending | p99 ≤ 200 ms |');
    expect(markdown).toContain('Latest of 1 reports (2026-03-04T00:00:00.000Z): Drift: 1 of 4 columns drifted.');
  });

  it('adds the governance section when given: each gate state for the current versions, what is blocked, waivers in force', async () => {
    expect(pmSummary(doc).governance).toBeNull();
    expect(pmSummaryMarkdown(pmSummary(doc))).not.toContain('## Governance');

    const standard = await published('standard');
    const reviewedAt = '2026-03-01T10:00:00.000Z';
    const now = Date.parse(reviewedAt) + 2 * 86_400_000;
    const approved = review(standard, empty(), model(), 'performance-sla', reviewedAt, 'approve');
    const waiver = grantWaiver(standard, { id: 'w', gateId: 'data-ethics-review', subject: subjectOf(dataset()), reason: 'Pilot *only* <b>', owner: 'Ben', by: DEE, role: 'ethics-reviewer', at: reviewedAt, expiresAt: '2026-03-06T10:00:00.000Z' });
    if (!waiver.ok) throw new Error(waiver.reason);
    const records = { ...approved, waivers: [waiver.record] };
    const objects = [{ facts: dataset(relabelled()), roles: ['newest' as const] }, { facts: dataset(), roles: ['trained-on' as const] }, { facts: model(), roles: ['served' as const] }];
    const s = pmSummary(doc, pmGovernance(governanceOverview(standard, records, objects, now)));
    expect(s.governance?.policy).toEqual({ name: 'Standard', version: 1, hash: standard.hash });
    expect(s.governance?.gates.map((g) => [g.name, g.objects.map((o) => [o.label, o.statusText])])).toEqual([
      ['Data Ethics Review', [['dataset v2', 'not requested'], ['dataset v1', 'waived']]],
      ['Performance SLA', [['Classifier v1', 'approved']]],
    ]);
    expect(s.governance?.blocked).toEqual(['Training on dataset v2 is blocked: Data Ethics Review — No review requested yet.']);
    expect(s.governance?.waivers).toEqual([{ gate: 'Data Ethics Review', object: 'dataset v1', expiresAt: '2026-03-06T10:00:00.000Z', daysLeft: 3, expiringSoon: true, owner: 'Ben', reason: 'Pilot *only* <b>', grantedBy: 'Dee (ethics-reviewer)' }]);

    const markdown = pmSummaryMarkdown(s);
    expect(markdown).toContain(`## Governance\n\nPolicy: Standard v1 (hash ${standard.hash.slice(0, 12)}).`);
    expect(markdown).toContain('| Data Ethics Review | dataset v2 | not requested | No review requested yet. |');
    expect(markdown).toMatch(/\| Performance SLA \| Classifier v1 \| approved \| Approved by Dee \(engineering-lead\) on 2026-03-01 under policy v1; re-review due 2026-05-30\. \|/);
    expect(markdown).toContain('### Blocked now\n\n- Training on dataset v2 is blocked: Data Ethics Review — No review requested yet.');
    // Text from the records stays literal: no emphasis, no HTML.
    expect(markdown).toContain('| Data Ethics Review | dataset v1 | 2026-03-06 (3 days left, expiring soon) | Ben | Pilot \\*only\\* \\<b\\> |');

    const none = pmSummaryMarkdown(pmSummary(doc, pmGovernance(governanceOverview(null, empty(), [], now))));
    expect(none).toContain('## Governance\n\nNo governance policy is published: nothing is gated.\n');
  });
});
