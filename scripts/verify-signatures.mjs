#!/usr/bin/env node
/**
 * Verifies every sign-off in a Lifecycle Lab JSON file, outside the app (Node >= 20, no packages):
 *
 *   node scripts/verify-signatures.mjs <file.json>
 *
 * It reads the file's `signing` section:
 *   { "signing": {
 *       "keys":     [{ "personId", "name", "publicKeyJwk": { "kty": "EC", "crv": "P-256", "x", "y" },
 *                      "fingerprint", "createdAt" }],
 *       "signOffs": [{ "id", "payload", "signature", "personId" }] } }
 * and for each sign-off checks that the payload (the exact canonical text signed) parses as a
 * `lifecycle-lab/sign-off` version 1 naming that person, and that one of that person's keys — whose
 * fingerprint matches its JWK — signed it: ECDSA P-256 with SHA-256 over the payload's UTF-8
 * bytes, the signature being base64url of r‖s (64 bytes, WebCrypto's IEEE P1363 form). It
 * re-derives nothing from the rest of the file.
 *
 * Prints "N sign-offs verify" and exits 0, or names the first entry that does not and exits 1
 * (also for an unreadable file); exits 2 without a file argument. The same rules, in the app:
 * src/lib/core/governance/signatures.ts (tests/unit/governance/signatures.test.ts keeps both in step).
 */
import { readFile } from 'node:fs/promises';
import { createHash, webcrypto } from 'node:crypto';

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGN_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' };

/** First 16 hex of SHA-256 of the JWK's canonical JSON (keys sorted: crv, kty, x, y). */
function fingerprintOf(jwk) {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, 16);
}

/** The 64 signature bytes, or null unless the text is exactly their unpadded base64url. */
function signatureBytes(text) {
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]*$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.length === 64 && bytes.toString('base64url') === text ? bytes : null;
}

function parsePayload(payload, personId) {
  try {
    const p = typeof payload === 'string' ? JSON.parse(payload) : null;
    const ok = p && p.kind === 'lifecycle-lab/sign-off' && p.version === 1 && p.decision && p.decision.personId === personId;
    return ok ? p : null;
  } catch {
    return null;
  }
}

async function verifies(jwk, payload, bytes) {
  try {
    const key = await webcrypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, KEY_ALGORITHM, false, ['verify']);
    return await webcrypto.subtle.verify(SIGN_ALGORITHM, key, bytes, new TextEncoder().encode(payload));
  } catch {
    return false;
  }
}

/** null when the entry holds, else why not. */
async function failureOf(signOff, keys) {
  if (parsePayload(signOff.payload, signOff.personId) === null) return 'payload mismatch';
  const trusted = keys.filter((k) => k.personId === signOff.personId && k.publicKeyJwk && fingerprintOf(k.publicKeyJwk) === k.fingerprint);
  if (trusted.length === 0) return 'unknown key';
  const bytes = signatureBytes(signOff.signature);
  if (bytes !== null) for (const k of trusted) if (await verifies(k.publicKeyJwk, signOff.payload, bytes)) return null;
  return 'bad signature';
}

async function main(path) {
  let signing;
  try {
    signing = JSON.parse(await readFile(path, 'utf8')).signing;
  } catch (error) {
    return { code: 1, message: `Cannot read ${path}: ${error.message}` };
  }
  if (!signing || !Array.isArray(signing.keys) || !Array.isArray(signing.signOffs)) {
    return { code: 1, message: `${path} has no "signing" section with "keys" and "signOffs" lists.` };
  }
  for (const [index, signOff] of signing.signOffs.entries()) {
    const entry = signOff ?? {};
    const reason = await failureOf(entry, signing.keys);
    if (reason !== null) {
      const name = parsePayload(entry.payload, entry.personId)?.decision.name
        ?? signing.keys.find((k) => k.personId === entry.personId)?.name;
      return { code: 1, message: `Sign-off ${index + 1} (${name || entry.personId}, ${entry.id}): ${reason}` };
    }
  }
  return { code: 0, message: `${signing.signOffs.length} sign-offs verify` };
}

const path = process.argv[2];
if (!path) {
  console.error('Usage: node scripts/verify-signatures.mjs <file.json>');
  process.exit(2);
}
const { code, message } = await main(path);
(code === 0 ? console.log : console.error)(message);
process.exit(code);
