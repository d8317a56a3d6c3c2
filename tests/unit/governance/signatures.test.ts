import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeSignOffFailure, generateSigningKey, keyFingerprint, publicKeyJwk, signOff, signOffInputOf, signOffPayload,
  verifySignOff, verifySignOffs, type PublicKeyJwk, type SignOffInput, type SignOffRecord, type SigningKeyRecord,
} from '$lib/core/governance/signatures';
import { modelFilesHash } from '$lib/core/governance/modelFilesHash';
import type { Decision } from '$lib/core/governance/records';

const SCRIPT = fileURLToPath(new URL('../../../scripts/verify-signatures.mjs', import.meta.url));

const INPUT: SignOffInput = {
  projectId: 'p-1',
  subject: { kind: 'model-version', modelVersionId: 'mv-1', modelName: 'Ticket classifier', version: 2, runId: 'run-7' },
  contentHash: 'a'.repeat(64),
  policy: { version: 3, hash: 'b'.repeat(64) },
  gateId: 'council-review',
  decision: { outcome: 'approve', comment: 'Signed — “fine”', role: 'legal', personId: 'person-ana', name: 'Ana', at: '2026-03-01T10:00:00.000Z' },
};

/**
 * Made once with an extractable key (ECDSA is randomized, so a signature cannot be recomputed)
 * and checked independently with Python's `cryptography` (r‖s → DER, ec.ECDSA(SHA256)); the
 * payload equals json.dumps(…, sort_keys=True, separators=(",", ":"), ensure_ascii=False).
 */
const VECTOR = {
  jwk: { kty: 'EC', crv: 'P-256', x: 'PO-hOBL-tCHAXATJmv5B0bxutMNWb_sYIVelF1tGYic', y: 'H2_DMIa7KQRwviPmG_huskKs0O9HzPyJf96ICfbkCl8' } as PublicKeyJwk,
  fingerprint: '159abd460a0761fd',
  payload: '{"contentHash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","decision":{"at":"2026-03-01T10:00:00.000Z","comment":"Signed — “fine”","name":"Ana","outcome":"approve","personId":"person-ana","role":"legal"},"gateId":"council-review","kind":"lifecycle-lab/sign-off","policy":{"hash":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","version":3},"projectId":"p-1","subject":{"kind":"model-version","modelName":"Ticket classifier","modelVersionId":"mv-1","runId":"run-7","version":2},"version":1}',
  signature: 'y5LszAQnMOaNN7rglDe32o_nrj2ie-LJOQHCsyZBCAoSpKX4OjHeVbB_2AqhtcV4iImkw9siXs7TXdX6wJb4nQ',
};

/** `text` with the character at `at` replaced by a different one of the same alphabet. */
function changedAt(text: string, at: number): string {
  const swap = text[at] === 'A' ? 'B' : 'A';
  return text.slice(0, at) + swap + text.slice(at + 1);
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A 64-byte signature with its last character's lowest (unused) bit flipped: the same bytes to a lax decoder. */
function slackSibling(signature: string): string {
  return signature.slice(0, -1) + BASE64URL[BASE64URL.indexOf(signature.at(-1)!) ^ 1];
}

function inputFor(personId: string, name: string, comment: string): SignOffInput {
  return { ...INPUT, decision: { ...INPUT.decision, personId, name, comment } };
}

interface Signer { key: SigningKeyRecord; pair: CryptoKeyPair }

async function signer(personId: string, name: string): Promise<Signer> {
  const pair = await generateSigningKey();
  const jwk = await publicKeyJwk(pair);
  return { pair, key: { personId, name, publicKeyJwk: jwk, fingerprint: await keyFingerprint(jwk), createdAt: '2026-03-01T09:00:00.000Z' } };
}

async function signed(s: Signer, id: string, comment: string): Promise<SignOffRecord> {
  const payload = signOffPayload(inputFor(s.key.personId, s.key.name, comment));
  return { id, payload, signature: await signOff(s.pair.privateKey, payload), personId: s.key.personId };
}

let ana: Signer;
let ben: Signer;
let records: SignOffRecord[];

beforeAll(async () => {
  [ana, ben] = await Promise.all([signer('person-ana', 'Ana'), signer('person-ben', 'Ben')]);
  records = [await signed(ana, 'd-1', 'Looks right'), await signed(ben, 'd-2', 'Approved for legal'), await signed(ana, 'd-3', 'Again')];
});

describe('sign-off signatures', () => {
  it('verifies a pinned key, payload and signature (P1363 r‖s, base64url), and makes that exact payload', async () => {
    expect(signOffPayload(INPUT)).toBe(VECTOR.payload);
    expect(await keyFingerprint(VECTOR.jwk)).toBe(VECTOR.fingerprint);
    expect(await verifySignOff(VECTOR.jwk, VECTOR.payload, VECTOR.signature)).toBe(true);
  });

  it('verifies what a fresh key signed, and nothing with one byte changed', async () => {
    const payload = signOffPayload(INPUT);
    const signature = await signOff(ana.pair.privateKey, payload);
    expect(signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(await verifySignOff(ana.key.publicKeyJwk, payload, signature)).toBe(true);
    expect(await verifySignOff(ana.key.publicKeyJwk, payload.replace('"approve"', '"apprové"'), signature)).toBe(false);
    expect(await verifySignOff(ana.key.publicKeyJwk, payload.replace('Ana', 'Anb'), signature)).toBe(false);
    expect(await verifySignOff(ana.key.publicKeyJwk, payload, changedAt(signature, 10))).toBe(false);
    expect(await verifySignOff(ben.key.publicKeyJwk, payload, signature)).toBe(false);
  });

  it('refuses a signature whose last character differs only in unused bits', async () => {
    // 64 bytes take 85⅓ characters: the last one's low 4 bits carry nothing, and lax decoders ignore them.
    expect(await verifySignOff(VECTOR.jwk, VECTOR.payload, slackSibling(VECTOR.signature))).toBe(false);
    expect(await verifySignOff(VECTOR.jwk, VECTOR.payload, VECTOR.signature + 'A')).toBe(false);
    expect(await verifySignOff({ ...VECTOR.jwk, x: 'AAAA' }, VECTOR.payload, VECTOR.signature)).toBe(false);
  });

  it('keeps the private key non-extractable and records only the public point', async () => {
    expect(ana.pair.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', ana.pair.privateKey)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('pkcs8', ana.pair.privateKey)).rejects.toThrow();
    expect(Object.keys(ana.key.publicKeyJwk).sort()).toEqual(['crv', 'kty', 'x', 'y']);
    expect(ana.key.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(ben.key.fingerprint).not.toBe(ana.key.fingerprint);
  });

  it('signs the same text whatever order the facts were written in', () => {
    const { decision, subject, ...rest } = INPUT;
    const reordered = Object.fromEntries(Object.entries({ decision: Object.fromEntries(Object.entries(decision).reverse()), ...rest, subject }).reverse());
    expect(signOffPayload(reordered as unknown as SignOffInput)).toBe(VECTOR.payload);
    expect(signOffPayload({ ...INPUT, projectId: undefined })).not.toContain('projectId');
  });

  it('takes its facts from a stored decision, and refuses a hash that is not one', () => {
    const decision: Decision = {
      id: 'd-9', requestId: 'r-1', gateId: INPUT.gateId, subject: INPUT.subject, outcome: 'approve', comment: INPUT.decision.comment,
      by: { personId: 'person-ana', name: 'Ana', role: 'legal' }, at: INPUT.decision.at, policy: INPUT.policy,
    };
    expect(signOffPayload(signOffInputOf(decision, 'a'.repeat(64), 'p-1'))).toBe(VECTOR.payload);
    expect(() => signOffPayload({ ...INPUT, contentHash: 'A'.repeat(64) })).toThrow(/hexadecimal/);
    const dataset = { kind: 'dataset-version' as const, datasetVersionId: 'dv-1', number: 1, contentHash: 'c'.repeat(32) };
    expect(signOffPayload({ ...INPUT, subject: dataset, contentHash: 'c'.repeat(32) })).toContain('"datasetVersionId":"dv-1"');
    expect(() => signOffPayload({ ...INPUT, subject: dataset, contentHash: 'd'.repeat(32) })).toThrow(/its own content hash/);
  });
});

describe('verifySignOffs', () => {
  it('verifies every sign-off against its person’s keys', async () => {
    expect(await verifySignOffs(records, [ana.key, ben.key])).toEqual({ ok: true, count: 3 });
  });

  it('names the first entry that does not hold, and why', async () => {
    const keys = [ana.key, ben.key];
    const tampered = records.map((r, i) => (i === 1 ? { ...r, payload: r.payload.replace('legal"', 'legak"') } : r));
    const verdict = await verifySignOffs(tampered, keys);
    expect(verdict).toMatchObject({ ok: false, index: 1, id: 'd-2', personId: 'person-ben', name: 'Ben', reason: 'bad signature' });
    if (!verdict.ok) expect(describeSignOffFailure(verdict)).toBe('Sign-off 2 (Ben, d-2): bad signature');

    const badSignature = records.map((r, i) => (i === 2 ? { ...r, signature: changedAt(r.signature, 40) } : r));
    expect(await verifySignOffs(badSignature, keys)).toMatchObject({ ok: false, index: 2, id: 'd-3', reason: 'bad signature' });
    expect(await verifySignOffs(records, [ana.key])).toMatchObject({ ok: false, index: 1, name: 'Ben', reason: 'unknown key' });
    // Ben's sign-off claimed for Ana: her key did not sign it, and the payload names Ben.
    const claimed = records.map((r, i) => (i === 1 ? { ...r, personId: 'person-ana' } : r));
    expect(await verifySignOffs(claimed, keys)).toMatchObject({ ok: false, index: 1, reason: 'payload mismatch' });
    const renamed = records.map((r, i) => (i === 0 ? { ...r, payload: r.payload.replace('"person-ana"', '"person-ben"') } : r));
    expect(await verifySignOffs(renamed, keys)).toMatchObject({ ok: false, index: 0, reason: 'payload mismatch' });
    expect(await verifySignOffs([{ ...records[0], payload: '{' }], keys)).toMatchObject({ ok: false, index: 0, name: 'Ana', reason: 'payload mismatch' });
  });

  it('does not trust a key shown under a fingerprint that is not its own', async () => {
    const mallory = await signer('person-ana', 'Ana');
    const forged = await signed(mallory, 'd-1', 'Looks right');
    const swapped = { ...mallory.key, fingerprint: ana.key.fingerprint };
    expect(await verifySignOffs([forged], [swapped])).toMatchObject({ ok: false, index: 0, reason: 'unknown key' });
    const broken = { ...ana.key, publicKeyJwk: { ...ana.key.publicKeyJwk, x: undefined } } as unknown as SigningKeyRecord;
    expect(await verifySignOffs([records[0]], [broken])).toMatchObject({ ok: false, index: 0, reason: 'unknown key' });
    // A person with two honest keys (two browsers): either may have signed.
    expect(await verifySignOffs([records[0], forged], [ana.key, mallory.key])).toEqual({ ok: true, count: 2 });
  });
});

describe('modelFilesHash', () => {
  const files = {
    modelTopology: { class_name: 'Sequential', config: { layers: [] } },
    weightSpecs: [{ name: 'dense/kernel', shape: [2], dtype: 'float32' }],
    weightData: new Uint8Array([0, 0, 128, 63, 0, 0, 0, 64]).buffer,
    vectorizer: { kind: 'tfidf', idf: [1.5, 0.25] },
  };

  it('hashes the files, weights by their SHA-256 (vector from Python’s hashlib)', async () => {
    // sha256(json.dumps({..., "weightData": sha256(bytes).hexdigest()}, sort_keys=True, separators=(",", ":")))
    expect(await modelFilesHash(files)).toBe('4d4dd38e13b33a84ee0808b4028c264e72ce919ac2b902e4dc535d6459554733');
    expect(await modelFilesHash({ ...files, weightData: new Uint8Array(files.weightData) })).toBe(await modelFilesHash(files));
    expect(await modelFilesHash({ ...files, weightData: new Uint8Array([0, 0, 128, 63, 0, 0, 0, 65]) })).not.toBe(await modelFilesHash(files));
  });
});

/** Runs the verifier script; resolves with its exit code and output. */
function runScript(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

describe('scripts/verify-signatures.mjs', () => {
  let dir: string;
  let good: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'signatures-'));
    good = join(dir, 'good.json');
    const vectorKey: SigningKeyRecord = { personId: 'person-ana', name: 'Ana', publicKeyJwk: VECTOR.jwk, fingerprint: VECTOR.fingerprint, createdAt: '2026-03-01T09:00:00.000Z' };
    const signOffs = [...records, { id: 'd-0', payload: VECTOR.payload, signature: VECTOR.signature, personId: 'person-ana' }];
    await writeFile(good, JSON.stringify({ kind: 'lifecycle-lab/snapshot', signing: { keys: [ana.key, ben.key, vectorKey], signOffs } }, null, 2));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes a file the core signed', async () => {
    expect(await runScript(good)).toMatchObject({ code: 0, stdout: '4 sign-offs verify\n' });
  });

  it('fails a copy with one byte changed, naming the entry as the core does', async () => {
    const text = await readFile(good, 'utf8');
    const cases = [
      { at: text.indexOf(records[1].signature) + 20, message: 'Sign-off 2 (Ben, d-2): bad signature' },
      { at: text.indexOf('Again'), message: 'Sign-off 3 (Ana, d-3): bad signature' },
      { at: text.indexOf(ben.key.publicKeyJwk.x) + 5, message: 'Sign-off 2 (Ben, d-2): unknown key' },
    ];
    const slack = text.replace(records[0].signature, slackSibling(records[0].signature));
    const copies = [...cases.map(({ at, message }) => ({ text: changedAt(text, at), message })), { text: slack, message: 'Sign-off 1 (Ana, d-1): bad signature' }];
    for (const [i, { text: changed, message }] of copies.entries()) {
      const copy = join(dir, `changed-${i}.json`);
      await writeFile(copy, changed);
      expect(await runScript(copy)).toMatchObject({ code: 1, stderr: `${message}\n` });
    }
  });

  it('says how to call it, and fails a file without sign-offs section', async () => {
    expect(await runScript()).toMatchObject({ code: 2 });
    const bare = join(dir, 'bare.json');
    await writeFile(bare, '{"kind":"lifecycle-lab/snapshot"}');
    expect(await runScript(bare)).toMatchObject({ code: 1, stderr: expect.stringContaining('no "signing" section') });
  });
});
