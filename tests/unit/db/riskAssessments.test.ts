import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { currentRiskAssessment, riskAssessmentsOf, saveRiskAssessment } from '$lib/db/riskAssessments';
import { listAudit } from '$lib/db/audit';
import { expectRefused, freshDbsPerTest } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Assessed' })).id;
});

const NOOR = { personId: 'p1', name: 'Noor Haddad' };

describe('risk assessments', () => {
  it('keeps every saved assessment and reads the newest as current, with the tier the answers give', async () => {
    expect(await currentRiskAssessment(db, projectId)).toBeUndefined();
    await saveRiskAssessment(db, projectId, { 'intended-use': ['none'] }, NOOR);
    const high = await saveRiskAssessment(db, projectId, { 'intended-use': ['employment'] }, NOOR);
    expect(high.tier).toBe('high');
    expect((await currentRiskAssessment(db, projectId))?.id).toBe(high.id);
    expect((await riskAssessmentsOf(db, projectId)).map((a) => a.tier)).toEqual(['minimal', 'high']);
    const audit = await listAudit(db, projectId);
    expect(audit[0]).toMatchObject({ action: 'governance.risk', actor: 'Noor Haddad', detail: 'Risk tier minimal → high' });
  });

  it('refuses answers that do not fit the questionnaire and writes nothing', async () => {
    await expectRefused(db, () => saveRiskAssessment(db, projectId, { 'intended-use': ['fortune-telling'] }, NOOR), /intended-use\/0: must be one of/);
    expect(await riskAssessmentsOf(db, projectId)).toEqual([]);
  });
});
