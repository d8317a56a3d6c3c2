import { describe, expect, it } from 'vitest';
import { createSampleProject } from '$lib/db/sampleProject';
import { rmfFacts } from '$lib/db/rmfFacts';
import { freshDbsPerTest, seedEveryTable } from './testDb';

const open = freshDbsPerTest();

describe('rmfFacts', () => {
  it('reads the sample: Standard policy with both deciding roles held, the canvas and criteria, no risk answers or documents yet', async () => {
    const db = open();
    const sample = (await createSampleProject(db))!;
    const facts = await rmfFacts(db, sample.id);
    expect(facts).toMatchObject({
      policy: { name: 'Standard', version: 1, gates: 2 },
      people: { count: 2, decidingRoles: 2, rolesHeld: 2 },
      riskTier: null,
      documents: { datasheet: null, modelCard: null },
      registeredVersions: 0,
      serving: { deployed: false, deployments: 0 },
    });
    expect(facts.criteria).toBeGreaterThan(0);
    expect(facts.canvas.filled).toBeGreaterThan(0);
    expect(facts.auditEntries).toBeGreaterThan(0);
  });

  it('counts a project’s own records only: versions, serving, monitoring, decisions, documents, risk tier', async () => {
    const db = open();
    const [a, b] = await Promise.all([db.projects.add({ id: 'a', name: 'A', description: '', createdAt: '', updatedAt: '' }), db.projects.add({ id: 'b', name: 'B', description: '', createdAt: '', updatedAt: '' })]);
    await seedEveryTable(db, a, 'a');
    await seedEveryTable(db, b, 'b');
    await db.riskAssessments.add({ id: 'r', projectId: a, answers: {} as never, tier: 'high', by: null, at: '2026-01-01T00:00:00.000Z' });
    const doc = { projectId: a, kind: 'datasheet' as const, subjectId: 'dv', fields: {}, parentId: null, createdAt: '', transitions: [] };
    await db.documents.bulkAdd([{ ...doc, id: 'd1', version: 1, status: 'approved' }, { ...doc, id: 'd2', version: 2, status: 'draft' }, { ...doc, id: 'd3', kind: 'model-card', version: 1, status: 'archived' }]);
    const facts = await rmfFacts(db, a);
    expect(facts).toMatchObject({
      riskTier: 'high',
      registeredVersions: 1,
      serving: { deployed: true, deployments: 1, rollbacks: 0, canRollBack: false },
      monitoring: { healthChecks: 1, predictions: 1, driftReports: 1 },
      decisions: { approvals: 1, rejectionsOrChanges: 0, waivers: 1 },
      data: { checkRuns: 1, ethicsAnswers: 1, slices: 1 },
      documents: { datasheet: 'approved', modelCard: null },
    });
  });
});
