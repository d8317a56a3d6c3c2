/**
 * The Data Ethics Review's evidence travels with the project: a project whose review was approved
 * on a stored check run, three "reviewed" marks and written answers is exported and imported —
 * into another database under the same ids, and beside itself as a copy under fresh ids — and the
 * imported dataset version reads the same evidence, every item passes, the gate reads approved
 * and training is allowed. A masked export masks what people wrote.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DatasetVersionRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { addPerson, listPeople } from '$lib/db/governancePeople';
import { publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { recordDecision, requestReviewFor } from '$lib/db/governance';
import { markCheckReviewed, readReviewEvidence, saveEthicsAnswers } from '$lib/db/datasetReview';
import { datasetVersionFacts } from '$lib/db/governanceFacts';
import { gateInputs, verdictAt } from '$lib/db/governanceGate';
import { exportSnapshot, importSnapshot } from '$lib/db/snapshot';
import { REVIEWED_CHECKS } from '$lib/core/governance/facts';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import { normalizeForComparison } from '$lib/core/snapshot/normalizeForComparison';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { DatasetStates } from '$lib/workers/datasetStates';
import { explorationHandlers } from '$lib/workers/explorationHandlers';
import { datasetEditHandlers } from '$lib/workers/datasetEditHandlers';
import { testContext } from '../workers/rpcContext';
import { freshDbsPerTest, makeRows } from '../db/testDb';

const open = freshDbsPerTest();
const ANSWERS = { intendedUse: 'Route requests to a team.', whoCouldBeHarmed: 'People whose request waits longer (ask ana@example.com).', consent: 'Given under the service terms.' };

let source: LifecycleDatabase;
let projectId: string;
let split: DatasetVersionRecord;
let doc: SnapshotDocument;
let text: string;

/** Standard published; a split version checked, its three checks marked by Ana, answered, and its review approved by Noor. */
beforeEach(async () => {
  source = open();
  projectId = (await createProject(source, { name: 'Reviewed' })).id;
  const base = await createDatasetVersion(source, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(30, ['a', 'b', 'c']) });
  await startFromTemplate(source, projectId, 'standard');
  await publishPolicy(source, projectId, 'Ana');
  const ana = await addPerson(source, { projectId, name: 'Ana', roles: [], by: 'Ana' });
  const noor = await addPerson(source, { projectId, name: 'Noor', roles: ['ethics-reviewer'], by: 'Ana' });
  const states = new DatasetStates(source);
  split = await datasetEditHandlers(source, states).split({ type: 'split', versionId: base.id, method: 'stratified', ratios: [0.6, 0.2, 0.2], seed: 's' }, testContext());
  await explorationHandlers(source, states).checks({ type: 'checks', versionId: split.id, slices: [] }, testContext());
  for (const check of REVIEWED_CHECKS) await markCheckReviewed(source, { datasetVersionId: split.id, check, personId: ana.id, note: `Looked at ${check} with ana@example.com` });
  await saveEthicsAnswers(source, { datasetVersionId: split.id, personId: ana.id, answers: ANSWERS });
  const object = { kind: 'dataset-version', id: split.id } as const;
  const request = await requestReviewFor(source, { projectId, gateId: 'data-ethics-review', object, personId: ana.id, note: '' });
  await recordDecision(source, { projectId, requestId: request.id, personId: noor.id, role: 'ethics-reviewer', outcome: 'approve', comment: 'Fine' });
  doc = await exportSnapshot(source, projectId, { includeRows: true, now: '2026-03-05T00:00:00.000Z' });
  text = serializeSnapshot(doc);
});

/** How the Data Ethics Review reads for the project's split version: its facts (without its id), each evidence item, the gate, training. */
async function review(db: LifecycleDatabase, project: string) {
  const version = (await db.datasetVersions.where('projectId').equals(project).toArray()).find((v) => v.number === split.number)!;
  const { datasetVersionId: _id, ...facts } = await datasetVersionFacts(db, version.id);
  const verdict = verdictAt(await gateInputs(db, project, { kind: 'dataset-version', id: version.id }), 'train', Date.now());
  const [gate] = verdict.gates;
  return { facts, gate: gate.gate.id, status: gate.status, evidence: gate.evidence.map((e) => [e.id, e.status]), allowed: verdict.allowed };
}

describe('snapshots carry the Data Ethics Review’s evidence', () => {
  it('reads approved on the same evidence after an import into another database (same ids)', async () => {
    const before = await review(source, projectId);
    expect(before).toMatchObject({ gate: 'data-ethics-review', status: 'approved', allowed: true });
    expect(before.evidence.every(([, status]) => status === 'pass')).toBe(true);
    expect(before.facts.reviews).toHaveLength(3);

    const target = open();
    const { project } = await importSnapshot(target, text);
    expect(project.id).toBe(projectId);
    expect(await review(target, project.id)).toEqual(before);
    expect(await readReviewEvidence(target, project.id)).toEqual(await readReviewEvidence(source, projectId));
  });

  it('reads approved on the same evidence in a copy beside the original, its records under the copy’s ids', async () => {
    const before = await review(source, projectId);
    const { project } = await importSnapshot(source, text);
    expect(project.id).not.toBe(projectId);
    expect(await review(source, project.id)).toEqual(before);

    const copy = await readReviewEvidence(source, project.id);
    const version = (await source.datasetVersions.where('projectId').equals(project.id).toArray()).find((v) => v.number === split.number)!;
    const people = new Set((await listPeople(source, project.id)).map((p) => p.id));
    expect([copy.runs.length, copy.marks.length, copy.answers.length]).toEqual([1, 3, 1]);
    for (const r of [...copy.runs, ...copy.marks, ...copy.answers]) expect(r.datasetVersionId).toBe(version.id);
    for (const r of [...copy.marks, ...copy.answers]) expect(people.has(r.personId)).toBe(true);
    // Exported again, the copy is the same document apart from ids and times, and the signatures
    // (they cover the original's ids: a copy keeps its decisions unsigned).
    const again = await exportSnapshot(source, project.id, { includeRows: true, now: '2026-03-06T00:00:00.000Z' });
    const unsigned = { ...doc.governance, decisions: doc.governance.decisions.map(({ signature: _s, ...d }) => d) };
    expect(normalizeForComparison(again)).toEqual(
      normalizeForComparison({ ...doc, project: { ...doc.project, name: `${doc.project.name} (imported)` }, governance: unsigned, signing: { ...doc.signing, signOffs: [] } }),
    );
    // The original is untouched.
    expect((await readReviewEvidence(source, projectId)).marks.map((m) => m.datasetVersionId)).toEqual(Array(3).fill(split.id));
  });

  it('masks personal data in the marks’ notes and the written answers of a masked export', async () => {
    const masked = await exportSnapshot(source, projectId, { maskPii: true, now: '2026-03-05T00:00:00.000Z' });
    expect(masked.governance.checkReviews.map((m) => m.note)).toEqual(REVIEWED_CHECKS.map((check) => `Looked at ${check} with [EMAIL]`));
    expect(masked.governance.ethicsAnswers.map((a) => [a.intendedUse, a.whoCouldBeHarmed, a.consent])).toEqual([[ANSWERS.intendedUse, 'People whose request waits longer (ask [EMAIL]).', ANSWERS.consent]]);
    const { project } = await importSnapshot(open(), serializeSnapshot(masked));
    expect(project.id).toBe(projectId);
  });
});
