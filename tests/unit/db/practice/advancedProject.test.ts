import { describe, expect, it } from 'vitest';
import { createAdvancedProject } from '$lib/db/practice/advancedProject';
import { currentPolicy } from '$lib/db/governancePolicy';
import { listPeople } from '$lib/db/governancePeople';
import { currentRiskAssessment } from '$lib/db/riskAssessments';
import { getCanvas } from '$lib/db/canvas';
import { countRows } from '$lib/db/datasets';
import { freshDbsPerTest } from '../testDb';

const fresh = freshDbsPerTest();

describe('the advanced mission’s project', () => {
  it('starts framed, with split messages and criteria, and ungoverned', async () => {
    const db = fresh();
    const { project, version } = await createAdvancedProject(db);
    expect(project.name).toBe('Practice: governed hardship routing');
    expect(await countRows(db, version.id)).toBe(900);
    expect(version.split).toMatchObject({ method: 'stratified', seed: 'practice-governed-1', counts: { train: 630, validation: 135, test: 135 } });
    expect((await getCanvas(db, project.id)).criteria.length).toBeGreaterThan(0);
    expect(await currentPolicy(db, project.id)).toBeNull();
    expect(await listPeople(db, project.id)).toEqual([]);
    expect(await currentRiskAssessment(db, project.id)).toBeUndefined();
  });
});
