import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { RunEvaluation } from '$lib/core/models/runReport';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun } from '$lib/db/registry';
import { saveCriteria } from '$lib/db/canvas';
import { readAuditChain } from '$lib/db/audit';
import { currentPolicy, editCurrentPolicy, getDraft, listPolicyVersions, publishPolicy, saveDraft, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson, listPeople, updatePersonRoles } from '$lib/db/governancePeople';
import { governanceRecords, grantWaiverFor, recordDecision, requestReviewFor } from '$lib/db/governance';
import { gateFacts } from '$lib/db/governanceFacts';
import { governanceFromTrail } from '$lib/core/governance/trailRecords';
import { verifyChain, sha256Hex } from '$lib/core/governance/auditChain';
import { verifyPolicyHash } from '$lib/core/governance/policyVersions';
import { mayProceed } from '$lib/core/governance/mayProceed';
import { modelFacts } from '../governance/fixtures';
import { expectRefused, freshDbsPerTest, makeRows } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Governed' })).id;
});

const refused = (action: () => Promise<unknown>, message: string | RegExp) => expectRefused(db, action, message);

async function chainVerifies(): Promise<void> {
  expect(await verifyChain(await readAuditChain(db, projectId), sha256Hex)).toMatchObject({ ok: true });
}

const actions = async () => (await readAuditChain(db, projectId)).map((e) => e.action);

async function datasetVersion(): Promise<string> {
  return (await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) })).id;
}

/** Standard published, Ana (no role) and Lee (ethics reviewer and engineering lead). */
async function governed() {
  await startFromTemplate(db, projectId, 'standard');
  const policy = await publishPolicy(db, projectId, 'Ana');
  const ana = await addPerson(db, { projectId, name: 'Ana', roles: [], by: 'Ana' });
  const lee = await addPerson(db, { projectId, name: 'Lee', roles: ['ethics-reviewer', 'engineering-lead'], by: 'Ana' });
  return { policy, ana, lee };
}

describe('the policy: draft, publish, edit', () => {
  it('publishes a template as version 1 with its hash and an audit entry, then edits it into draft v2', async () => {
    expect(await currentPolicy(db, projectId)).toBeNull();
    const draft = await startFromTemplate(db, projectId, 'standard');
    expect(draft).toMatchObject({ status: 'draft', version: 1, basedOn: null });
    const v1 = await publishPolicy(db, projectId, 'Ana');
    expect(v1).toMatchObject({ status: 'published', version: 1, publishedBy: 'Ana' });
    expect(await verifyPolicyHash(v1)).toBe(true);
    expect(await getDraft(db, projectId)).toBeNull();
    expect(await currentPolicy(db, projectId)).toEqual(v1);
    const entry = (await readAuditChain(db, projectId)).at(-1)!;
    expect(entry).toMatchObject({ action: 'governance.policy.publish', actor: 'Ana', refs: { policyVersion: '1', policyHash: v1.hash } });

    const next = await editCurrentPolicy(db, projectId);
    expect(next).toMatchObject({ status: 'draft', version: 2, basedOn: 1, data: v1.data });
    await saveDraft(db, projectId, { ...next.data, reReview: { days: 60, graceDays: 7 } });
    const v2 = await publishPolicy(db, projectId, 'Lee');
    expect(v2.version).toBe(2);
    expect(v2.hash).not.toBe(v1.hash);
    expect((await listPolicyVersions(db, projectId)).map((p) => [p.version, p.data.reReview.days])).toEqual([[1, 90], [2, 60]]);
    await chainVerifies();
  });

  it('refuses to publish an invalid draft or no draft, leaving the database as it was', async () => {
    await refused(() => publishPolicy(db, projectId, 'Ana'), 'There is no draft to publish');
    await refused(() => editCurrentPolicy(db, projectId), 'No policy is published yet');
    await saveDraft(db, projectId, { ...(await startFromTemplate(db, projectId, 'light')).data, gates: [{ id: 'x', name: '', description: '', stage: 'model', evidence: ['no-such-evidence'], deciderRole: 'nobody' }] } as never);
    await refused(() => publishPolicy(db, projectId, 'Ana'), 'The draft cannot be published');
    await refused(() => startFromTemplate(db, 'no-such-project', 'light'), 'That project no longer exists.');
  });
});

describe('people', () => {
  it('adds people with roles, refuses a nameless or repeated name, and audits role changes', async () => {
    const ana = await addPerson(db, { projectId, name: ' Ana ', roles: ['approver', 'approver', ''], by: 'Ana' });
    expect(ana).toMatchObject({ name: 'Ana', roles: ['approver'] });
    await refused(() => addPerson(db, { projectId, name: 'ana', roles: [], by: 'Ana' }), 'There is already a person called “ana”');
    await refused(() => addPerson(db, { projectId, name: '  ', roles: [], by: 'Ana' }), 'Give the person a name.');
    const updated = await updatePersonRoles(db, { personId: ana.id, roles: ['ethics-reviewer', 'approver'], by: 'Lee' });
    expect(updated.roles).toEqual(['approver', 'ethics-reviewer']);
    expect(await listPeople(db, projectId)).toEqual([updated]);
    expect(await actions()).toContain('governance.person.roles');
    await chainVerifies();
  });
});

describe('reviews, decisions and waivers', () => {
  it('refuses a decision by the requester, or in a role the gate or the person lacks, with the database unchanged', async () => {
    const { ana, lee } = await governed();
    const dv = await datasetVersion();
    const request = await requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: dv }, personId: lee.id, note: 'Please' });
    await refused(() => requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: dv }, personId: ana.id, note: '' }), 'Lee already asked for a Data Ethics Review of dataset v1');
    const decision = (personId: string, role: string) => recordDecision(db, { projectId, requestId: request.id, personId, role, outcome: 'request-changes', comment: 'Answer the questions' });
    await refused(() => decision(lee.id, 'ethics-reviewer'), 'Lee asked for this review and cannot decide it');
    await refused(() => decision(ana.id, 'ethics-reviewer'), 'Ana does not hold the role "ethics-reviewer"');
    await refused(() => decision(ana.id, 'engineering-lead'), 'is decided by the role "ethics-reviewer", not "engineering-lead"');
    await refused(() => requestReviewFor(db, { projectId, gateId: 'performance-sla', object: { kind: 'dataset-version', id: dv }, personId: ana.id, note: '' }), 'Performance SLA judges model versions');
    await refused(() => requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: 'elsewhere' }, personId: ana.id, note: '' }), 'That dataset version does not exist in this project.');
  });

  it('refuses a waiver without an expiry, and anything before a policy is published', async () => {
    const dv = await datasetVersion();
    const ana = await addPerson(db, { projectId, name: 'Ana', roles: ['ethics-reviewer'], by: 'Ana' });
    const waive = (expiresAt: string | null) =>
      grantWaiverFor(db, { projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: dv }, personId: ana.id, role: 'ethics-reviewer', reason: 'Pilot', owner: 'Ana', expiresAt });
    await refused(() => waive('2099-01-01T00:00:00.000Z'), 'No governance policy is published');
    await startFromTemplate(db, projectId, 'standard');
    await publishPolicy(db, projectId, 'Ana');
    await refused(() => waive(null), 'A waiver needs an expiry date');
    const waiver = await waive('2099-01-01T00:00:00.000Z');
    expect((await governanceRecords(db, projectId)).waivers).toEqual([{ projectId, ...waiver }]);
    expect(await actions()).toContain('governance.waiver');
    await chainVerifies();
  });

  it('fails as a whole when its audit entry cannot be written', async () => {
    const { lee } = await governed();
    const dv = await datasetVersion();
    vi.spyOn(db.auditLog, 'add').mockRejectedValueOnce(new Error('disk full'));
    await refused(() => requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: dv }, personId: lee.id, note: '' }), 'disk full');
    vi.restoreAllMocks();
  });
});

describe('a full flow to mayProceed', () => {
  it('trains on a dataset version only once its Data Ethics Review is approved or waived, and deploys a model version once its Performance SLA is approved', async () => {
    const { policy, ana, lee } = await governed();
    const dv = await datasetVersion();
    const object = { kind: 'dataset-version', id: dv } as const;
    const train = async (now: number) => mayProceed(await currentPolicy(db, projectId), 'train', await gateFacts(db, projectId, object), await governanceRecords(db, projectId), now);
    expect((await train(Date.now())).allowed).toBe(false);

    const request = await requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object, personId: ana.id, note: 'Before training' });
    expect(request.policy).toEqual({ version: policy.version, hash: policy.hash });
    // The data checks, review marks and ethics answers are not stored yet: nothing to approve on.
    await refused(
      () => recordDecision(db, { projectId, requestId: request.id, personId: lee.id, role: 'ethics-reviewer', outcome: 'approve', comment: '' }),
      'Cannot approve while evidence is not met',
    );
    const changes = await recordDecision(db, { projectId, requestId: request.id, personId: lee.id, role: 'ethics-reviewer', outcome: 'request-changes', comment: 'Run the data checks' });
    expect(changes.by).toEqual({ personId: lee.id, name: 'Lee', role: 'ethics-reviewer' });
    expect((await train(Date.now())).allowed).toBe(false);

    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    await grantWaiverFor(db, { projectId, gateId: 'data-ethics-review', object, personId: lee.id, role: 'ethics-reviewer', reason: 'Synthetic pilot data', owner: 'Lee', expiresAt });
    expect(await train(Date.now())).toMatchObject({ allowed: true, notes: [expect.stringContaining('Data Ethics Review')] });
    expect((await train(Date.parse(expiresAt) + 1)).allowed).toBe(false);

    // A model version whose run passes the Performance SLA: approved by the other person.
    const facts = modelFacts();
    await saveCriteria(db, projectId, facts.criteria);
    const run = { id: 'run-a', projectId, datasetVersionId: dv, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: facts.metrics, curves: {}, timings: {}, appVersion: 'test', evaluation: facts.evaluation as RunEvaluation } as const;
    await saveRun(db, run as never, { modelTopology: {}, weightSpecs: [], weightData: new Float32Array([1]).buffer, vectorizer: {} });
    const mv = await registerRun(db, { runId: 'run-a', modelName: 'Router', by: 'Ana' });
    const model = { kind: 'model-version', id: mv.id } as const;
    const deploy = async () => mayProceed(await currentPolicy(db, projectId), 'deploy', await gateFacts(db, projectId, model), await governanceRecords(db, projectId), Date.now());
    expect((await deploy()).allowed).toBe(false);
    const sla = await requestReviewFor(db, { projectId, gateId: 'performance-sla', object: model, personId: ana.id, note: '' });
    await recordDecision(db, { projectId, requestId: sla.id, personId: lee.id, role: 'engineering-lead', outcome: 'approve', comment: '' });
    expect((await deploy()).allowed).toBe(true);

    expect((await actions()).filter((a) => a.startsWith('governance.'))).toEqual([
      'governance.policy.publish', 'governance.person.add', 'governance.person.add', 'governance.review.request',
      'governance.signing-key.create', 'governance.decision.request-changes', 'governance.waiver', 'governance.review.request', 'governance.decision.approve',
    ]);
    await chainVerifies();
    // The trail carries each record whole: point-in-time answers read the very records the gates do.
    const stored = await governanceRecords(db, projectId);
    const read = governanceFromTrail(await readAuditChain(db, projectId), stored.policies, new Date().toISOString());
    // toEqual ignores undefined fields: the stored records' projectId is left out.
    const plain = (records: readonly object[]) => records.map((r) => ({ ...r, projectId: undefined }));
    expect(read.records).toEqual({ policies: stored.policies, requests: plain(stored.requests), decisions: plain(stored.decisions), waivers: plain(stored.waivers) });
    expect(read.policy).toEqual(policy);
  });
});
