/**
 * A project with every record snapshot schema v3 added, written for the snapshot tests: a risk
 * assessment, a governed document in two versions, a template fill, a playbook tick, signing keys
 * and a signed decision (signed as the app signs every decision: db/signingKeys.ts, db/signOffs.ts).
 */
import type { LifecycleDatabase } from '$lib/db/database';
import type { DecisionRecord, SigningKeyStoreRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson } from '$lib/db/governancePeople';
import { recordDecision, requestReviewFor } from '$lib/db/governance';
import { saveRiskAssessment } from '$lib/db/riskAssessments';
import { signingKeyOf } from '$lib/db/signingKeys';
import { generateSigningKey, keyFingerprint, publicKeyJwk, signOff, signOffInputOf, signOffPayload } from '$lib/core/governance/signatures';
import type { Decision } from '$lib/core/governance/records';
import { makeRows } from '../db/testDb';

/** Stores a signing key for the person, private half included (make-snapshot-v3.ts: a key made as the app makes it). */
export async function storeSigningKey(db: LifecycleDatabase, projectId: string, person: { id: string; name: string }, createdAt = '2026-03-01T08:00:00.000Z'): Promise<SigningKeyStoreRecord> {
  const pair = await generateSigningKey();
  const jwk = await publicKeyJwk(pair);
  const record: SigningKeyStoreRecord = { personId: person.id, projectId, name: person.name, publicKeyJwk: jwk, fingerprint: await keyFingerprint(jwk), createdAt, privateKey: pair.privateKey };
  await db.signingKeys.add(record);
  return record;
}

/** Signs a stored decision of a dataset version with the decider's stored key (make-snapshot-v3.ts signs a fixture's decision). */
export async function signDecision(db: LifecycleDatabase, decision: Decision, projectId: string): Promise<DecisionRecord> {
  const key = await signingKeyOf(db, decision.by.personId);
  if (!key?.privateKey) throw new Error(`${decision.by.name} has no key that signs.`);
  if (decision.subject.kind !== 'dataset-version') throw new Error('This helper signs dataset version decisions.');
  const payload = signOffPayload(signOffInputOf(decision, decision.subject.contentHash, projectId));
  const signed: DecisionRecord = { ...decision, projectId, signature: { payload, value: await signOff(key.privateKey, payload), fingerprint: key.fingerprint } };
  await db.decisions.put(signed);
  return signed;
}

/**
 * Stores a signing key for the person as a snapshot brings it: the public half only, so it
 * verifies but cannot sign (their decisions here are recorded unsigned).
 */
export async function storeImportedKey(db: LifecycleDatabase, projectId: string, person: { id: string; name: string }, createdAt = '2026-03-01T08:00:00.000Z'): Promise<SigningKeyStoreRecord> {
  const jwk = await publicKeyJwk(await generateSigningKey());
  const record: SigningKeyStoreRecord = { personId: person.id, projectId, name: person.name, publicKeyJwk: jwk, fingerprint: await keyFingerprint(jwk), createdAt, privateKey: null };
  await db.signingKeys.add(record);
  return record;
}

/** A fresh review request by `requester` on the Data Ethics Review, decided by `decider` (signed when their key can sign). */
export async function decide(db: LifecycleDatabase, projectId: string, datasetVersionId: string, requester: string, decider: string, comment: string): Promise<Decision> {
  const request = await requestReviewFor(db, { projectId, gateId: 'data-ethics-review', object: { kind: 'dataset-version', id: datasetVersionId }, personId: requester, note: 'Please review' });
  return recordDecision(db, { projectId, requestId: request.id, personId: decider, role: 'ethics-reviewer', outcome: 'request-changes', comment });
}

export interface SignedProject {
  projectId: string;
  datasetVersionId: string;
  ana: string;
  lee: string;
  /** Lee's decision, signed; then Ana's comment, unsigned (made before decisions were signed). */
  signed: Decision;
}

/** Standard policy, Ana and Lee; Lee asks for changes to the Data Ethics Review and signs; one of each v3 record. */
export async function signedProject(db: LifecycleDatabase): Promise<SignedProject> {
  const projectId = (await createProject(db, { name: 'Signed' })).id;
  const version = await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) });
  await startFromTemplate(db, projectId, 'standard');
  await publishPolicy(db, projectId, 'Ana');
  const ana = await addPerson(db, { projectId, name: 'Ana', roles: ['ethics-reviewer'], by: 'Ana' });
  const lee = await addPerson(db, { projectId, name: 'Lee', roles: ['ethics-reviewer'], by: 'Ana' });
  const signed = await decide(db, projectId, version.id, ana.id, lee.id, 'Checked the rows');
  // Ana's comment as made before decisions were signed (e.g. brought by a v2 snapshot).
  const unsigned = await decide(db, projectId, version.id, lee.id, ana.id, 'One more look');
  await db.decisions.update(unsigned.id, { signature: undefined });

  const by = { personId: lee.id, name: 'Lee' };
  await saveRiskAssessment(db, projectId, { 'intended-use': ['none'] }, by);
  await db.documents.bulkAdd([
    {
      id: 'doc-1', projectId, kind: 'datasheet', subjectId: version.id, version: 1, status: 'approved', fields: { motivation: 'Route tickets' }, parentId: null,
      createdAt: '2026-03-02T09:00:00.000Z', transitions: [{ status: 'in-review', at: '2026-03-02T09:10:00.000Z', by, note: '' }, { status: 'approved', at: '2026-03-02T10:00:00.000Z', by, note: 'Fine' }],
    },
    { id: 'doc-2', projectId, kind: 'datasheet', subjectId: version.id, version: 2, status: 'draft', fields: { motivation: 'Route tickets faster' }, parentId: 'doc-1', createdAt: '2026-03-03T09:00:00.000Z', transitions: [] },
  ]);
  await db.templateFills.add({ id: 'tf-1', projectId, templateId: 'problem-statement', fields: { problem: 'Tickets wait' }, at: '2026-03-02T11:00:00.000Z', by: null });
  await db.playbookTicks.add({ id: `${projectId}:define-owner`, projectId, itemId: 'define-owner', done: true, at: '2026-03-02T12:00:00.000Z', by });
  return { projectId, datasetVersionId: version.id, ana: ana.id, lee: lee.id, signed };
}
