import { describe, expect, it } from 'vitest';
import { listPolicyVersions, publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { readAuditChain } from '$lib/db/audit';
import type { BackupFiles } from '$lib/core/backup/backupFiles';
import { assessStoredBackups, backupPass, restoreFromBackups } from '$lib/core/backup/backupPass';
import { backupSource } from '$lib/db/backupSource';
import { createProject, listProjects, renameProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { importSnapshot } from '$lib/db/snapshot';
import { addPerson } from '$lib/db/governancePeople';
import { markCheckReviewed, readReviewEvidence, recordCheckRun, saveEthicsAnswers } from '$lib/db/datasetReview';
import { datasetVersionFacts } from '$lib/db/governanceFacts';
import { cleanChecks, freshDbsPerTest, makeRows, storedRowCount } from './testDb';

const open = freshDbsPerTest();

function memoryFiles(): BackupFiles {
  const files = new Map<string, string>();
  return {
    read: async (name) => files.get(name) ?? null,
    write: async (name, text) => void files.set(name, text),
    remove: async (name) => void files.delete(name),
  };
}

describe('backups of a real database', () => {
  it('change with the project, and a lost database is restored from them with its rows, governance and review evidence', async () => {
    const db = open();
    const project = await createProject(db, { name: 'First project' });
    const version = await createDatasetVersion(db, {
      projectId: project.id, source: { name: 'first.csv' }, message: 'first', schema: [{ name: 'text', type: 'text' }, { name: 'label', type: 'label' }], rows: makeRows(50),
    });
    const source = backupSource(db);
    const first = await source.fingerprint(project.id);
    expect(await source.fingerprint(project.id)).toBe(first);
    await renameProject(db, project.id, 'First project, renamed');
    expect(await source.fingerprint(project.id)).not.toBe(first);
    // Governance is part of the project: publishing a policy changes the backup too.
    const renamed = await source.fingerprint(project.id);
    await startFromTemplate(db, project.id, 'standard');
    await publishPolicy(db, project.id, 'Ana');
    expect(await source.fingerprint(project.id)).not.toBe(renamed);
    // The Data Ethics Review's evidence: a check run, a mark, answers.
    const lee = await addPerson(db, { projectId: project.id, name: 'Lee', roles: ['ethics-reviewer'], by: 'Ana' });
    await recordCheckRun(db, version.id, cleanChecks(version.contentHash, 50));
    await markCheckReviewed(db, { datasetVersionId: version.id, check: 'class-mix', personId: lee.id, note: 'Even enough' });
    await saveEthicsAnswers(db, { datasetVersionId: version.id, personId: lee.id, answers: { intendedUse: 'Routing', whoCouldBeHarmed: 'Customers', consent: 'Terms' } });

    const files = memoryFiles();
    expect((await backupPass(files, source)).written).toEqual([project.id]);
    expect((await assessStoredBackups(files, source)).state).toBe('current');

    // The browser discards the database: a new, empty one takes its place.
    const fresh = open();
    const freshSource = backupSource(fresh);
    const lost = await assessStoredBackups(files, freshSource);
    expect(lost.state === 'lost' && lost.projects.map((p) => p.name)).toEqual(['First project, renamed']);
    const result = await restoreFromBackups(files, freshSource, async (text) => (await importSnapshot(fresh, text)).project);
    expect(result.failed).toEqual([]);
    expect((await listProjects(fresh)).map((p) => p.name)).toEqual(['First project, renamed']);
    expect(await storedRowCount(fresh)).toBe(50);
    // The same project again: its policy, and its trail with the very same hashes.
    expect(await listPolicyVersions(fresh, project.id)).toEqual(await listPolicyVersions(db, project.id));
    const chain = await readAuditChain(db, project.id);
    expect((await readAuditChain(fresh, project.id)).slice(0, chain.length).map((e) => e.hash)).toEqual(chain.map((e) => e.hash));
    // Its review evidence, as stored and as the gate reads it.
    expect(await readReviewEvidence(fresh, project.id)).toEqual(await readReviewEvidence(db, project.id));
    expect(await datasetVersionFacts(fresh, version.id)).toEqual(await datasetVersionFacts(db, version.id));
    expect((await datasetVersionFacts(fresh, version.id)).answers).toMatchObject({ intendedUse: 'Routing', by: 'Lee' });
    expect((await assessStoredBackups(files, freshSource)).state).toBe('current');
  });
});
