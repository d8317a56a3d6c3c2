import type { GovernanceRecords } from '$lib/core/governance/records';
/**
 * Snapshot v2 carries governance and the audit chain: export → import keeps the records and the
 * chain (same hashes, same head), a copy beside the original maps every id, and a tampered
 * trail is refused before anything is written, naming the first entry that does not hold.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { readAuditChain } from '$lib/db/audit';
import { editCurrentPolicy, getDraft, publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson, listPeople, removePerson } from '$lib/db/governancePeople';
import { governanceRecords, grantWaiverFor, recordDecision, requestReviewFor } from '$lib/db/governance';
import { markCheckReviewed, readReviewEvidence, recordCheckRun, saveEthicsAnswers } from '$lib/db/datasetReview';
import { exportSnapshot, importSnapshot, SnapshotImportError } from '$lib/db/snapshot';
import { sha256Hex, verifyChain } from '$lib/core/governance/auditChain';
import { readSnapshot } from '$lib/core/snapshot/readSnapshot';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { cleanChecks, everyRecord, freshDbsPerTest, makeRows } from '../db/testDb';

const open = freshDbsPerTest();
let source: LifecycleDatabase;
let projectId: string;
let doc: SnapshotDocument;

/**
 * Standard published, two people, the review's evidence (a check run, Lee's mark, Ana's answers),
 * a Data Ethics Review asked for, changes requested, a waiver, and a draft of v2.
 */
beforeEach(async () => {
  source = open();
  projectId = (await createProject(source, { name: 'Governed' })).id;
  const version = await createDatasetVersion(source, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
  const dv = version.id;
  await startFromTemplate(source, projectId, 'standard');
  await publishPolicy(source, projectId, 'Ana');
  const ana = await addPerson(source, { projectId, name: 'Ana', roles: [], by: 'Ana' });
  const lee = await addPerson(source, { projectId, name: 'Lee', roles: ['ethics-reviewer', 'engineering-lead'], by: 'Ana' });
  const object = { kind: 'dataset-version', id: dv } as const;
  await recordCheckRun(source, dv, { ...cleanChecks(version.contentHash, 4), imbalanceWarnings: 1 });
  await markCheckReviewed(source, { datasetVersionId: dv, check: 'class-balance', personId: lee.id, note: 'b is rare on purpose' });
  await saveEthicsAnswers(source, { datasetVersionId: dv, personId: ana.id, answers: { intendedUse: 'Routing', whoCouldBeHarmed: '', consent: 'Service terms' } });
  const request = await requestReviewFor(source, { projectId, gateId: 'data-ethics-review', object, personId: ana.id, note: 'Before training' });
  await recordDecision(source, { projectId, requestId: request.id, personId: lee.id, role: 'ethics-reviewer', outcome: 'request-changes', comment: 'Run the data checks' });
  await grantWaiverFor(source, { projectId, gateId: 'data-ethics-review', object, personId: lee.id, role: 'ethics-reviewer', reason: 'Synthetic pilot data', owner: 'Lee', expiresAt: '2099-01-01T00:00:00.000Z' });
  await editCurrentPolicy(source, projectId);
  doc = await exportSnapshot(source, projectId, { includeRows: true, now: '2026-03-05T00:00:00.000Z' });
});

/** The document after `edit`, as text: what a person with an editor could do to a file. */
function tampered(edit: (d: SnapshotDocument) => void): string {
  const copy = structuredClone(doc);
  edit(copy);
  return serializeSnapshot(copy);
}

async function refusedWith(target: LifecycleDatabase, text: string): Promise<string[]> {
  const before = await everyRecord(target);
  const error = await importSnapshot(target, text).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SnapshotImportError);
  // Nothing was written.
  expect(await everyRecord(target)).toEqual(before);
  return (error as SnapshotImportError).problems.map((p) => `${p.path}: ${p.message}`);
}

describe('snapshot v2: governance and the audit chain', () => {
  it('exports every governance record, the draft, and the chain with its head', async () => {
    const records = await governanceRecords(source, projectId);
    const evidence = await readReviewEvidence(source, projectId);
    // Signatures are not carried by v2 (v3's signing section will): toEqual ignores the undefined field.
    const plain = (items: readonly object[]) => items.map((r) => ({ ...r, projectId: undefined, signature: undefined }));
    expect(doc.governance).toEqual({
      policyVersions: records.policies.map((p) => ({ ...p, status: undefined })),
      policyDraft: expect.objectContaining({ version: 2, basedOn: 1 }),
      people: plain(await listPeople(source, projectId)),
      reviewRequests: plain(records.requests),
      decisions: plain(records.decisions),
      waivers: plain(records.waivers),
      checkRuns: plain(evidence.runs),
      checkReviews: plain(evidence.marks),
      ethicsAnswers: plain(evidence.answers),
    });
    expect([doc.governance.checkRuns.length, doc.governance.checkReviews.length, doc.governance.ethicsAnswers.length]).toEqual([1, 1, 1]);
    const chain = await readAuditChain(source, projectId);
    expect(doc.auditLog.map((e) => [e.seq, e.hash])).toEqual(chain.map((e) => [e.seq, e.hash]));
    expect(doc.auditHead).toEqual({ seq: chain.at(-1)!.seq, hash: chain.at(-1)!.hash });
    expect(readSnapshot(serializeSnapshot(doc))).toMatchObject({ ok: true, migratedFrom: null });
  });

  it('imports into another database with the same records, and the trail verifies with the same head', async () => {
    const target = open();
    const { project } = await importSnapshot(target, serializeSnapshot(doc));
    expect(project.id).toBe(projectId);
    const unsigned = (r: GovernanceRecords) => ({ ...r, decisions: r.decisions.map((d) => ({ ...d, signature: undefined })) });
    expect(unsigned(await governanceRecords(target, project.id))).toEqual(unsigned(await governanceRecords(source, projectId)));
    expect(await listPeople(target, project.id)).toEqual(await listPeople(source, projectId));
    expect(await getDraft(target, project.id)).toEqual(await getDraft(source, projectId));
    expect(await readReviewEvidence(target, project.id)).toEqual(await readReviewEvidence(source, projectId));
    const chain = await readAuditChain(target, project.id);
    expect(await verifyChain(chain, sha256Hex)).toMatchObject({ ok: true });
    expect(chain.find((e) => e.seq === doc.auditHead!.seq)?.hash).toBe(doc.auditHead!.hash);
    expect(chain.at(-1)).toMatchObject({ action: 'snapshot.import', refs: { trailCheck: 'verified' } });
    const again = await exportSnapshot(target, project.id, { includeRows: true, now: '2026-03-06T00:00:00.000Z' });
    expect(again.governance).toEqual(doc.governance);
  });

  it('imports a project whose person who acted was removed since: their records keep their name, under one new id in a copy', async () => {
    const ana = (await listPeople(source, projectId)).find((p) => p.name === 'Ana')!;
    await removePerson(source, { personId: ana.id, by: 'Lee' });
    const text = serializeSnapshot(await exportSnapshot(source, projectId, { includeRows: true, now: '2026-03-06T00:00:00.000Z' }));
    const elsewhere = open();
    const kept = await importSnapshot(elsewhere, text);
    expect((await governanceRecords(elsewhere, kept.project.id)).requests[0].requestedBy).toEqual({ personId: ana.id, name: 'Ana' });
    const { project } = await importSnapshot(source, text);
    const copy = await governanceRecords(source, project.id);
    const answers = (await readReviewEvidence(source, project.id)).answers[0];
    expect(copy.requests[0].requestedBy.name).toBe('Ana');
    expect(copy.requests[0].requestedBy.personId).not.toBe(ana.id);
    expect(answers.personId).toBe(copy.requests[0].requestedBy.personId);
    expect((await listPeople(source, project.id)).map((p) => p.name)).toEqual(['Lee']);
  });

  it('imports a copy beside the original under fresh ids, every reference mapped, its trail chained anew', async () => {
    const { project } = await importSnapshot(source, serializeSnapshot(doc));
    expect(project.id).not.toBe(projectId);
    const [copy, original] = await Promise.all([governanceRecords(source, project.id), governanceRecords(source, projectId)]);
    const people = await listPeople(source, project.id);
    const [version] = await source.datasetVersions.where('projectId').equals(project.id).toArray();
    expect(copy.requests[0]).toMatchObject({ subject: { datasetVersionId: version.id, contentHash: version.contentHash }, requestedBy: { personId: people.find((p) => p.name === 'Ana')!.id } });
    expect(copy.requests[0].id).not.toBe(original.requests[0].id);
    expect(copy.decisions[0]).toMatchObject({ requestId: copy.requests[0].id, by: { personId: people.find((p) => p.name === 'Lee')!.id }, comment: 'Run the data checks' });
    expect(copy.waivers[0]).toMatchObject({ subject: { datasetVersionId: version.id }, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(copy.policies).toEqual(original.policies);
    const evidence = await readReviewEvidence(source, project.id);
    const ana = people.find((p) => p.name === 'Ana')!.id;
    const lee = people.find((p) => p.name === 'Lee')!.id;
    expect(evidence.runs).toEqual([expect.objectContaining({ datasetVersionId: version.id, contentHash: version.contentHash, imbalanceWarnings: 1 })]);
    expect(evidence.marks).toEqual([expect.objectContaining({ datasetVersionId: version.id, personId: lee, check: 'class-balance', note: 'b is rare on purpose' })]);
    expect(evidence.answers).toEqual([expect.objectContaining({ datasetVersionId: version.id, personId: ana, intendedUse: 'Routing', consent: 'Service terms' })]);
    const originalIds = new Set(Object.values(await readReviewEvidence(source, projectId)).flat().map((r) => r.id));
    expect(Object.values(evidence).flat().filter((r) => originalIds.has(r.id))).toEqual([]);
    const chain = await readAuditChain(source, project.id);
    expect(await verifyChain(chain, sha256Hex)).toMatchObject({ ok: true, count: doc.auditLog.length + 1 });
    expect(chain.at(-1)!.refs).toMatchObject({ sourceHeadSeq: String(doc.auditHead!.seq), sourceHeadHash: doc.auditHead!.hash });
    // The trail names the copy's evidence records, not the original's.
    const refs = chain.filter((e) => e.action.startsWith('governance.check') || e.action.startsWith('governance.ethics') || e.action === 'data.checks').map((e) => [e.refs.checkRunId ?? e.refs.markId ?? e.refs.answersId, e.refs.datasetVersionId]);
    expect(refs).toEqual([[evidence.runs[0].id, version.id], [evidence.marks[0].id, version.id], [evidence.answers[0].id, version.id]]);
  });

  it('refuses an entry edited after export, naming it, and writes nothing', async () => {
    const k = 5;
    const problems = await refusedWith(open(), tampered((d) => (d.auditLog[k - 1].detail += ' (edited)')));
    expect(problems).toEqual([`/auditLog/${k - 1}: Audit entry #${k} (${doc.auditLog[k - 1].at}, ${doc.auditLog[k - 1].action}) was changed after it was written: its hash does not match.`]);
  });

  it('refuses a trail with an entry removed, naming the entry after the gap', async () => {
    const k = 4;
    const problems = await refusedWith(open(), tampered((d) => d.auditLog.splice(k - 1, 1)));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^/auditLog/${k - 1}: Audit entry #${k + 1} \\(.*\\) does not follow the entry before it: an entry before it was removed`))]);
  });

  it('refuses a changed head, and a trail cut short at its newest entries', async () => {
    const target = open();
    const n = doc.auditLog.length;
    expect(await refusedWith(target, tampered((d) => (d.auditHead!.hash = '0'.repeat(64))))).toEqual([
      `/auditHead: names entry #${n} with hash 000000000000…, but the newest entry is #${n} with hash ${doc.auditHead!.hash.slice(0, 12)}…: the trail was cut short or its head changed.`,
    ]);
    expect(await refusedWith(target, tampered((d) => d.auditLog.pop()))).toEqual([expect.stringMatching(new RegExp(`^/auditHead: names entry #${n} .* but the newest entry is #${n - 1} `))]);
  });

  it('refuses a version 2 file whose hashes were stripped', async () => {
    const problems = await refusedWith(open(), tampered((d) => {
      for (const e of d.auditLog) Object.assign(e, { prevHash: null, hash: null });
      d.auditHead = null;
    }));
    expect(problems).toEqual([`/auditLog/0: Audit entry #1 (${doc.auditLog[0].at}, ${doc.auditLog[0].action}) has no hash: a snapshot of schema version 2 carries its whole chain.`]);
  });

  it('refuses governance records that name what the snapshot does not hold', async () => {
    const problems = await refusedWith(open(), tampered((d) => {
      d.governance.decisions[0].requestId = 'nowhere';
      d.governance.waivers[0].policy.version = 7;
    }));
    expect(problems).toEqual([
      '/governance/waivers/0/policy: names policy v7 with a hash no version among policyVersions has.',
      '/governance/decisions/0/requestId: names no review request of this snapshot ("nowhere").',
    ]);
  });

  it('refuses review evidence on a dataset version or on rows the snapshot does not hold, and writes nothing', async () => {
    const target = open();
    expect(await refusedWith(target, tampered((d) => {
      d.governance.checkRuns[0].datasetVersionId = 'gone';
      d.governance.ethicsAnswers[0].contentHash = 'f'.repeat(32);
    }))).toEqual([
      '/governance/checkRuns/0/datasetVersionId: names no dataset version of this snapshot ("gone").',
      '/governance/ethicsAnswers/0/contentHash: must be the content hash of the dataset version it names (v1).',
    ]);
    // The schema: a check no person reviews, an answer longer than the app keeps.
    expect(await refusedWith(target, tampered((d) => {
      (d.governance.checkReviews[0] as { check: string }).check = 'pii';
      d.governance.ethicsAnswers[0].consent = 'x'.repeat(4001);
    }))).toEqual([
      '/governance/checkReviews/0/check: must be one of "class-balance", "class-mix", "label-conflicts".',
      '/governance/ethicsAnswers/0/consent: is too long: 4001 characters, at most 4000 allowed.',
    ]);
  });

  it('checks only the links and head of a masked trail, and still refuses a removed entry', async () => {
    const masked = await exportSnapshot(source, projectId, { maskPii: true, now: '2026-03-05T00:00:00.000Z' });
    const target = open();
    const { project } = await importSnapshot(target, serializeSnapshot(masked));
    const chain = await readAuditChain(target, project.id);
    expect(await verifyChain(chain, sha256Hex)).toMatchObject({ ok: true });
    expect(chain.at(-1)!.refs.trailCheck).toBe('links-only');
    const removed = structuredClone(masked);
    removed.auditLog.splice(1, 1);
    await expect(importSnapshot(target, serializeSnapshot(removed))).rejects.toThrow(/\/auditLog\/1: Audit entry #3 .* does not follow the entry before it/);
  });

  it('leaves the database as it was when writing the governance records fails half-way', async () => {
    const target = open();
    const before = await everyRecord(target);
    vi.spyOn(target.decisions, 'bulkAdd').mockRejectedValueOnce(new Error('disk full'));
    await expect(importSnapshot(target, serializeSnapshot(doc))).rejects.toThrow('disk full');
    vi.restoreAllMocks();
    expect(await everyRecord(target)).toEqual(before);
  });
});
