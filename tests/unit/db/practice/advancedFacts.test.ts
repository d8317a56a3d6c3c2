import { describe, expect, it } from 'vitest';
import { gatherAdvancedFacts } from '$lib/db/practice/advancedFacts';
import { beginMissionAttempt } from '$lib/db/practice/missions';
import { publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson } from '$lib/db/governancePeople';
import { grantWaiverFor, recordDecision, requestReviewFor } from '$lib/db/governance';
import { saveRiskAssessment } from '$lib/db/riskAssessments';
import { setPlaybookTick } from '$lib/db/playbooks';
import { checkMission } from '$lib/core/practice/catalogue';
import { freshDbsPerTest } from '../testDb';
import { servedProject } from '../servedProject';

const fresh = freshDbsPerTest();

describe('the advanced mission’s facts', () => {
  it('are empty for a mission without a project', async () => {
    const db = fresh();
    const record = await beginMissionAttempt(db, { id: 'advanced', projectId: null });
    expect(await gatherAdvancedFacts(db, record)).toMatchObject({ riskTier: null, policies: [], reviews: [], waivers: [], playbook: { total: 0 } });
  });

  it('read the governance stores of the mission’s project: each step ticks as the learner governs it', async () => {
    const db = fresh();
    const served = await servedProject(db);
    const projectId = served.project.id;
    const record = await beginMissionAttempt(db, { id: 'advanced', projectId });
    const model = { kind: 'model-version' as const, id: served.modelVersion.id };
    const before = await gatherAdvancedFacts(db, record);
    expect(checkMission({ mission: 'advanced', facts: before }).done).toBe(0);
    expect(before.playbook).toMatchObject({ done: 0, total: 5 });

    await saveRiskAssessment(db, projectId, { 'intended-use': ['essential-services'] }, { personId: 'x', name: 'Ana' });
    await startFromTemplate(db, projectId, 'high-risk');
    await publishPolicy(db, projectId, 'Ana');
    const people = [];
    for (const [name, role] of [['Pat', 'product-owner'], ['Eli', 'engineering-lead'], ['Lou', 'legal-counsel'], ['Ezra', 'ethics-reviewer'], ['Ana', 'product-owner']] as const) {
      people.push(await addPerson(db, { projectId, name, roles: [role], by: 'Ana' }));
    }
    const [pat, eli, , , ana] = people;
    // A council review, settled by one member's rejection; and the Performance SLA sent back by its decider.
    const council = await requestReviewFor(db, { projectId, gateId: 'council-review', object: model, personId: ana.id, note: '' });
    await recordDecision(db, { projectId, requestId: council.id, personId: pat.id, role: 'product-owner', outcome: 'reject', comment: 'Nobody can appeal its answer' });
    const sla = await requestReviewFor(db, { projectId, gateId: 'performance-sla', object: model, personId: ana.id, note: '' });
    await recordDecision(db, { projectId, requestId: sla.id, personId: eli.id, role: 'engineering-lead', outcome: 'request-changes', comment: 'Measure p99 first' });
    await grantWaiverFor(db, { projectId, gateId: 'model-card-approval', object: model, personId: people[3].id, role: 'ethics-reviewer', reason: 'Card under review', owner: 'Ezra', expiresAt: '2099-01-31T00:00:00.000Z' });
    await db.requestLogs.add({ projectId, at: '2026-12-05T09:00:00.000Z', route: '/api/v1/predict', method: 'POST', status: 403, code: 'gate_not_approved', latencyMs: 1 });
    await db.requestLogs.add({ projectId, at: '2026-12-05T09:01:00.000Z', route: '/api/v1/predict', method: 'POST', status: 422, code: 'contract_violation', latencyMs: 1 });
    await setPlaybookTick(db, projectId, 'govern.re-review', true, null);

    const facts = await gatherAdvancedFacts(db, record);
    expect(facts.riskTier).toBe('high');
    expect(facts.policies).toEqual([{ version: 1, name: 'High-risk', modelGates: ['Data Ethics Review'], deployGates: ['Performance SLA', 'Model card approval', 'Council review'] }]);
    const subject = `${served.modelVersion.modelName} v${served.modelVersion.version}`;
    expect(facts.reviews).toEqual([
      expect.objectContaining({ gate: 'Council review', council: true, subject, status: 'rejected', summary: expect.stringContaining('Nobody can appeal') }),
      expect.objectContaining({ gate: 'Performance SLA', council: false, subject, status: 'changes-requested', summary: 'Changes asked for by Eli: Measure p99 first' }),
    ]);
    expect(facts.refusals.map((r) => [r.gate, r.outcome, r.by])).toEqual([['Council review', 'reject', 'Pat'], ['Performance SLA', 'request-changes', 'Eli']]);
    expect(facts.refusedRequests).toEqual({ count: 1, lastAt: '2026-12-05T09:00:00.000Z' });
    expect(facts.waivers).toEqual([expect.objectContaining({ gate: 'Model card approval', subject, owner: 'Ezra', expiresAt: '2099-01-31T00:00:00.000Z' })]);
    // "Clear every gate" is still open: the rejections hold the version back.
    expect(facts.playbook.open).toEqual(['Clear every gate by a decision or a waiver']);
    const progress = checkMission({ mission: 'advanced', facts });
    expect(progress.steps.filter((s) => s.done).map((s) => s.step.id)).toEqual(['policy-both-gates', 'gate-blocked', 'council-review', 'waiver']);
  });
});
