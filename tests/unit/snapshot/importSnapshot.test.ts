import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { exportSnapshot, importedName, importSnapshot, SnapshotImportError } from '$lib/db/snapshot';
import { createProject, deleteProject, listProjects } from '$lib/db/projects';
import { loadDatasetState } from '$lib/db/datasets';
import { loadLifecycleSummary } from '$lib/db/summary';
import { normalizeForComparison } from '$lib/core/snapshot/normalizeForComparison';
import { serializeSnapshot } from '$lib/core/snapshot/serialize';
import type { SnapshotDocument } from '$lib/core/snapshot/document';
import { pmSummary } from '$lib/core/snapshot/pmSummary';
import { pmSummaryMarkdown } from '$lib/core/snapshot/pmSummaryMarkdown';
import { freshDb, storedRowCount } from '../db/testDb';
import { importModelVersion, registerRun } from '$lib/db/registry';
import { packModel, unpackModel } from '$lib/core/registry/modelPackage';
import { packageInput, realModel } from '../registry/fixtures';
import { livedInProject, type LivedIn } from './fixture';
import v0 from './documents/snapshot.v0.json';
import { readAuditChain } from '$lib/db/audit';
import { sha256Hex, verifyChain } from '$lib/core/governance/auditChain';

let source: LifecycleDatabase;
let lived: LivedIn;
let full: SnapshotDocument;
let target: LifecycleDatabase;

beforeAll(async () => {
  source = freshDb();
  lived = await livedInProject(source);
  full = await exportSnapshot(source, lived.project.id, { includeRows: true, includeWeights: true, now: '2026-03-05T00:00:00.000Z' });
}, 60_000);

afterAll(async () => {
  await source.delete();
});

beforeEach(() => {
  target = freshDb();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await target.delete();
});

/** Record counts per table, to prove an import wrote nothing. */
async function tableCounts(db: LifecycleDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of db.tables) counts[table.name] = await table.count();
  return counts;
}

describe('importSnapshot', () => {
  it('round-trips: export → import → export gives the same document apart from ids and times', async () => {
    const { project, warnings, migratedFrom } = await importSnapshot(target, serializeSnapshot(full));
    expect(warnings).toEqual([]);
    expect(migratedFrom).toBeNull();
    const again = await exportSnapshot(target, project.id, { includeRows: true, includeWeights: true, now: '2026-03-06T00:00:00.000Z' });
    // All but the scenario: a copy of the sample is not the sample (see below).
    expect(normalizeForComparison(again)).toEqual(normalizeForComparison({ ...full, project: { ...full.project, scenario: null } }));
    // Into a database without its records: the same ids, and the trail stored with the very
    // hashes it was exported with — the exported head is still entry #n — then the import entry.
    expect(again.project.id).toBe(full.project.id);
    expect(again.auditLog.slice(0, -1)).toEqual(full.auditLog);
    expect(again.auditLog.at(-1)).toMatchObject({ seq: full.auditHead!.seq + 1, prevHash: full.auditHead!.hash, action: 'snapshot.import', detail: expect.stringContaining('with rows and model weights') });
    expect(await verifyChain(await readAuditChain(target, project.id), sha256Hex)).toMatchObject({ ok: true, count: full.auditLog.length + 1 });
    // The weights arrive byte for byte.
    expect(again.registry.artifacts.map((a) => a.weightData)).toEqual(full.registry.artifacts.map((a) => a.weightData));

    // A second import beside the first: every id is new, and the trail is chained anew under them.
    const copy = await importSnapshot(target, serializeSnapshot(full));
    const copied = await exportSnapshot(target, copy.project.id, { includeRows: true, includeWeights: true, now: '2026-03-06T00:00:00.000Z' });
    expect(normalizeForComparison(copied)).toEqual(normalizeForComparison({ ...full, project: { ...full.project, name: `${full.project.name} (imported)`, scenario: null } }));
    expect(copied.project.id).not.toBe(full.project.id);
    expect(copied.registry.modelVersions.map((v) => v.id).some((id) => full.registry.modelVersions.some((w) => w.id === id))).toBe(false);
    expect(copied.auditLog.at(-1)).toMatchObject({ refs: { sourceProjectId: full.project.id, sourceHeadSeq: String(full.auditHead!.seq), sourceHeadHash: full.auditHead!.hash, trailCheck: 'verified' } });
    expect(await verifyChain(await readAuditChain(target, copy.project.id), sha256Hex)).toMatchObject({ ok: true });
  }, 30_000);

  it('keeps a model’s files once per run when several versions share the run, and exports them per version again', async () => {
    const shared = freshDb();
    try {
      const two = await livedInProject(shared);
      const again = await registerRun(shared, { runId: 'run-a', modelName: 'ticket-router-copy', by: 'Ana' });
      const doc = await exportSnapshot(shared, two.project.id, { includeWeights: true, now: '2026-03-05T00:00:00.000Z' });
      const files = (id: string) => doc.registry.artifacts.find((a) => a.modelVersionId === id)?.weightData;
      expect(files(again.id)).toBeDefined();
      expect(files(again.id)).toBe(files(two.modelVersionIds[0]));

      const { project } = await importSnapshot(target, serializeSnapshot(doc));
      // run-a and run-b are registered, run-c is not: three runs, three records of model files in the whole database.
      let stored = 0;
      for (const table of target.tables) stored += (await table.toArray()).filter((r) => typeof r === 'object' && r !== null && 'weightData' in r).length;
      expect(stored).toBe(3);
      const back = await exportSnapshot(target, project.id, { includeWeights: true, now: '2026-03-06T00:00:00.000Z' });
      expect(back.registry.artifacts.map((a) => a.weightData)).toEqual(doc.registry.artifacts.map((a) => a.weightData));
      expect(back.registry.runArtifacts.map((a) => a.weightData)).toEqual(doc.registry.runArtifacts.map((a) => a.weightData));
    } finally {
      await shared.delete();
    }
  });

  it('round-trips a model version imported from a package (a run with no dataset version here)', async () => {
    const { model, params, vectorizer, serialized } = await realModel();
    model.dispose();
    const unpacked = unpackModel(packModel(packageInput(serialized, vectorizer, params)));
    if (!unpacked.ok) throw new Error(unpacked.errors.join('\n'));
    const withImport = freshDb();
    try {
      const { project } = await importSnapshot(withImport, serializeSnapshot(full));
      await importModelVersion(withImport, { projectId: project.id, unpacked: unpacked.value, fileName: 'router.zip', by: 'Ana' });
      const doc = await exportSnapshot(withImport, project.id, { includeRows: true, includeWeights: true });
      const importedRun = doc.runs.find((r) => r.importedFrom);
      expect(importedRun).toMatchObject({ datasetVersionId: null, importedFrom: { fileName: 'router.zip', exportedBy: 'Ada' } });
      const again = await importSnapshot(target, serializeSnapshot(doc));
      const back = await exportSnapshot(target, again.project.id, { includeRows: true, includeWeights: true });
      expect(normalizeForComparison(back)).toEqual(normalizeForComparison(doc));
    } finally {
      await withImport.delete();
    }
  }, 60_000);

  it('restores a working project: the same rows, stage statuses and NaNs as the original', async () => {
    const { project } = await importSnapshot(target, serializeSnapshot(full));
    const [before, after] = await Promise.all([loadLifecycleSummary(source, lived.project.id), loadLifecycleSummary(target, project.id)]);
    // Logs come back as buckets only, and are counted from them; gates come in key order, and keys are new.
    const comparable = (s: typeof before) => ({ ...s, gates: [...s.gates].sort((a, b) => a.stage.localeCompare(b.stage)) });
    expect(before.predictionLogs).toBeGreaterThan(0);
    expect(comparable(after)).toEqual(comparable(before));
    const latest = (await target.datasetVersions.where('projectId').equals(project.id).sortBy('number')).at(-1)!;
    const original = (await source.datasetVersions.where('projectId').equals(lived.project.id).sortBy('number')).at(-1)!;
    expect((await loadDatasetState(target, latest.id)).rows).toEqual((await loadDatasetState(source, original.id)).rows);
    const run = (await target.runs.where('projectId').equals(project.id).filter((r) => r.number === 1).first())!;
    const reliability = run.evaluation!.test.reliability;
    expect(reliability.some((b) => Number.isNaN(b.confidence))).toBe(true); // empty bins stay "not measured"
    expect(await target.runArtifacts.count()).toBe(3); // registered runs get their files back from their versions
  });

  it('always creates a new project, named “… (imported)” when the name is taken', async () => {
    await createProject(target, { name: 'Support ticket triage' });
    const first = await importSnapshot(target, full);
    const second = await importSnapshot(target, full);
    expect([first.project.name, second.project.name]).toEqual(['Support ticket triage (imported)', 'Support ticket triage (imported 2)']);
    expect((await listProjects(target)).map((p) => p.name).sort()).toEqual(['Support ticket triage', 'Support ticket triage (imported 2)', 'Support ticket triage (imported)']);
    expect(importedName('x'.repeat(120), new Set(['x'.repeat(120)]))).toBe(`${'x'.repeat(109)} (imported)`);
  });

  it('makes an imported copy of the sample an ordinary project; a restored backup stays the sample', async () => {
    const sample: SnapshotDocument = { ...full, project: { ...full.project, scenario: 'support-tickets' } };
    const copy = await importSnapshot(target, sample);
    expect(copy.project.scenario).toBeUndefined();
    expect((await target.projects.get(copy.project.id))?.scenario).toBeUndefined();
    const restored = await importSnapshot(target, sample, { restore: true });
    expect((await target.projects.get(restored.project.id))?.scenario).toBe('support-tickets');
  });

  it('after deleting the original, re-imports it under its own name', async () => {
    const { project } = await importSnapshot(target, full);
    await deleteProject(target, project.id);
    const again = await importSnapshot(target, full);
    expect(again.project.name).toBe('Support ticket triage');
  });

  it('is atomic: a failure while writing leaves the database as it was', async () => {
    await createProject(target, { name: 'Existing' });
    const before = await tableCounts(target);
    vi.spyOn(target.auditLog, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError: disk full'));
    await expect(importSnapshot(target, full)).rejects.toThrow(/disk full/);
    expect(await tableCounts(target)).toEqual(before);
    expect(await storedRowCount(target)).toBe(0);
  });

  it('writes nothing for an invalid snapshot and lists its problems', async () => {
    const before = await tableCounts(target);
    const broken = structuredClone(full);
    (broken.runs[1].metrics as Record<string, unknown>)['test.accuracy'] = 'high';
    const error = await importSnapshot(target, broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SnapshotImportError);
    expect((error as SnapshotImportError).problems).toEqual([{ path: '/runs/1/metrics/test.accuracy', message: 'must be a number.' }]);
    expect((error as Error).message).toBe('The snapshot cannot be imported:\n/runs/1/metrics/test.accuracy: must be a number.');
    expect(await tableCounts(target)).toEqual(before);
  });

  it('imports a migrated schema-version-0 document', async () => {
    const { project, migratedFrom, warnings } = await importSnapshot(target, JSON.stringify(v0));
    expect(migratedFrom).toBe(0);
    expect(warnings).toEqual(['The snapshot holds no model weights: registered versions cannot be served until retrained.']);
    const canvas = (await target.canvases.get(project.id))!;
    expect(canvas.criteria.map((c) => c.id)).toEqual(['migrated-1', 'migrated-2']);
    expect(canvas.unparsedCriteria).toEqual(['customers are happy']);
    expect(await storedRowCount(target)).toBe(8);
    const exported = await exportSnapshot(target, project.id, { includeRows: true });
    expect(exported.runs[0]).toMatchObject({ number: 1, metrics: { 'test.accuracy': 0.75 } });
  });

  it('carries what a row is called; a document without it gets the default, a blank one is refused', async () => {
    expect(full.project.rowWord).toEqual({ singular: 'ticket', plural: 'tickets' });
    const people = structuredClone(full);
    people.project.rowWord = { singular: 'person', plural: 'people' };
    people.project.scenario = null;
    const imported = await importSnapshot(target, serializeSnapshot(people));
    expect((await target.projects.get(imported.project.id))!.rowWord).toEqual({ singular: 'person', plural: 'people' });
    expect((await exportSnapshot(target, imported.project.id)).project.rowWord).toEqual({ singular: 'person', plural: 'people' });
    const older = structuredClone(people);
    delete older.project.rowWord;
    const plain = await importSnapshot(target, serializeSnapshot(older));
    expect('rowWord' in (await target.projects.get(plain.project.id))!).toBe(false);
    expect('rowWord' in (await exportSnapshot(target, plain.project.id)).project).toBe(false);
    const blank = structuredClone(full);
    blank.project.rowWord = { singular: '  ' };
    const error = await importSnapshot(target, serializeSnapshot(blank)).catch((e: unknown) => e);
    expect((error as SnapshotImportError).problems?.[0]?.path).toBe('/project/rowWord/singular');
  });

  it('carries the log settings; a document without them keeps the defaults, an impossible retention is refused', async () => {
    const kept = structuredClone(full);
    kept.project.logging = { retentionDays: 7, maskPii: true };
    const imported = await importSnapshot(target, serializeSnapshot(kept));
    expect((await target.projects.get(imported.project.id))!.logging).toEqual({ retentionDays: 7, maskPii: true });
    expect((await exportSnapshot(target, imported.project.id)).project.logging).toEqual({ retentionDays: 7, maskPii: true });
    const older = structuredClone(kept);
    delete older.project.logging;
    const plain = await importSnapshot(target, serializeSnapshot(older));
    expect('logging' in (await target.projects.get(plain.project.id))!).toBe(false);
    const forever = structuredClone(kept);
    forever.project.logging = { retentionDays: 0, maskPii: false };
    const error = await importSnapshot(target, serializeSnapshot(forever)).catch((e: unknown) => e);
    expect((error as SnapshotImportError).problems?.[0]?.path).toBe('/project/logging/retentionDays');
  });

  it('carries every loop setting; one the app would refuse is refused with its pointer, nothing written', async () => {
    const settings = {
      business: { unit: 'calls', valueRight: 2, costWrong: 9, moneyPerUnit: 1.5, currency: 'USD', threshold: 0.85, targets: { automaticShare: 0.5, netValuePerDay: 100 } },
      promotionRule: { minOutcomes: 50, tolerancePp: 0.5, rollbackMarginPp: 3 },
      canaryRule: { requireCanary: true, maxFirstPercent: 20 },
      retrainPolicy: { everyDays: null, everyLabelledRows: 200, onDrift: true, onEstimatedAccuracy: false, onRealizedAccuracy: true, windowDays: 3, minOutcomes: 20 },
      requestContract: { enabled: true, fields: [{ name: 'subject', required: true, minLength: 1, maxLength: 200, charset: 'printable' as const }, { name: 'body', required: true, charset: 'any' as const }] },
    };
    const doc = structuredClone(full);
    Object.assign(doc.project, settings);
    const imported = await importSnapshot(target, serializeSnapshot(doc));
    const stored = (await target.projects.get(imported.project.id))!;
    expect({ business: stored.business, promotionRule: stored.promotionRule, canaryRule: stored.canaryRule, retrainPolicy: stored.retrainPolicy, requestContract: stored.requestContract }).toEqual(settings);
    expect((await exportSnapshot(target, imported.project.id)).project).toMatchObject(settings);
    const before = await tableCounts(target);
    // Schema-valid, but the app refuses it: a threshold between hundredths, a minimum above the maximum.
    const between = structuredClone(doc);
    between.project.business!.threshold = 0.855;
    between.project.requestContract!.fields[0] = { name: 'subject', required: true, minLength: 9, maxLength: 3, charset: 'any' };
    const error = await importSnapshot(target, serializeSnapshot(between)).catch((e: unknown) => e);
    expect((error as SnapshotImportError).problems?.map((p) => p.path)).toEqual(['/project/business', '/project/requestContract']);
    expect(await tableCounts(target)).toEqual(before);
  });

  it('carries a deprecated and a retired model version through export → import, and refuses impossible ones with a pointer', async () => {
    const doc = structuredClone(full);
    const [champion, other] = lived.modelVersionIds.map((id) => doc.registry.modelVersions.findIndex((v) => v.id === id));
    const deprecated = { at: '2026-03-03T00:00:00.000Z', by: 'Ana', reason: 'superseded', sunset: '2026-04-01T00:00:00.000Z', replacementId: lived.modelVersionIds[0] };
    doc.registry.modelVersions[other] = { ...doc.registry.modelVersions[other], deprecated, retired: { at: '2026-04-02T00:00:00.000Z', by: 'Ben', reason: 'sunset passed' } };
    doc.registry.modelVersions[champion] = { ...doc.registry.modelVersions[champion], deprecated: { ...deprecated, replacementId: null } };
    doc.project.scenario = null;
    const { project } = await importSnapshot(target, serializeSnapshot(doc));
    const stored = await target.modelVersions.where('projectId').equals(project.id).toArray();
    const retired = stored.find((v) => v.retired)!;
    expect(retired.retired).toEqual({ at: '2026-04-02T00:00:00.000Z', by: 'Ben', reason: 'sunset passed' });
    // The replacement names the imported copy of the champion, not the exporting database's id.
    expect(retired.deprecated!.replacementId).toBe(stored.find((v) => v.aliases.includes('champion'))!.id);
    const again = await exportSnapshot(target, project.id, { includeRows: true, includeWeights: true, now: '2026-03-06T00:00:00.000Z' });
    expect(normalizeForComparison(again)).toEqual(normalizeForComparison(doc));

    const problemsOf = async (edit: (d: SnapshotDocument) => void) => {
      const bad = structuredClone(doc);
      edit(bad);
      return ((await importSnapshot(target, serializeSnapshot(bad)).catch((e: unknown) => e)) as SnapshotImportError).problems;
    };
    const at = `/registry/modelVersions/${other}`;
    expect(await problemsOf((d) => delete d.registry.modelVersions[other].deprecated)).toEqual([{ path: `${at}/retired`, message: 'a version is deprecated before it is retired, and "deprecated" is missing.' }]);
    expect(await problemsOf((d) => (d.registry.modelVersions[other].deprecated!.replacementId = 'nobody'))).toEqual([{ path: `${at}/deprecated/replacementId`, message: 'names no model version of this snapshot ("nobody").' }]);
    expect(await problemsOf((d) => (d.registry.modelVersions[other].deprecated!.replacementId = d.registry.modelVersions[other].id))).toEqual([{ path: `${at}/deprecated/replacementId`, message: 'a version cannot replace itself.' }]);
    expect(await problemsOf((d) => (d.registry.modelVersions[other].deprecated!.sunset = '2026-01-01T00:00:00.000Z'))).toEqual([{ path: `${at}/deprecated/sunset`, message: 'must be after the deprecation (deprecated.at).' }]);
    expect(await problemsOf((d) => (d.registry.modelVersions[champion].retired = { at: '2026-04-02T00:00:00.000Z', by: 'Ben', reason: 'x' }))).toEqual([{ path: `/registry/modelVersions/${champion}/aliases`, message: 'a retired version cannot hold the champion alias.' }]);
    expect((await problemsOf((d) => Object.assign(d.registry.modelVersions[other].retired!, { when: 'now' })))?.[0]?.path).toBe(`${at}/retired/when`);
    expect(await target.modelVersions.count()).toBe(stored.length);
  });

  it('carries objectives, key results and the Value-vs-Effort matrix; links to nothing and scores off the scale are refused with their pointers', async () => {
    const doc = structuredClone(full);
    doc.project.scenario = null;
    const [accuracy, latency] = doc.canvas.criteria.map((c) => c.id);
    doc.canvas.objectives = [{ id: 'o1', text: 'Answer customers faster', keyResults: [
      { id: 'kr1', text: 'Most requests decided without a person', criterionIds: [accuracy], businessMetrics: ['automatic_share'] },
      { id: 'kr2', text: 'Answers come back at once', criterionIds: [latency], businessMetrics: [] },
    ] }];
    doc.canvas.valueEffort = [
      { id: 'i1', title: 'Suggest a reply', owner: 'Ana', value: 8, effort: 3, expected: 'Mail ana@example.com: share +10 points', criterionIds: [accuracy], keyResultIds: ['kr1'], outcome: { moved: 'partly', note: 'share +4 points', at: '2026-03-04T00:00:00.000Z' } },
      { id: 'i2', title: 'Rewrite the queue', owner: 'Ben', value: 4, effort: 9, expected: '', criterionIds: [], keyResultIds: ['kr2'] },
    ];
    const { project } = await importSnapshot(target, serializeSnapshot(doc));
    const stored = (await target.canvases.get(project.id))!;
    expect(stored.objectives).toEqual(doc.canvas.objectives);
    expect(stored.valueEffort).toEqual(doc.canvas.valueEffort);
    const again = await exportSnapshot(target, project.id, { includeRows: true, includeWeights: true, now: '2026-03-06T00:00:00.000Z' });
    expect(normalizeForComparison(again)).toEqual(normalizeForComparison(doc));
    // Free text people wrote is masked; names and links are not.
    const masked = await exportSnapshot(target, project.id, { maskPii: true });
    expect(masked.canvas.valueEffort![0]).toMatchObject({ expected: 'Mail [EMAIL]: share +10 points', owner: 'Ana', keyResultIds: ['kr1'] });

    const before = await tableCounts(target);
    const problemsOf = async (edit: (d: SnapshotDocument) => void) => {
      const bad = structuredClone(doc);
      edit(bad);
      return ((await importSnapshot(target, serializeSnapshot(bad)).catch((e: unknown) => e)) as SnapshotImportError).problems?.map((p) => p.path);
    };
    expect(await problemsOf((d) => (d.canvas.valueEffort![1].keyResultIds = ['kr9']))).toEqual(['/canvas/valueEffort/1/keyResultIds/0']);
    expect(await problemsOf((d) => (d.canvas.objectives![0].keyResults[1].criterionIds = ['gone']))).toEqual(['/canvas/objectives/0/keyResults/1/criterionIds/0']);
    expect(await problemsOf((d) => (d.canvas.objectives![0].keyResults[1].id = 'o1'))).toEqual(['/canvas/objectives/0/keyResults/1/id', '/canvas/valueEffort/1/keyResultIds/0']);
    expect(await problemsOf((d) => (d.canvas.valueEffort![0].value = 11))).toEqual(['/canvas/valueEffort/0/value']);
    expect(await problemsOf((d) => (d.canvas.valueEffort![0].outcome!.moved = 'maybe' as never))).toEqual(['/canvas/valueEffort/0/outcome/moved']);
    expect(await tableCounts(target)).toEqual(before);
  });

  it('stores markup in a name as inert text', async () => {
    const hostile = structuredClone(full);
    hostile.project.name = '<img src=x onerror=alert(1)>';
    hostile.registry.modelVersions[0].description = '<script>alert(1)</script>';
    const { project } = await importSnapshot(target, serializeSnapshot(hostile));
    expect((await target.projects.get(project.id))!.name).toBe('<img src=x onerror=alert(1)>');
    const doc = await exportSnapshot(target, project.id);
    expect(doc.project.name).toBe('<img src=x onerror=alert(1)>');
    const markdown = pmSummaryMarkdown(pmSummary(doc));
    expect(markdown).toContain('# \\<img src=x onerror=alert(1)\\> — lifecycle summary');
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
  });
});
