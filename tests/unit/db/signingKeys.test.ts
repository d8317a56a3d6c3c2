import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { RunEvaluation } from '$lib/core/models/runReport';
import { createProject } from '$lib/db/projects';
import { saveRun } from '$lib/db/runs';
import { registerRun } from '$lib/db/registry';
import { saveCriteria } from '$lib/db/canvas';
import { createDatasetVersion } from '$lib/db/datasets';
import { readAuditChain } from '$lib/db/audit';
import { publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson, removePerson } from '$lib/db/governancePeople';
import { recordDecision, requestReviewFor } from '$lib/db/governance';
import { ensureSigningKey, signingKeyOf } from '$lib/db/signingKeys';
import { verifyProjectSignOffs } from '$lib/db/signOffs';
import { exportSnapshot } from '$lib/db/snapshot/exportSnapshot';
import { modelFilesHash } from '$lib/core/governance/modelFilesHash';
import { keyFingerprint, parseSignOffPayload, signOffInputOf, signOffPayload, verifySignOff } from '$lib/core/governance/signatures';
import { modelFacts } from '../governance/fixtures';
import { freshDbsPerTest, makeRows } from './testDb';
import { storeImportedKey } from '../snapshot/signedProject';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Signed' })).id;
});

const FILES = { modelTopology: { layers: 1 }, weightSpecs: [{ name: 'w', shape: [1], dtype: 'float32' }], weightData: new Float32Array([0.5]).buffer, vectorizer: { vocabulary: ['a'] } };

/** Router v1 from a run whose files are stored; then Standard published; Ana asks, Lee (engineering lead) decides. */
async function governedModel() {
  const dv = (await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) })).id;
  const facts = modelFacts();
  await saveCriteria(db, projectId, facts.criteria);
  const run = { id: 'run-a', projectId, datasetVersionId: dv, createdAt: '2026-03-01T00:00:00.000Z', status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: facts.metrics, curves: {}, timings: {}, appVersion: 'test', evaluation: facts.evaluation as RunEvaluation } as const;
  await saveRun(db, run as never, structuredClone(FILES));
  const mv = await registerRun(db, { runId: 'run-a', modelName: 'Router', by: 'Ana' });
  await startFromTemplate(db, projectId, 'standard');
  await publishPolicy(db, projectId, 'Ana');
  const ana = await addPerson(db, { projectId, name: 'Ana', roles: [], by: 'Ana' });
  const lee = await addPerson(db, { projectId, name: 'Lee', roles: ['engineering-lead'], by: 'Ana' });
  const request = await requestReviewFor(db, { projectId, gateId: 'performance-sla', object: { kind: 'model-version', id: mv.id }, personId: ana.id, note: '' });
  return { ana, lee, request };
}

describe('signing keys', () => {
  it('are made on first need with a non-extractable private key, stored with the public JWK and its fingerprint, and audited once', async () => {
    const person = await addPerson(db, { projectId, name: 'Lee', roles: [], by: 'Lee' });
    const made = await ensureSigningKey(db, projectId, person);
    const stored = (await signingKeyOf(db, person.id))!;
    expect(stored.privateKey).toMatchObject({ type: 'private', extractable: false, usages: ['sign'] });
    await expect(crypto.subtle.exportKey('jwk', stored.privateKey!)).rejects.toThrow();
    expect(Object.keys(stored.publicKeyJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(stored.fingerprint).toBe(await keyFingerprint(stored.publicKeyJwk));
    expect(stored).toMatchObject({ projectId, personId: person.id, name: 'Lee', fingerprint: made.fingerprint });
    expect((await ensureSigningKey(db, projectId, person)).fingerprint).toBe(made.fingerprint);
    const created = (await readAuditChain(db, projectId)).filter((e) => e.action === 'governance.signing-key.create');
    expect(created.map((e) => e.detail)).toEqual([`Signing key created for Lee (fingerprint ${made.fingerprint})`]);
  });

  it('are made anew for a person whose key came from a snapshot (it cannot sign here); the old one is kept and still verifies', async () => {
    const person = await addPerson(db, { projectId, name: 'Lee', roles: [], by: 'Lee' });
    const imported = await storeImportedKey(db, projectId, person);
    const made = await ensureSigningKey(db, projectId, person);
    expect(made.fingerprint).not.toBe(imported.fingerprint);
    expect(made.privateKey).toMatchObject({ type: 'private', extractable: false });
    expect(await signingKeyOf(db, person.id)).toMatchObject({ fingerprint: made.fingerprint });
    expect((await db.signingKeys.where('personId').equals(person.id).toArray()).map((k) => [k.fingerprint, k.privateKey === null]).sort()).toEqual(
      [[imported.fingerprint, true], [made.fingerprint, false]].sort(),
    );
    expect((await ensureSigningKey(db, projectId, person)).fingerprint).toBe(made.fingerprint);
  });

  it('outlive a removed person as a public key only', async () => {
    const person = await addPerson(db, { projectId, name: 'Lee', roles: [], by: 'Lee' });
    const made = await ensureSigningKey(db, projectId, person);
    await removePerson(db, { personId: person.id, by: 'Lee' });
    expect(await signingKeyOf(db, person.id)).toMatchObject({ fingerprint: made.fingerprint, privateKey: null });
  });
});

describe('signed decisions', () => {
  it('sign the decision with the model files’ hash; the signature verifies, and a tampered byte of its payload fails', async () => {
    const { lee, request } = await governedModel();
    const decision = await recordDecision(db, { projectId, requestId: request.id, personId: lee.id, role: 'engineering-lead', outcome: 'approve', comment: 'Meets the SLA' });
    const key = (await signingKeyOf(db, lee.id))!;
    const contentHash = await modelFilesHash(FILES);
    const { signature, ...unsigned } = decision;
    expect(signature).toMatchObject({ fingerprint: key.fingerprint, payload: signOffPayload(signOffInputOf(unsigned, contentHash, projectId)) });
    expect(parseSignOffPayload(signature!.payload, lee.id)).toMatchObject({ contentHash, gateId: 'performance-sla', decision: { outcome: 'approve', role: 'engineering-lead' } });
    expect(await db.decisions.get(decision.id)).toMatchObject({ signature });
    expect(await verifySignOff(key.publicKeyJwk, signature!.payload, signature!.value)).toBe(true);
    expect(await verifyProjectSignOffs(db, projectId)).toEqual(new Map([[decision.id, { ok: true, fingerprint: key.fingerprint }]]));

    // One byte of the stored payload changed ("approve" → "approvf"): the signature no longer holds.
    const tampered = signature!.payload.replace('"approve"', '"approvf"');
    expect(tampered).not.toBe(signature!.payload);
    expect(await verifySignOff(key.publicKeyJwk, tampered, signature!.value)).toBe(false);
    await db.decisions.update(decision.id, { signature: { ...signature!, payload: tampered } });
    expect(await verifyProjectSignOffs(db, projectId)).toEqual(new Map([[decision.id, { ok: false, reason: 'the signature does not match the signed text' }]]));
  });

  it('keep what people wrote out of a masked export: the signed text in the trail is masked like the comment', async () => {
    const { lee, request } = await governedModel();
    await recordDecision(db, { projectId, requestId: request.id, personId: lee.id, role: 'engineering-lead', outcome: 'request-changes', comment: 'Ask ana@example.com first' });
    const masked = await exportSnapshot(db, projectId, { maskPii: true, now: '2026-03-05T00:00:00.000Z' });
    const entry = masked.auditLog.find((e) => e.refs.signedPayload)!;
    expect(entry.refs.comment).toBe('Ask [EMAIL] first');
    expect(entry.refs.signedPayload).toContain('"comment":"Ask [EMAIL] first"');
    expect(JSON.stringify(masked)).not.toContain('ana@example.com');
  });

  it('report a signature whose decision or model files changed since', async () => {
    const { lee, request } = await governedModel();
    const decision = await recordDecision(db, { projectId, requestId: request.id, personId: lee.id, role: 'engineering-lead', outcome: 'approve', comment: 'ok' });
    await db.decisions.update(decision.id, { comment: 'edited afterwards' });
    expect((await verifyProjectSignOffs(db, projectId)).get(decision.id)).toEqual({ ok: false, reason: 'the signed text is not this decision as stored' });
    await db.decisions.update(decision.id, { comment: 'ok' });
    await db.runArtifacts.update('run-a', { weightData: new Float32Array([0.25]).buffer });
    expect((await verifyProjectSignOffs(db, projectId)).get(decision.id)).toEqual({ ok: false, reason: 'the object’s content changed since it was signed' });
  });
});
