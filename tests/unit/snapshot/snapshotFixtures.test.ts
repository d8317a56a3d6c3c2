/**
 * Snapshot files of every past schema version, read through today's import path (the data
 * worker's job: file → readSnapshot → the one versioned-document loader → importSnapshot).
 * Version 0 has its own test (readSnapshot.test.ts, documents/snapshot.v0.json); versions 1, 2
 * and 3 are tests/fixtures/snapshot/support-triage-v1.json, -v2.json and -v3.json (how they were
 * made: the README next to them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { snapshotImportJob } from '$lib/workers/snapshotJobs';
import type { LifecycleDatabase } from '$lib/db/database';
import { getCanvas } from '$lib/db/canvas';
import { getRows, listDatasetVersions, loadDatasetState } from '$lib/db/datasets';
import { listModelVersions } from '$lib/db/registry';
import { getModelVersion, versionFiles } from '$lib/db/modelFiles';
import { listRuns } from '$lib/db/runs';
import { freshDbsPerTest } from '../db/testDb';
import { governanceRecords } from '$lib/db/governance';
import { listPeople } from '$lib/db/governancePeople';
import { getDraft } from '$lib/db/governancePolicy';
import { datasetVersionFacts } from '$lib/db/governanceFacts';
import { gateInputs, verdictAt } from '$lib/db/governanceGate';
import { readAuditChain } from '$lib/db/audit';
import { sha256Hex, verifyChain } from '$lib/core/governance/auditChain';
import { readSnapshot } from '$lib/core/snapshot/readSnapshot';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { riskAssessmentsOf } from '$lib/db/riskAssessments';

const freshDb = freshDbsPerTest();
const V1_FILE = new URL('../../fixtures/snapshot/support-triage-v1.json', import.meta.url);
const V2_FILE = new URL('../../fixtures/snapshot/support-triage-v2.json', import.meta.url);
const V3_FILE = new URL('../../fixtures/snapshot/support-triage-v3.json', import.meta.url);
/** What a document migrated from schema version 2 has of version 3's records: none. */
const NO_V3_RECORDS = { riskAssessments: [], documents: [], templateFills: [], playbookTicks: [] };

/** The one place this file reads where a model version's weights are stored. */
async function versionWeights(db: LifecycleDatabase, modelVersionId: string): Promise<number[]> {
  const files = await versionFiles(db, (await getModelVersion(db, modelVersionId))!);
  return Array.from(new Float32Array(files!.weightData));
}

describe('snapshot fixture of schema version 1', () => {
  it('imports through the worker job with every part intact', async () => {
    const db = freshDb();
    const result = await snapshotImportJob(db, new Blob([readFileSync(V1_FILE)]), 'Ana');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.migratedFrom).toBe(1);
    expect(result.warnings).toEqual([]);
    const { project } = result;
    expect(project).toMatchObject({ name: 'Support triage', description: 'Route tickets' });
    expect(project.scenario).toBeUndefined(); // an imported copy of a sample is an ordinary project

    const canvas = await getCanvas(db, project.id);
    expect(canvas.criteria.map((c) => [c.id, c.metric, c.threshold, c.note])).toEqual([['c-acc', 'accuracy', 0.9, undefined], ['c-p99', 'latency_p99_ms', 200, 'one text']]);
    expect(canvas.unparsedCriteria).toEqual(['customers are happy']);

    const versions = await listDatasetVersions(db, project.id);
    expect(versions.map((v) => [v.number, v.storage, v.change])).toEqual([[2, 'delta', 'label'], [1, 'full', 'import']]);
    const [v2, v1] = versions;
    expect((await getRows(db, v1.id, { offset: 0, limit: 10 })).map((r) => [r.key, r.label, r.meta.channel])).toEqual([
      ['T-1', 'Billing', 'chat'], ['T-2', 'Technical Issue', 'email'], ['T-3', 'General Inquiry', 'chat'], ['T-4', 'Billing', 'email'], ['T-5', null, 'chat'],
    ]);
    expect((await loadDatasetState(db, v2.id)).rows.find((r) => r.key === 'T-5')?.label).toBe('Technical Issue');
    expect(await db.labelEvents.where('projectId').equals(project.id).count()).toBe(1);
    expect(await db.slices.where('projectId').equals(project.id).count()).toBe(1);

    expect((await listRuns(db, project.id)).map((r) => [r.number, r.metrics['test.accuracy']])).toEqual([[2, 0.82], [1, 0.81]]);
    const models = await listModelVersions(db, project.id);
    expect(models.map((v) => [v.modelName, v.version, v.aliases])).toEqual([['ticket-router', 2, ['challenger']], ['ticket-router', 1, ['champion']]]);
    const champion = models[1];
    expect(await versionWeights(db, champion.id)).toEqual(Array.from({ length: 12 }, (_, i) => i / 8));
    expect(await db.modelCards.get(champion.id)).toMatchObject({ edits: { overview: 'Routes tickets.', limitations: 'English only.' } });

    expect(await db.deployments.where('projectId').equals(project.id).count()).toBe(1);
    const [bucket] = await db.metricBuckets.where('projectId').equals(project.id).toArray();
    expect(bucket.bucket).toMatchObject({ requests: 3, answered: 3, calls: { requests: 3 } });
    expect(await db.driftReports.where('projectId').equals(project.id).count()).toBe(1);
    expect(await db.gates.where('projectId').equals(project.id).count()).toBe(1);

    // Version 1 had no governance and no chain: nothing governed, and its trail chained here.
    expect(await governanceRecords(db, project.id)).toEqual({ policies: [], requests: [], decisions: [], waivers: [] });
    expect(await listPeople(db, project.id)).toEqual([]);
    const chain = await readAuditChain(db, project.id);
    expect(await verifyChain(chain, sha256Hex)).toMatchObject({ ok: true, count: chain.length });
    expect(chain.at(-1)).toMatchObject({ action: 'snapshot.import', refs: { trailCheck: 'unchained' }, detail: expect.stringContaining('came without hashes') });
  });

  it('reads as schema version 3 through the numbered migrations: empty governance and signing, entries numbered, no hashes, no head', () => {
    const read = readSnapshot(readFileSync(V1_FILE, 'utf8'));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const original = JSON.parse(readFileSync(V1_FILE, 'utf8')) as { auditLog: object[] };
    expect(read.migratedFrom).toBe(1);
    expect(read.document.schemaVersion).toBe(3);
    expect(read.document.governance).toEqual({ policyVersions: [], policyDraft: null, people: [], reviewRequests: [], decisions: [], waivers: [], checkRuns: [], checkReviews: [], ethicsAnswers: [], ...NO_V3_RECORDS });
    expect(read.document.signing).toEqual({ keys: [], signOffs: [] });
    expect(read.document.auditLog).toEqual(original.auditLog.map((e, i) => ({ ...e, seq: i + 1, prevHash: null, hash: null })));
    expect(read.document.auditHead).toBeNull();
  });
});

describe('snapshot fixture of schema version 2', () => {
  it('imports through the worker job with its governance and review evidence, its trail stored as exported and verified', async () => {
    const db = freshDb();
    const result = await snapshotImportJob(db, new Blob([readFileSync(V2_FILE)]), 'Ana');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.migratedFrom).toBe(2);
    expect(result.warnings).toEqual([]);
    const { project } = result;
    // None of its records exists here: every id is kept.
    expect(project).toMatchObject({ id: 'p-fx-triage', name: 'Support triage' });

    const records = await governanceRecords(db, project.id);
    expect(records.policies.map((p) => [p.version, p.data.name, p.status])).toEqual([[1, 'Standard', 'published']]);
    expect(await getDraft(db, project.id)).toMatchObject({ version: 2, basedOn: 1 });
    expect((await listPeople(db, project.id)).map((p) => [p.id, p.name, p.roles])).toEqual([['pe-ana', 'Ana', []], ['pe-lee', 'Lee', ['ethics-reviewer']]]);
    expect(records.requests.map((r) => [r.id, r.requestedBy.name, r.note])).toEqual([['rq-1', 'Ana', 'Please review']]);
    expect(records.decisions.map((d) => [d.id, d.requestId, d.outcome, d.by.name])).toEqual([['de-1', 'rq-1', 'request-changes', 'Lee']]);
    expect(records.waivers.map((w) => [w.id, w.reason, w.expiresAt])).toEqual([['wv-1', 'Pilot with synthetic data', '2026-03-03T12:00:00.000Z']]);

    // The review evidence of v2, read as the gate reads it: the check run, Lee's mark, partial answers.
    const facts = await datasetVersionFacts(db, 'dv-2');
    expect(facts.checks).toMatchObject({ contentHash: facts.contentHash, pii: { scanned: 5, textsWithPii: 0 }, imbalanceWarnings: 1, nearDuplicateConflicts: 1 });
    expect(facts.reviews).toEqual([{ check: 'class-balance', contentHash: facts.contentHash, by: 'Lee', at: '2026-02-03T09:40:00.000Z', note: 'Billing is rare on purpose' }]);
    expect(facts.answers).toMatchObject({ contentHash: facts.contentHash, intendedUse: 'Route requests to a team', consent: '', by: 'Lee' });
    const whileWaived = verdictAt(await gateInputs(db, project.id, { kind: 'dataset-version', id: 'dv-2' }), 'train', Date.parse('2026-02-10T00:00:00.000Z'));
    expect(whileWaived.gates.map((g) => [g.gate.id, g.status, g.evidence.map((e) => [e.id, e.status])])).toEqual([
      ['data-ethics-review', 'waived', [['pii-clear', 'pass'], ['ethics-answers', 'not-yet']]],
    ]);

    const file = JSON.parse(readFileSync(V2_FILE, 'utf8')) as { auditLog: { hash: string }[]; auditHead: { seq: number; hash: string } };
    const chain = await readAuditChain(db, project.id);
    expect(await verifyChain(chain, sha256Hex)).toMatchObject({ ok: true, count: file.auditLog.length + 1 });
    expect(chain.slice(0, -1).map((e) => e.hash)).toEqual(file.auditLog.map((e) => e.hash));
    expect(chain.at(-1)).toMatchObject({ action: 'snapshot.import', refs: { trailCheck: 'verified', sourceHeadSeq: String(file.auditHead.seq), sourceHeadHash: file.auditHead.hash } });
  });

  it('reads as schema version 3 through the numbered migration v2 → v3: no new records, an empty signing section, the rest as it was', () => {
    const read = readSnapshot(readFileSync(V2_FILE, 'utf8'));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    const original = JSON.parse(readFileSync(V2_FILE, 'utf8')) as SnapshotDocument;
    expect(read.migratedFrom).toBe(2);
    const { schemaVersion, governance, signing, ...rest } = read.document;
    expect([schemaVersion, signing]).toEqual([3, { keys: [], signOffs: [] }]);
    expect(governance).toEqual({ ...original.governance, ...NO_V3_RECORDS });
    const { schemaVersion: _v, governance: _g, ...originalRest } = original;
    expect(rest).toEqual(originalRest);
    // The signing section sits before the trail, as in an export.
    expect(Object.keys(read.document).slice(-3)).toEqual(['signing', 'auditLog', 'auditHead']);
  });
});

describe('snapshot fixture of schema version 3', () => {
  it('imports through the worker job with its new records and keys, its signature verified and kept, and its trail stored as exported', async () => {
    const db = freshDb();
    const result = await snapshotImportJob(db, new Blob([readFileSync(V3_FILE)]), 'Ana');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.migratedFrom).toBeNull();
    expect(result.warnings).toEqual([]);
    const { project } = result;
    expect(project).toMatchObject({ id: 'p-fx-triage', name: 'Support triage' });
    const file = JSON.parse(readFileSync(V3_FILE, 'utf8')) as SnapshotDocument;
    const [decision] = (await governanceRecords(db, project.id)).decisions;
    expect(decision).toMatchObject({ id: 'de-1', by: { name: 'Lee' }, signature: { value: file.signing.signOffs[0].signature, fingerprint: file.signing.keys[0].fingerprint } });
    expect(await db.signingKeys.toArray()).toEqual([{ ...file.signing.keys[0], projectId: project.id, privateKey: null }]);
    expect((await riskAssessmentsOf(db, project.id)).map((a) => [a.tier, a.by?.name])).toEqual([['minimal', 'Lee']]);
    expect((await db.documents.where('projectId').equals(project.id).sortBy('version')).map((d) => [d.kind, d.subjectId, d.version, d.status, d.parentId])).toEqual([
      ['datasheet', 'dv-2', 1, 'approved', null], ['datasheet', 'dv-2', 2, 'draft', 'doc-1'],
    ]);
    expect(await db.templateFills.where('projectId').equals(project.id).toArray()).toEqual([{ ...file.governance.templateFills[0], projectId: project.id }]);
    expect(await db.playbookTicks.where('projectId').equals(project.id).toArray()).toEqual([{ ...file.governance.playbookTicks[0], projectId: project.id }]);
    const chain = await readAuditChain(db, project.id);
    expect(chain.slice(0, -1).map((e) => e.hash)).toEqual(file.auditLog.map((e) => e.hash));
    expect(chain.at(-1)).toMatchObject({ action: 'snapshot.import', refs: { trailCheck: 'verified', signOffsVerified: '1' } });
  });
});
