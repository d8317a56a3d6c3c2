import { describe, expect, it } from 'vitest';
import { defineDocumentType, readVersionedDocument, type Validation } from '$lib/core/documents/versioned';
import type { JsonObject } from '$lib/core/snapshot/json';

/**
 * A made-up "policy" document whose history has three versions:
 * v1 `{ owner: "Ana" }`, v2 renamed it to `owners: ["Ana"]`, v3 added `reviewDays` (default 30).
 */
interface Policy {
  owners: string[];
  reviewDays: number;
}

function validatePolicy(doc: JsonObject): Validation<Policy> {
  const { owners, reviewDays } = doc;
  if (!Array.isArray(owners) || !owners.every((o) => typeof o === 'string')) return { ok: false, problems: [{ path: '/owners', message: 'must be a list of names.' }] };
  if (typeof reviewDays !== 'number' || reviewDays < 1) return { ok: false, problems: [{ path: '/reviewDays', message: 'must be a number of days ≥ 1.' }] };
  return { ok: true, value: { owners: owners as string[], reviewDays } };
}

const steps: number[] = [];
const POLICY = defineDocumentType<Policy>({
  kind: 'test/policy',
  name: 'policy',
  currentVersion: 3,
  migrations: {
    1: ({ owner, ...rest }) => (steps.push(1), { ...rest, owners: owner === undefined ? [] : [owner] }),
    2: (doc) => (steps.push(2), { reviewDays: 30, ...doc }),
  },
  validate: validatePolicy,
});

describe('readVersionedDocument', () => {
  it('migrates 1 → 2 → 3 one version at a time, then validates, and says where it started', () => {
    steps.length = 0;
    expect(readVersionedDocument(POLICY, { kind: 'test/policy', schemaVersion: 1, owner: 'Ana' })).toEqual({ ok: true, document: { owners: ['Ana'], reviewDays: 30 }, migratedFrom: 1 });
    expect(steps).toEqual([1, 2]);
    steps.length = 0;
    expect(readVersionedDocument(POLICY, { kind: 'test/policy', schemaVersion: 2, owners: ['Bo'], reviewDays: 7 })).toEqual({ ok: true, document: { owners: ['Bo'], reviewDays: 7 }, migratedFrom: 2 });
    expect(steps).toEqual([2]);
    steps.length = 0;
    expect(readVersionedDocument(POLICY, { kind: 'test/policy', schemaVersion: 3, owners: [], reviewDays: 1 })).toEqual({ ok: true, document: { owners: [], reviewDays: 1 }, migratedFrom: null });
    expect(steps).toEqual([]);
  });

  it('refuses another kind, naming the document type', () => {
    expect(readVersionedDocument(POLICY, { kind: 'test/other', schemaVersion: 3 })).toEqual({
      ok: false,
      problems: [{ path: '/kind', message: 'must be "test/policy", got "test/other": this is not a Lifecycle Lab policy.' }],
    });
    expect(readVersionedDocument(POLICY, [1, 2])).toEqual({ ok: false, problems: [{ path: '', message: 'a policy is a JSON object { "kind": "test/policy", "schemaVersion": … }.' }] });
  });

  it('refuses a version newer than it reads, and versions that are not whole numbers in range', () => {
    expect(readVersionedDocument(POLICY, { kind: 'test/policy', schemaVersion: 4 })).toEqual({
      ok: false,
      problems: [{ path: '/schemaVersion', message: 'this policy was written by a newer Lifecycle Lab (schema version 4); this app reads versions up to 3. Update the app, then import it again.' }],
    });
    for (const schemaVersion of [0, 1.5, '2', null]) {
      expect(readVersionedDocument(POLICY, { kind: 'test/policy', schemaVersion })).toMatchObject({ ok: false, problems: [{ path: '/schemaVersion', message: expect.stringMatching(/^must be a whole number ≥ 1, got /) }] });
    }
  });

  it('passes validation problems on with their pointer, saying which version they were migrated from', () => {
    expect(readVersionedDocument(POLICY, { kind: 'test/policy', schemaVersion: 2, owners: ['Ana', 3] })).toEqual({
      ok: false,
      problems: [{ path: '/owners', message: 'must be a list of names. (after migrating from schema version 2)' }],
    });
    expect(readVersionedDocument(POLICY, { kind: 'test/policy', schemaVersion: 3, owners: [], reviewDays: 0 })).toEqual({
      ok: false,
      problems: [{ path: '/reviewDays', message: 'must be a number of days ≥ 1.' }],
    });
  });

  it('reports a migration that throws instead of throwing', () => {
    const type = defineDocumentType({ kind: 'k', name: 'thing', currentVersion: 2, migrations: { 1: () => { throw new Error('no owner'); } }, validate: () => ({ ok: true, value: 1 }) });
    expect(readVersionedDocument(type, { kind: 'k', schemaVersion: 1 })).toEqual({ ok: false, problems: [{ path: '', message: 'could not be migrated from schema version 1: no owner' }] });
  });

  it('refuses to define a type with a gap in its migrations', () => {
    expect(() => defineDocumentType({ kind: 'k', name: 'thing', currentVersion: 3, migrations: { 1: (d) => d }, validate: () => ({ ok: true, value: 1 }) })).toThrow('k: no migration from schema version 2 to 3.');
  });
});
