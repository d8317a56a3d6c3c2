import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { DatasetVersionRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { readAuditChain } from '$lib/db/audit';
import { addPerson } from '$lib/db/governancePeople';
import { currentPolicy, publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { governanceRecords, recordDecision, requestReviewFor } from '$lib/db/governance';
import { datasetVersionFacts, gateFacts } from '$lib/db/governanceFacts';
import { markCheckReviewed, saveEthicsAnswers } from '$lib/db/datasetReview';
import { DATASET_EVIDENCE_IDS, evaluateEvidence } from '$lib/core/governance/evidenceCatalog';
import { REVIEWED_CHECKS } from '$lib/core/governance/facts';
import { mayProceed } from '$lib/core/governance/mayProceed';
import { policyTemplate } from '$lib/core/governance/templates';
import { verifyChain, sha256Hex } from '$lib/core/governance/auditChain';
import { DatasetStates } from '$lib/workers/datasetStates';
import { explorationHandlers } from '$lib/workers/explorationHandlers';
import { datasetEditHandlers } from '$lib/workers/datasetEditHandlers';
import { testContext } from '../workers/rpcContext';
import { observe } from '$lib/db/observe';
import { expectRefused, freshDbsPerTest, makeRows, waitFor } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;
let base: DatasetVersionRecord;
let states: DatasetStates;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Reviewed' })).id;
  base = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(30, ['a', 'b', 'c']) });
  states = new DatasetStates(db);
});

const runChecks = (versionId: string) => explorationHandlers(db, states).checks({ type: 'checks', versionId, slices: [] }, testContext());
const edits = () => datasetEditHandlers(db, states);
const ANSWERS = { intendedUse: 'Route requests to a team.', whoCouldBeHarmed: 'People whose request waits longer.', consent: 'Given under the service terms.' };
const NONE = { intendedUse: '', whoCouldBeHarmed: '', consent: '' };

async function person(name: string, roles: string[] = []) {
  return addPerson(db, { projectId, name, roles, by: name });
}

/** Each Data Ethics Review evidence item's status and reason for the version, as a gate would show it. */
async function evidence(versionId: string) {
  const items = evaluateEvidence(DATASET_EVIDENCE_IDS, await gateFacts(db, projectId, { kind: 'dataset-version', id: versionId }), policyTemplate('standard').sliceFloor);
  return Object.fromEntries(items.map((e) => [e.id, e]));
}

describe('review marks and ethics answers', () => {
  it('are recorded for the version by one of the project’s people, audited, and read back as its facts', async () => {
    const lee = await person('Lee');
    await runChecks(base.id);
    const mark = await markCheckReviewed(db, { datasetVersionId: base.id, check: 'class-mix', personId: lee.id, note: '  c is rare on purpose ' });
    expect(mark).toMatchObject({ projectId, datasetVersionId: base.id, personId: lee.id, check: 'class-mix', contentHash: base.contentHash, by: 'Lee', note: 'c is rare on purpose' });
    await saveEthicsAnswers(db, { datasetVersionId: base.id, personId: lee.id, answers: { ...NONE, intendedUse: 'Routing' } });
    const facts = await datasetVersionFacts(db, base.id);
    expect(facts.checks).toMatchObject({ contentHash: base.contentHash, pii: { scanned: 30, textsWithPii: 0 } });
    expect(facts.reviews).toEqual([{ check: 'class-mix', contentHash: base.contentHash, by: 'Lee', at: mark.at, note: 'c is rare on purpose' }]);
    expect(facts.answers).toMatchObject({ contentHash: base.contentHash, intendedUse: 'Routing', whoCouldBeHarmed: '', by: 'Lee' });
    // Partial answers are kept; the evidence names what is missing.
    expect((await evidence(base.id))['ethics-answers']).toMatchObject({ status: 'not-yet', reason: 'Still to answer: who could be harmed, consent for the data.' });

    // Saving again keeps the earlier answers; the newest speaks for the version.
    await saveEthicsAnswers(db, { datasetVersionId: base.id, personId: lee.id, answers: ANSWERS });
    expect(await db.ethicsAnswers.count()).toBe(2);
    expect((await datasetVersionFacts(db, base.id)).answers).toMatchObject(ANSWERS);
    expect((await evidence(base.id))['ethics-answers']).toMatchObject({ status: 'pass', reason: 'Answered by Lee.', source: { stage: 'data', view: 'checks' } });

    const trail = await readAuditChain(db, projectId);
    expect(trail.slice(-3).map((e) => [e.action, e.actor, e.detail])).toEqual([
      ['governance.check.reviewed', 'Lee', 'Lee reviewed the class mix per segment on v1 — c is rare on purpose'],
      ['governance.ethics.answers', 'Lee', 'Lee answered 1 of 3 Data Ethics Review questions for v1'],
      ['governance.ethics.answers', 'Lee', 'Lee answered 3 of 3 Data Ethics Review questions for v1'],
    ]);
    expect(await verifyChain(trail, sha256Hex)).toMatchObject({ ok: true });
  });

  it('refuses an unknown check, a mark before the checks ran on these rows, someone not of the project and an empty save, changing nothing', async () => {
    const lee = await person('Lee');
    const stranger = await addPerson(db, { projectId: (await createProject(db, { name: 'Other' })).id, name: 'Sam', roles: [], by: 'Sam' });
    const mark = (check: string, personId = lee.id) => () => markCheckReviewed(db, { datasetVersionId: base.id, check, personId, note: '' });
    await expectRefused(db, mark('class-balance'), 'The data checks have not run on v1 yet: run them before reviewing.');
    await runChecks(base.id);
    await expectRefused(db, mark('pii'), '“pii” is not a check a person reviews (class-balance, class-mix, label-conflicts).');
    await expectRefused(db, mark('class-balance', stranger.id), 'That person is not one of this project’s people (Govern → People).');
    await expectRefused(db, mark('class-balance', 'nobody'), 'That person is not one of this project’s people');
    await expectRefused(db, () => markCheckReviewed(db, { datasetVersionId: 'gone', check: 'class-balance', personId: lee.id, note: '' }), 'That dataset version no longer exists.');
    const answer = (answers: typeof ANSWERS, personId = lee.id) => () => saveEthicsAnswers(db, { datasetVersionId: base.id, personId, answers });
    await expectRefused(db, answer({ intendedUse: '  ', whoCouldBeHarmed: '', consent: '\n' }), 'Write at least one answer before saving.');
    await expectRefused(db, answer(ANSWERS, stranger.id), 'That person is not one of this project’s people');
    await expectRefused(db, answer({ ...ANSWERS, consent: 'x'.repeat(4001) }), 'The answer to “Consent for the data” is longer than 4,000 characters.');
  });

  it('fail as a whole when the audit entry cannot be written', async () => {
    const lee = await person('Lee');
    await runChecks(base.id);
    vi.spyOn(db.auditLog, 'add').mockRejectedValue(new Error('disk full'));
    await expectRefused(db, () => markCheckReviewed(db, { datasetVersionId: base.id, check: 'class-balance', personId: lee.id, note: '' }), 'disk full');
    await expectRefused(db, () => saveEthicsAnswers(db, { datasetVersionId: base.id, personId: lee.id, answers: ANSWERS }), 'disk full');
    vi.restoreAllMocks();
  });

  it('after a relabel, read as stale for the new version until the checks run and it is marked and answered again', async () => {
    const lee = await person('Lee');
    await runChecks(base.id);
    for (const check of REVIEWED_CHECKS) await markCheckReviewed(db, { datasetVersionId: base.id, check, personId: lee.id, note: '' });
    await saveEthicsAnswers(db, { datasetVersionId: base.id, personId: lee.id, answers: ANSWERS });
    expect((await evidence(base.id))['class-balance-reviewed'].status).toBe('pass');

    const v2 = await edits().label({ type: 'label', versionId: base.id, keys: ['r1'], label: 'a', message: 'r1 as a', change: 'label' }, testContext());
    expect(v2.contentHash).not.toBe(base.contentHash);
    // The parent's evidence is carried in the facts, named by the rows it was made on.
    const facts = await datasetVersionFacts(db, v2.id);
    expect([facts.checks?.contentHash, ...facts.reviews.map((r) => r.contentHash), facts.answers?.contentHash]).toEqual(Array(5).fill(base.contentHash));
    let items = await evidence(v2.id);
    expect(Object.values(items).map((e) => e.status)).toEqual(DATASET_EVIDENCE_IDS.map(() => 'not-yet'));
    expect(items['pii-clear'].reason).toBe('The data checks ran on other rows, not on v2 as it is now: run them again.');
    expect(items['ethics-answers'].reason).toBe('Answered for earlier rows, not v2: stale — answer again.');
    // A mark on v2 needs the checks run on v2's rows first.
    await expectRefused(db, () => markCheckReviewed(db, { datasetVersionId: v2.id, check: 'class-balance', personId: lee.id, note: '' }), 'The data checks have not run on v2 yet');

    await runChecks(v2.id);
    items = await evidence(v2.id);
    expect(items['class-balance-reviewed'].reason).toMatch(/Reviewed on earlier rows, not on v2: stale — review again\.$/);
    expect(items['pii-clear'].status).toBe('pass');
    await markCheckReviewed(db, { datasetVersionId: v2.id, check: 'class-balance', personId: lee.id, note: '' });
    expect((await evidence(v2.id))['class-balance-reviewed'].status).toBe('pass');
    // The old version's evidence is untouched.
    expect((await evidence(base.id))['class-balance-reviewed'].status).toBe('pass');
  });
});

describe('the facts watched live (as Data → Checks shows them)', () => {
  it('are read again when a check run, a mark or answers are stored', async () => {
    const lee = await person('Lee');
    const seen: string[] = [];
    const stop = observe(() => datasetVersionFacts(db, base.id), (f) => seen.push(`${f.checks ? 'run' : '-'} ${f.reviews.length} ${f.answers ? 'answers' : '-'}`), (e) => seen.push(String(e)));
    try {
      await waitFor(() => seen.length === 1, 2000, 'the first read');
      await runChecks(base.id);
      await waitFor(() => seen.at(-1) === 'run 0 -', 2000, 'the stored run');
      await markCheckReviewed(db, { datasetVersionId: base.id, check: 'class-balance', personId: lee.id, note: '' });
      await waitFor(() => seen.at(-1) === 'run 1 -', 2000, 'the mark');
      await saveEthicsAnswers(db, { datasetVersionId: base.id, personId: lee.id, answers: ANSWERS });
      await waitFor(() => seen.at(-1) === 'run 1 answers', 2000, 'the answers');
    } finally {
      stop();
    }
  });
});

describe('the Data Ethics Review, approved on stored evidence', () => {
  it('can be approved once the split version’s checks are stored, marked and answered: training is then allowed', async () => {
    await startFromTemplate(db, projectId, 'standard');
    await publishPolicy(db, projectId, 'Ana');
    const ana = await person('Ana');
    const noor = await person('Noor', ['ethics-reviewer']);
    const split = await edits().split({ type: 'split', versionId: base.id, method: 'stratified', ratios: [0.6, 0.2, 0.2], seed: 's' }, testContext());
    const object = { kind: 'dataset-version', id: split.id } as const;
    const train = async () => mayProceed(await currentPolicy(db, projectId), 'train', await gateFacts(db, projectId, object), await governanceRecords(db, projectId), Date.now());
    const request = await requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object, personId: ana.id, note: '' });
    const approve = () => recordDecision(db, { projectId, requestId: request.id, personId: noor.id, role: 'ethics-reviewer', outcome: 'approve', comment: 'Fine' });
    await expectRefused(db, approve, 'Cannot approve while evidence is not met');

    await runChecks(split.id);
    for (const check of REVIEWED_CHECKS) await markCheckReviewed(db, { datasetVersionId: split.id, check, personId: ana.id, note: '' });
    await saveEthicsAnswers(db, { datasetVersionId: split.id, personId: ana.id, answers: ANSWERS });
    // Every item of the review passes; a datasheet (which the Standard review does not ask for) is not written yet.
    expect(Object.values(await evidence(split.id)).map((e) => [e.id, e.status])).toEqual(DATASET_EVIDENCE_IDS.map((id) => [id, id === 'datasheet-approved' ? 'not-yet' : 'pass']));
    await approve();
    expect((await train()).allowed).toBe(true);
  });
});
