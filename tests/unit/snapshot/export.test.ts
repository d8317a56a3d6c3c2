import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { exportSnapshot } from '$lib/db/snapshot';
import { validateAgainstSchema } from '$lib/core/snapshot/schemaValidation';
import { readSnapshot } from '$lib/core/snapshot/readSnapshot';
import { serializeSnapshot, snapshotFileName } from '$lib/core/snapshot/serialize';
import { formatProblem } from '$lib/core/snapshot/problems';
import { freshDb } from '../db/testDb';
import { livedInProject, PII_TEXT, type LivedIn } from './fixture';
import { ajvErrors, strictValidator } from './strictValidators';

let db: LifecycleDatabase;
let lived: LivedIn;
const now = '2026-03-05T00:00:00.000Z';
/** Strict third-party readers: Ajv strict with ajv-formats, and with the strict RFC 3339 date-time. */
const ajv = strictValidator(3);
const ajvRfc3339 = strictValidator(3, 'rfc3339');

beforeAll(async () => {
  db = freshDb();
  lived = await livedInProject(db);
}, 60_000);

afterAll(async () => {
  await db.delete();
});

const OPTION_SETS = [
  { includeRows: false, includeWeights: false, maskPii: false },
  { includeRows: true, includeWeights: false, maskPii: false },
  { includeRows: false, includeWeights: true, maskPii: false },
  { includeRows: true, includeWeights: true, maskPii: true },
];

describe('exportSnapshot', () => {
  it.each(OPTION_SETS)('writes a document valid against the schema and the reader (%o)', async (options) => {
    const doc = await exportSnapshot(db, lived.project.id, { ...options, now, appVersion: 'test' });
    expect(validateAgainstSchema(doc).map(formatProblem)).toEqual([]);
    expect(ajv(doc) ? [] : ajvErrors(ajv)).toEqual([]);
    expect(ajvRfc3339(doc) ? [] : ajvErrors(ajvRfc3339)).toEqual([]);
    const read = readSnapshot(serializeSnapshot(doc));
    expect(read.ok ? [] : read.problems.map(formatProblem)).toEqual([]);
    expect(doc.options).toEqual(options);
    expect(doc.datasets.versions.every((v) => (v.rows !== undefined) === options.includeRows)).toBe(true);
    expect(doc.registry.artifacts.length).toBe(options.includeWeights ? 2 : 0);
    expect(doc.registry.runArtifacts.length).toBe(options.includeWeights ? 1 : 0); // run-c was never registered
  });

  it('covers every stage of the project, in a stable order', async () => {
    const doc = await exportSnapshot(db, lived.project.id, { includeRows: true, now });
    expect(doc).toMatchObject({ kind: 'lifecycle-lab/snapshot', schemaVersion: 3, exportedAt: now, appVersion: 'test' });
    expect(doc.project.name).toBe('Support ticket triage');
    expect(doc.canvas.criteria.map((c) => c.id)).toEqual(['ticket-accuracy-test', 'ticket-latency-p99', 'ticket-macro-f1-test']);
    expect(doc.datasets.versions.map((v) => [v.number, v.change, v.storage, v.rows?.length, v.rowCount])).toEqual([
      [1, 'generate', 'full', 1200, 1200],
      [2, 'split', 'delta', 1200, 1200],
      [3, 'label', 'delta', 2, 1201],
      [4, 'exclude', 'delta', 0, 1200],
    ]);
    expect(doc.datasets.labelEvents).toHaveLength(1);
    expect(doc.runs.map((r) => [r.number, r.id])).toEqual([[1, 'run-a'], [2, 'run-b'], [3, 'run-c']]);
    expect(doc.runs[0].evaluation).toMatchObject({ classes: ['Billing', 'General Inquiry', 'Technical Issue'], baseline: { verdict: 'better' } });
    expect(doc.registry.modelVersions.map((v) => [v.modelName, v.version, v.aliases])).toEqual([['ticket-router', 1, ['champion']], ['ticket-router', 2, ['challenger']]]);
    expect(doc.registry.aliasEvents.map((e) => e.alias)).toEqual(['champion', 'challenger']);
    expect(doc.registry.modelCards).toEqual([expect.objectContaining({ modelVersionId: doc.registry.modelVersions[0].id, by: 'Ana', edits: expect.objectContaining({ users: 'Support agents' }) })]);
    expect(doc.deployments.map((d) => [d.status, d.traffic.length, d.rollbackOf !== null])).toEqual([['superseded', 1, false], ['rolled-back', 2, false], ['active', 1, true]]);
    expect(doc.deployments[2].rollbackOf).toBe(doc.deployments[1].id);
    expect(doc.monitoring.buckets.length).toBeGreaterThan(0);
    expect(doc.monitoring.daily.reduce((n, d) => n + d.requests, 0)).toBe(300);
    expect(doc.monitoring.daily[0]).toMatchObject({ day: '2026-03-03', routes: { shadow: 0 } });
    expect(doc.monitoring.health).toMatchObject({ checks: 5, ok: 4, availability: 0.8 });
    expect(doc.driftReports).toEqual([expect.objectContaining({ id: 'drift-1', kind: 'drift-report', title: 'Drift: 1 of 4 columns drifted' })]);
    expect(doc.gates.map((g) => g.name)).toEqual(['Data Ethics Review', 'Performance SLA']);
    expect(doc.auditLog[0].action).toBe('project.create');
    expect(await exportSnapshot(db, lived.project.id, { includeRows: true, now })).toEqual(doc);
    expect(snapshotFileName(doc)).toBe('support-ticket-triage-snapshot-2026-03-05.json');
  });

  it('masks personal data in rows and free text, and rehashes the masked rows', async () => {
    const plain = await exportSnapshot(db, lived.project.id, { includeRows: true, now });
    const masked = await exportSnapshot(db, lived.project.id, { includeRows: true, maskPii: true, now });
    const row = (doc: typeof plain) => doc.datasets.versions[2].rows!.find((r) => r.key === 'pii-1')!;
    expect(row(plain).text).toBe(PII_TEXT);
    expect(row(masked)).toMatchObject({ text: 'Please call me on [PHONE] or write to [EMAIL] about invoice 42.', meta: { subject: 'Call me: [PHONE]', channel: 'email' } });
    const text = serializeSnapshot(masked);
    expect(text).not.toContain('jane.doe@example.com');
    expect(text).not.toContain('7946 0958');
    expect(masked.registry.modelCards[0].edits.owners).toBe('Ana ([EMAIL])');
    expect(masked.datasets.versions[2].contentHash).not.toBe(plain.datasets.versions[2].contentHash);
    expect(readSnapshot(text).ok).toBe(true); // the hashes describe the rows as written
  });

  it('writes a time stored in a loose spelling (by an older version) in the strict one', async () => {
    const stored = lived.project.createdAt;
    await db.projects.update(lived.project.id, { createdAt: '2026-01-05 09:00:00Z' });
    try {
      const doc = await exportSnapshot(db, lived.project.id, { now, appVersion: 'test' });
      expect(doc.project.createdAt).toBe('2026-01-05T09:00:00Z');
      expect(ajvRfc3339(doc) ? [] : ajvErrors(ajvRfc3339)).toEqual([]);
    } finally {
      await db.projects.update(lived.project.id, { createdAt: stored });
    }
  });

  it('refuses a project that does not exist', async () => {
    await expect(exportSnapshot(db, 'nope')).rejects.toThrow(/no longer exists/);
  });
});
