/**
 * Snapshot v3 carries the risk assessments, governed documents, template fills and playbook
 * ticks, and the signing section (public keys, one sign-off per signed decision). An import
 * verifies every signature and that each signed payload states its decision's facts, and refuses
 * the whole file, naming the entry, when one does not hold; scripts/verify-signatures.mjs checks
 * the same file outside the app.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { exportSnapshot, importSnapshot, SnapshotImportError } from '$lib/db/snapshot';
import { validateAgainstSchema } from '$lib/core/snapshot/schemaValidation';
import { readSnapshot } from '$lib/core/snapshot/readSnapshot';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import { formatProblem } from '$lib/core/snapshot/problems';
import { normalizeForComparison } from '$lib/core/snapshot/normalizeForComparison';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { everyRecord, freshDbsPerTest } from '../db/testDb';
import { decide, signedProject, type SignedProject } from './signedProject';

const open = freshDbsPerTest();
const SCRIPT = fileURLToPath(new URL('../../../scripts/verify-signatures.mjs', import.meta.url));
const NOW = '2026-03-05T00:00:00.000Z';

let source: LifecycleDatabase;
let made: SignedProject;
let doc: SnapshotDocument;

beforeEach(async () => {
  source = open();
  made = await signedProject(source);
  doc = await exportSnapshot(source, made.projectId, { includeRows: true, now: NOW });
});

/** The project's records of the v3 stores and its decisions, as stored (private keys aside). */
async function storedV3(db: LifecycleDatabase, projectId: string) {
  return {
    riskAssessments: await db.riskAssessments.where('projectId').equals(projectId).toArray(),
    documents: await db.documents.where('projectId').equals(projectId).toArray(),
    templateFills: await db.templateFills.where('projectId').equals(projectId).toArray(),
    playbookTicks: await db.playbookTicks.where('projectId').equals(projectId).toArray(),
    decisions: await db.decisions.where('projectId').equals(projectId).toArray(),
    keys: (await db.signingKeys.where('projectId').equals(projectId).sortBy('createdAt')).map(({ privateKey: _p, ...k }) => k),
  };
}

const plain = (items: readonly object[]) => items.map(({ projectId: _p, ...r }: { projectId?: string }) => r);

/** Entry `at` of `text` replaced by another character of the base64url alphabet. */
function changedAt(text: string, at: number): string {
  return text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
}

async function refusedWith(target: LifecycleDatabase, edit: (d: SnapshotDocument) => void): Promise<string[]> {
  const copy = structuredClone(doc);
  edit(copy);
  const before = await everyRecord(target);
  const error = await importSnapshot(target, serializeSnapshot(copy)).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(SnapshotImportError);
  expect(await everyRecord(target)).toEqual(before);
  return (error as SnapshotImportError).problems.map(formatProblem);
}

/** Lee's public key as the snapshot carries it (Ana's, from a snapshot, sorts first: it is older). */
const leeKey = (d: SnapshotDocument) => d.signing.keys.find((k) => k.personId === made.lee)!;

function runScript(path: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, path], (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
  });
}

describe('snapshot v3: new governance records and the signing section', () => {
  it('exports every record of the new stores, the public keys without their private half, and one sign-off per signed decision', async () => {
    const stored = await storedV3(source, made.projectId);
    expect(doc.schemaVersion).toBe(3);
    expect(doc.governance.riskAssessments).toEqual(plain(stored.riskAssessments));
    expect(doc.governance.documents).toEqual(plain(stored.documents));
    expect(doc.governance.templateFills).toEqual(plain(stored.templateFills));
    expect(doc.governance.playbookTicks).toEqual(plain(stored.playbookTicks));
    expect(doc.governance.riskAssessments).toEqual([expect.objectContaining({ tier: 'minimal', by: { personId: made.lee, name: 'Lee' } })]);
    expect(doc.governance.documents.map((d) => [d.id, d.version, d.parentId])).toEqual([['doc-1', 1, null], ['doc-2', 2, 'doc-1']]);
    // The signed decision keeps its signature in the governance section; the other has none.
    expect(doc.governance.decisions.map((d) => [d.by.name, d.signature ?? null])).toEqual([['Lee', made.signed.signature], ['Ana', null]]);
    expect(doc.signing).toEqual({
      keys: plain(stored.keys),
      signOffs: [{ id: made.signed.id, payload: made.signed.signature!.payload, signature: made.signed.signature!.value, personId: made.lee }],
    });
    expect(Object.keys(doc.signing.keys[0]).sort()).toEqual(['createdAt', 'fingerprint', 'name', 'personId', 'publicKeyJwk']);
    expect(serializeSnapshot(doc)).not.toMatch(/privateKey|"d":/);
    expect(validateAgainstSchema(doc).map(formatProblem)).toEqual([]);
    expect(readSnapshot(serializeSnapshot(doc))).toMatchObject({ ok: true, migratedFrom: null });
  });

  it('imports into another database with every new record equal, keys that verify but cannot sign, and re-exports the same sections', async () => {
    const target = open();
    const { project, warnings } = await importSnapshot(target, serializeSnapshot(doc));
    expect(project.id).toBe(made.projectId);
    expect(warnings).toEqual([]);
    expect(await storedV3(target, project.id)).toEqual(await storedV3(source, made.projectId));
    expect((await target.signingKeys.toArray()).map((k) => k.privateKey)).toEqual([null, null]);
    const again = await exportSnapshot(target, project.id, { includeRows: true, now: NOW });
    expect(again.governance).toEqual(doc.governance);
    expect(again.signing).toEqual(doc.signing);
    const [entry] = await target.auditLog.where('projectId').equals(project.id).reverse().sortBy('seq');
    expect(entry).toMatchObject({ action: 'snapshot.import', refs: { signOffsVerified: '1' }, detail: expect.stringContaining("Its 1 sign-off was verified against their signers' keys.") });
  });

  it('imports a copy beside the original under fresh ids: new records mapped, decisions unsigned (the signatures cover the old ids), with a warning', async () => {
    const { project, warnings } = await importSnapshot(source, serializeSnapshot(doc));
    expect(project.id).not.toBe(made.projectId);
    expect(warnings).toEqual(['This copy has new ids, which its 1 verified signature do not cover: its decisions are kept unsigned here (the file still proves them).']);
    const copy = await storedV3(source, project.id);
    const lee = (await source.people.where('projectId').equals(project.id).toArray()).find((p) => p.name === 'Lee')!.id;
    const [version] = await source.datasetVersions.where('projectId').equals(project.id).toArray();
    expect(copy.decisions.map((d) => d.signature)).toEqual([undefined, undefined]);
    expect(copy.keys.find((k) => k.personId === lee)).toEqual({ ...plain([leeKey(doc)])[0], personId: lee, projectId: project.id });
    expect(copy.riskAssessments).toEqual([expect.objectContaining({ projectId: project.id, by: { personId: lee, name: 'Lee' }, tier: 'minimal' })]);
    expect(copy.riskAssessments[0].id).not.toBe(doc.governance.riskAssessments[0].id);
    const [v1, v2] = copy.documents.sort((a, b) => a.version - b.version);
    expect([v1.subjectId, v2.subjectId, v2.parentId, v1.transitions[1].by?.personId]).toEqual([version.id, version.id, v1.id, lee]);
    expect(copy.playbookTicks.map((t) => t.id)).toEqual([`${project.id}:define-owner`]);
    expect(copy.templateFills).toEqual([expect.objectContaining({ templateId: 'problem-statement', fields: { problem: 'Tickets wait' } })]);
    // Exported again, the copy is the original under other ids, but for the signatures it could not keep.
    const again = await exportSnapshot(source, project.id, { includeRows: true, now: NOW });
    const unsigned = { ...doc.governance, decisions: doc.governance.decisions.map(({ signature: _s, ...d }) => d) };
    expect(normalizeForComparison(again)).toEqual(normalizeForComparison({
      ...doc, project: { ...doc.project, name: 'Signed (imported)' }, governance: unsigned, signing: { ...doc.signing, signOffs: [] },
    }));
  });

  it('refuses a changed byte in a signature, a public key or a consistently edited payload, naming the entry, and writes nothing', async () => {
    const target = open();
    const entry = `The sign-off of decision "${made.signed.id}" (Lee, gate data-ethics-review)`;
    const bothSignatures = (d: SnapshotDocument, edit: (text: string) => string) => {
      d.governance.decisions[0].signature!.value = d.signing.signOffs[0].signature = edit(d.signing.signOffs[0].signature);
    };
    expect(await refusedWith(target, (d) => bothSignatures(d, (s) => changedAt(s, 10)))).toEqual([
      `/signing/signOffs/0: ${entry}: its signature does not verify with their key: the payload, the signature or the public key was changed.`,
    ]);
    expect(await refusedWith(target, (d) => (leeKey(d).publicKeyJwk.x = changedAt(leeKey(d).publicKeyJwk.x, 5)))).toEqual([
      `/signing/signOffs/0: ${entry}: their public key does not match its fingerprint: the key or its fingerprint was changed.`,
    ]);
    // The decision's comment and the signed payload changed alike: the facts agree, the signature does not.
    expect(await refusedWith(target, (d) => {
      const payload = d.signing.signOffs[0].payload.replace('Checked the rows', 'Checked the rowz');
      d.governance.decisions[0].comment = 'Checked the rowz';
      d.governance.decisions[0].signature!.payload = d.signing.signOffs[0].payload = payload;
    })).toEqual([`/signing/signOffs/0: ${entry}: its signature does not verify with their key: the payload, the signature or the public key was changed.`]);
  });

  it('refuses a payload stating other facts than its decision, and a signing section that is not the decisions’ signatures', async () => {
    const target = open();
    const entry = `The sign-off of decision "${made.signed.id}" (Lee, gate data-ethics-review)`;
    expect(await refusedWith(target, (d) => {
      d.governance.decisions[0].outcome = 'reject';
      d.governance.decisions[0].at = '2026-03-04T00:00:00.000Z';
    })).toEqual([`/governance/decisions/0/signature/payload: ${entry} signed other facts than the decision states: outcome, time.`]);
    expect(await refusedWith(target, (d) => (d.signing.signOffs[0].signature = changedAt(d.signing.signOffs[0].signature, 3)))).toEqual([
      `/signing/signOffs/0: ${entry} differs from the signature its decision carries (/governance/decisions/0/signature): signOffs repeats them exactly, in order.`,
    ]);
    expect(await refusedWith(target, (d) => (d.governance.decisions[0].signature!.fingerprint = '0'.repeat(16)))).toEqual([
      `/governance/decisions/0/signature/fingerprint: ${entry} names key 0000000000000000, but Lee's key is ${leeKey(doc).fingerprint}.`,
    ]);
    // The schema: a kind or status the app does not have, a field of the wrong type.
    expect(await refusedWith(target, (d) => {
      (d.governance.documents[0] as { kind: string }).kind = 'poster';
      (d.governance.documents[1] as { status: string }).status = 'published';
      (d.governance.playbookTicks[0] as { done: unknown }).done = 'yes';
    })).toEqual([
      '/governance/documents/0/kind: must be one of "model-card", "datasheet", "annex-iv".',
      '/governance/documents/1/status: must be one of "draft", "in-review", "approved", "archived".',
      '/governance/playbookTicks/0/done: must be true or false.',
    ]);
    expect(await refusedWith(target, (d) => {
      d.governance.riskAssessments[0].answers = { 'intended-use': ['astrology'] };
      d.governance.documents[1].parentId = 'nowhere';
      d.governance.playbookTicks[0].id = 'other-project:define-owner';
    })).toEqual([
      expect.stringMatching(/^\/governance\/riskAssessments\/0\/answers\/intended-use\/0: must be one of .*, got "astrology"\.$/),
      '/governance/documents/1/parentId: names no document version of this snapshot ("nowhere").',
      `/governance/playbookTicks/0/id: must be "<project id>:<item id>" of this snapshot ("${made.projectId}:define-owner").`,
    ]);
  });

  it('leaves out the signature of a decision whose comment masking changed, and the masked file still imports', async () => {
    const [, ana] = doc.governance.decisions;
    await decide(source, made.projectId, made.datasetVersionId, made.ana, made.lee, 'Ask lee@example.com');
    const masked = await exportSnapshot(source, made.projectId, { includeRows: true, maskPii: true, now: NOW });
    expect(masked.governance.decisions.map((d) => [d.comment, d.signature !== undefined])).toEqual([['Checked the rows', true], [ana.comment, false], ['Ask [EMAIL]', false]]);
    expect(masked.signing.signOffs.map((s) => s.id)).toEqual([made.signed.id]);
    expect(serializeSnapshot(masked)).not.toContain('lee@example.com');
    await expect(importSnapshot(open(), serializeSnapshot(masked))).resolves.toMatchObject({ warnings: [] });
  });
});

describe('scripts/verify-signatures.mjs on an exported snapshot', () => {
  it('passes the file as exported, and fails a copy with one byte of a signature changed, naming the entry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'snapshot-signatures-'));
    try {
      const text = serializeSnapshot(doc, { pretty: true });
      const good = join(dir, 'good.json');
      await writeFile(good, text);
      expect(await runScript(good)).toMatchObject({ code: 0, stdout: '1 sign-offs verify\n' });
      const changed = join(dir, 'changed.json');
      const signature = doc.signing.signOffs[0].signature;
      // The signature also appears in the decision and its audit entry: change it where the verifier reads it.
      await writeFile(changed, changedAt(text, text.indexOf(signature, text.indexOf(`"signOffs"`)) + 20));
      expect(await runScript(changed)).toMatchObject({ code: 1, stderr: `Sign-off 1 (Lee, ${made.signed.id}): bad signature\n` });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
