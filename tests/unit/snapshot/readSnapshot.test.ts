import { describe, expect, it } from 'vitest';
import { readSnapshot, readSnapshotValue, type SnapshotReadResult } from '$lib/core/snapshot/readSnapshot';
import { SNAPSHOT_SCHEMA_VERSION, type SnapshotDocument } from '$lib/core/snapshot/document';
import { formatProblem } from '$lib/core/snapshot/problems';
import { validateAgainstSchema } from '$lib/core/snapshot/schemaValidation';
import v0 from './documents/snapshot.v0.json';

/** The v0 fixture migrated to the current version: a small valid document to break. */
function currentDocument(): SnapshotDocument {
  const read = readSnapshotValue(structuredClone(v0));
  if (!read.ok) throw new Error(read.problems.map(formatProblem).join('\n'));
  return structuredClone(read.document);
}

function problemsOf(result: SnapshotReadResult): string[] {
  return result.ok ? [] : result.problems.map(formatProblem);
}

describe('migration from schema version 0', () => {
  it('reads the hand-written pre-release document as version 1', () => {
    const read = readSnapshotValue(structuredClone(v0));
    expect(problemsOf(read)).toEqual([]);
    if (!read.ok) return;
    const doc = read.document;
    expect(read.migratedFrom).toBe(0);
    expect(doc.schemaVersion).toBe(SNAPSHOT_SCHEMA_VERSION);
    expect(doc.options).toEqual({ includeRows: true, includeWeights: false, maskPii: false });
    expect(doc.project).toEqual({ id: 'p-1', name: 'Ticket triage (pre-release)', description: '', createdAt: '2026-01-10T09:00:00.000Z', updatedAt: '2026-01-10T09:00:00.000Z', scenario: null });
    // Free-text criteria become targets; what cannot be read is kept as text; unknown canvas boxes are dropped.
    expect(doc.canvas.criteria).toEqual([
      { id: 'migrated-1', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 },
      { id: 'migrated-2', metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200, note: 'single prediction' },
    ]);
    expect(doc.canvas.unparsedCriteria).toEqual(['customers are happy']);
    expect(doc.canvas.fields.valueProposition).toBe('Route tickets to the right team faster');
    expect(doc.canvas.fields).not.toHaveProperty('colour');
    expect(doc.datasets.versions.map((v) => [v.number, v.storage, v.storedRows, v.baseId, v.depth, v.change])).toEqual([
      [1, 'full', 4, null, 0, 'import'],
      [2, 'full', 4, null, 0, 'import'],
    ]);
    expect(doc.runs[0]).toMatchObject({ status: 'completed', evaluation: null, warnings: [], classes: null });
    expect(doc.deployments[0]).toMatchObject({ traffic: [{ modelVersionId: 'mv-1', percent: 100, mode: 'serve' }], rollbackOf: null, by: null });
    expect(doc.auditLog[0].refs).toEqual({});
    expect(validateAgainstSchema(doc)).toEqual([]);
  });

  it('names the version it migrated from when the old document is broken', () => {
    const broken = structuredClone(v0) as Record<string, unknown> & { runs: { metrics: Record<string, unknown> }[] };
    broken.runs[0].metrics['test.accuracy'] = 'high';
    expect(problemsOf(readSnapshotValue(broken))).toEqual(['/runs/0/metrics/test.accuracy: must be a number. (after migrating from schema version 0)']);
  });
});

describe('the wrapper', () => {
  it('refuses a newer schema version with a clear message', () => {
    const doc = { ...currentDocument(), schemaVersion: SNAPSHOT_SCHEMA_VERSION + 1 };
    expect(problemsOf(readSnapshot(JSON.stringify(doc)))).toEqual([
      `/schemaVersion: this snapshot was written by a newer Lifecycle Lab (schema version ${SNAPSHOT_SCHEMA_VERSION + 1}); this app reads versions up to ${SNAPSHOT_SCHEMA_VERSION}. Update the app, then import it again.`,
    ]);
  });

  it('refuses other kinds, bad versions and text that is not JSON', () => {
    expect(problemsOf(readSnapshot(JSON.stringify({ ...currentDocument(), kind: 'lifecycle-lab/model-version' })))[0]).toMatch(/^\/kind: must be "lifecycle-lab\/snapshot"/);
    expect(problemsOf(readSnapshot(JSON.stringify({ ...currentDocument(), schemaVersion: '1' })))).toEqual(['/schemaVersion: must be a whole number ≥ 0, got "1".']);
    expect(problemsOf(readSnapshot('{"kind": "lifecycle-lab/snapshot",'))[0]).toMatch(/^\/: this is not valid JSON/);
    expect(problemsOf(readSnapshot('[1, 2]'))[0]).toMatch(/^\/: a snapshot is a JSON object/);
  });
});

describe('hostile and broken input', () => {
  it('rejects __proto__ anywhere, and nothing gets polluted', () => {
    const text = JSON.stringify(currentDocument()).replace('{"kind"', '{"__proto__":{"polluted":true},"kind"');
    expect(problemsOf(readSnapshot(text))).toEqual(['/__proto__: the key "__proto__" is not allowed anywhere in a snapshot (it could alter object prototypes).']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const nested = JSON.stringify(currentDocument()).replace('"metrics":{', '"metrics":{"__proto__":{"isAdmin":true},');
    expect(problemsOf(readSnapshot(nested))).toEqual(['/runs/0/metrics/__proto__: the key "__proto__" is not allowed anywhere in a snapshot (it could alter object prototypes).']);
  });

  it('rejects constructor and prototype keys', () => {
    const text = JSON.stringify(currentDocument()).replace('"params":{', '"params":{"constructor":{"prototype":{"polluted":true}},');
    expect(problemsOf(readSnapshot(text))).toEqual(['/runs/0/params/constructor: the key "constructor" is not allowed anywhere in a snapshot (it could alter object prototypes).']);
    const other = currentDocument() as unknown as { canvas: { fields: Record<string, unknown> } };
    Object.defineProperty(other.canvas.fields, 'prototype', { value: 'x', enumerable: true });
    expect(problemsOf(readSnapshotValue(other))[0]).toMatch(/^\/canvas\/fields\/prototype: the key "prototype" is not allowed/);
  });

  it('rejects oversized strings with the limit from the schema', () => {
    const doc = currentDocument();
    doc.project.description = 'x'.repeat(5001);
    doc.datasets.versions[0].rows![0].text = 'y'.repeat(200_001);
    expect(problemsOf(readSnapshotValue(doc))).toEqual([
      '/project/description: is too long: 5001 characters, at most 5000 allowed.',
      '/datasets/versions/0/rows/0/text: is too long: 200001 characters, at most 200000 allowed.',
    ]);
  });

  it('rejects a file over the size limit before parsing it', () => {
    const text = JSON.stringify(currentDocument());
    expect(problemsOf(readSnapshot(text, { maxChars: 1000 }))[0]).toMatch(/^\/: the file is too large \(0\.\d MB; at most 0\.0 MB is read\)\.$/);
  });

  it('rejects absurd nesting without overflowing the stack', () => {
    const doc = currentDocument() as unknown as { registry: { artifacts: unknown[] } };
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    doc.registry.artifacts = [{ modelTopology: deep }];
    expect(problemsOf(readSnapshotValue(doc))[0]).toMatch(/^\/registry\/artifacts\/0\/modelTopology(\/0)+: nests deeper than 64 levels\.$/);
    expect(problemsOf(readSnapshot(`${'['.repeat(100_000)}${']'.repeat(100_000)}`))).toEqual([`${'/0'.repeat(64)}: nests deeper than 64 levels.`]);
  });

  it('names the path and the problem of wrong types, unknown keys and bad references', () => {
    const doc = currentDocument() as unknown as Record<string, never> & SnapshotDocument;
    (doc.runs[0].metrics as Record<string, unknown>)['test.accuracy'] = 'high';
    (doc.options as unknown as Record<string, unknown>).extra = true;
    (doc.project as unknown as Record<string, unknown>).createdAt = 'yesterday';
    (doc.canvas as unknown as Record<string, unknown>).crispPhase = 'dreaming';
    delete (doc.gates[0] as Partial<SnapshotDocument['gates'][number]>).reason;
    expect(problemsOf(readSnapshotValue(doc))).toEqual([
      '/options/extra: is not allowed here (unknown property).',
      '/project/createdAt: must be an ISO 8601 date-time, e.g. 2026-03-01T09:00:00.000Z.',
      '/canvas/crispPhase: must be one of "business-understanding", "data-understanding", "data-preparation", "modeling", "evaluation", "deployment".',
      '/runs/0/metrics/test.accuracy: must be a number.',
      '/gates/0/reason: is required but missing.',
    ]);
    const dangling = currentDocument();
    dangling.registry.modelVersions[0].runId = 'run-404';
    dangling.datasets.versions[1].number = 1;
    expect(problemsOf(readSnapshotValue(dangling))).toEqual([
      '/datasets/versions/1/number: repeats dataset version number 1.',
      '/datasets/versions/1/parentId: names version 1, which is not older than version 1.',
      '/registry/modelVersions/0/runId: names no run of this snapshot ("run-404").',
    ]);
  });

  it('rejects rows that disagree with their version records', () => {
    const doc = currentDocument();
    doc.datasets.versions[1].rows![3].label = 'Billing';
    doc.datasets.versions[0].rows!.pop();
    expect(problemsOf(readSnapshotValue(doc))).toEqual([
      '/datasets/versions/0/rows: holds 3 rows but storedRows says 4.',
      '/datasets/versions/0/rowCount: says 4 but the rows give 3.',
      '/datasets/versions/0/classBalance: does not match the labels of the rows.',
      '/datasets/versions/1/classBalance: does not match the labels of the rows.',
    ]);
  });

  it('rejects monitoring buckets that do not fit: bins, minutes and unknown versions', () => {
    const doc = currentDocument();
    const bucket = {
      schema: 1 as const, start: 1_772_409_600_000, sizeMs: 60_000, requests: 1, status: { informational: 0, success: 1, redirect: 0, clientError: 0, serverError: 0, failed: 0 },
      routes: { champion: 1, challenger: 0, shadow: 0 }, latencyBins: { '23': 1 }, latencySumUs: 3000, latencyMinMs: 3, latencyMaxMs: 3, answered: 1,
      confidenceBins: { '8': 1 }, confidenceSumE6: 800_000, labels: { Billing: 1 }, labelled: 0, correct: 0, confusion: {},
      versions: { 'mv-1': { requests: 1, errors: 0, latencySumUs: 3000, answered: 1, labelled: 0, correct: 0 } },
    };
    doc.monitoring.buckets = [bucket];
    expect(problemsOf(readSnapshotValue(structuredClone(doc)))).toEqual([]);
    doc.monitoring.buckets = [
      { ...bucket, latencyBins: { '82': 1 } },
      { ...bucket, start: bucket.start + 30_000, versions: { 'mv-9': bucket.versions['mv-1'] } },
      {
        ...bucket, start: bucket.start + 60_000,
        calls: { requests: 1, status: bucket.status, routes: { '/api/v1/predict': 1 }, codes: {}, versions: { 'mv-8': { requests: 1, errors: 0 } } },
      },
    ];
    expect(problemsOf(readSnapshotValue(doc))).toEqual([
      '/monitoring/buckets/0: latencyBins has a bin index ≥ 82.',
      '/monitoring/buckets/1/start: must be a whole minute.',
      '/monitoring/buckets/1/versions/mv-9: names no model version of this snapshot ("mv-9").',
      '/monitoring/buckets/2/calls/versions/mv-8: names no model version of this snapshot ("mv-8").',
    ]);
  });

  it('keeps markup in names as plain text', () => {
    const doc = currentDocument();
    doc.project.name = '<img src=x onerror=alert(1)>';
    const read = readSnapshot(JSON.stringify(doc));
    expect(read.ok && read.document.project.name).toBe('<img src=x onerror=alert(1)>');
  });
});
