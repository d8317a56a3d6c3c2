import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { readAuditChain } from '$lib/db/audit';
import { discardDraft, editCurrentPolicy, getDraft, listPolicyVersions, publishPolicy, saveDraft, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson, listPeople, removePerson } from '$lib/db/governancePeople';
import { policyTemplate } from '$lib/core/governance/templates';
import { expectRefused, freshDbsPerTest } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Governed' })).id;
});

describe('editing the current policy', () => {
  it('never overwrites a draft saved while it runs (one transaction)', async () => {
    await startFromTemplate(db, projectId, 'standard');
    await publishPolicy(db, projectId, 'Ana');
    const light = policyTemplate('light');
    // Another tab saves a draft while this one asks to edit the current policy.
    const [edited] = await Promise.all([editCurrentPolicy(db, projectId), saveDraft(db, projectId, light)]);
    expect(edited).toMatchObject({ version: 2, basedOn: 1 });
    expect((await getDraft(db, projectId))?.data).toEqual(light);
  });

  it('leaves the database as it was when it fails', async () => {
    await expectRefused(db, () => editCurrentPolicy(db, projectId), 'No policy is published yet');
    await expectRefused(db, () => editCurrentPolicy(db, 'no-such-project'), 'No policy is published yet');
  });

  it('discards the draft and keeps the published versions', async () => {
    await startFromTemplate(db, projectId, 'light');
    await publishPolicy(db, projectId, 'Ana');
    await editCurrentPolicy(db, projectId);
    await discardDraft(db, projectId);
    expect(await getDraft(db, projectId)).toBeNull();
    expect((await listPolicyVersions(db, projectId)).map((v) => v.version)).toEqual([1]);
  });
});

describe('removing a person', () => {
  it('removes them with an audit entry naming who removed whom', async () => {
    const ana = await addPerson(db, { projectId, name: 'Ana', roles: ['approver'], by: 'Ana' });
    const lee = await addPerson(db, { projectId, name: 'Lee', roles: [], by: 'Ana' });
    await removePerson(db, { personId: lee.id, by: 'Ana' });
    expect(await listPeople(db, projectId)).toEqual([ana]);
    expect((await readAuditChain(db, projectId)).at(-1)).toMatchObject({ action: 'governance.person.remove', actor: 'Ana', detail: 'Removed Lee (no role)', refs: { personId: lee.id } });
    await expectRefused(db, () => removePerson(db, { personId: lee.id, by: 'Ana' }), 'That person no longer exists.');
  });
});
