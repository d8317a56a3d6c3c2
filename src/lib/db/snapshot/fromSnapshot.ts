/**
 * A checked snapshot → the records of a new project, every record under a fresh id. One map
 * from the document's ids to the new ones rewrites every reference: parents, runs, versions,
 * deployments, alias moves, bucket tallies, slice results in run reports, drift references and
 * the audit log's refs (a ref to a record deleted before the export has no new id and is kept
 * as it was, for the record). Times are the document's: history keeps its dates.
 */
import type { ModelLineage } from '$lib/core/registry/modelVersionDocument';
import type {
  AliasEventRecord, AuditInput, CanvasRecord, DatasetVersionRecord, DeploymentRecord, DriftReportRecord, GateRecord,
  HealthCheckRecord, ImportRecord, LabelEventRecord, MetricBucketRecord, ModelCardRecord, ModelFiles, ModelVersionRecord, ProjectRecord, RunArtifactRecord, RunRecord, SliceRecord,
} from '../records';
import type { DataRow } from '$lib/core/data/dataset';
import type { SnapshotDocument, SnapshotModelFiles } from '$lib/core/snapshot/document';
import { decodeBase64 } from '$lib/core/snapshot/base64';
import { restoreChallenge, restoreCurves, restoreEvaluation } from '$lib/core/snapshot/evaluation';
import type { JsonObject } from '$lib/core/snapshot/json';
import { readDriftReportItem } from '$lib/core/snapshot/reports';
import { fromSnapshotBucket } from '$lib/core/snapshot/bucketEncoding';
import { cleanRowWord } from '$lib/core/lifecycle/rowWord';
import { pickProjectSettings } from '$lib/core/snapshot/projectSettings';
import { governanceIds } from './governanceSnapshot';
import { copyObjectives } from '$lib/core/lifecycle/objectives';
import { copyItems } from '$lib/core/lifecycle/valueEffort';

export interface ImportedRecords {
  project: ProjectRecord;
  canvas: CanvasRecord;
  imports: ImportRecord[];
  versions: { record: DatasetVersionRecord; rows: DataRow[] }[];
  labelEvents: LabelEventRecord[];
  slices: SliceRecord[];
  runs: RunRecord[];
  runArtifacts: RunArtifactRecord[];
  modelVersions: ModelVersionRecord[];
  modelCards: ModelCardRecord[];
  aliasEvents: AliasEventRecord[];
  deployments: DeploymentRecord[];
  buckets: MetricBucketRecord[];
  healthChecks: HealthCheckRecord[];
  driftReports: DriftReportRecord[];
  gates: GateRecord[];
  /** The trail's content with the new ids, for chaining anew (an import under fresh ids). */
  auditLog: AuditInput[];
  /** The id a record of the document has here; an id the document does not hold is kept. */
  idOf: (id: string) => string;
}

function filesOf(files: SnapshotModelFiles): ModelFiles {
  const bytes = decodeBase64(files.weightData);
  return {
    modelTopology: files.modelTopology,
    weightSpecs: files.weightSpecs.map((s) => ({ ...s, shape: [...s.shape] })),
    weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    vectorizer: files.vectorizer,
  };
}

/** A copy of a record keyed by ids, with the keys remapped ("__proto__" never reaches here). */
function remapKeys<T>(record: Record<string, T>, map: (id: string) => string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) out[map(key)] = value;
  return out;
}

/**
 * The new project's records. `newId` makes the fresh ids; `name` is the project's name in this
 * database (the caller resolves clashes); `now` becomes the project's `updatedAt`.
 */
/**
 * `keepScenario`: a restored backup is the same project, so a sample stays the sample; an
 * imported file is a copy, which the app does not offer or mark as its built-in sample.
 * `keepIds`: every record keeps the document's id (the caller checked none is taken), so the
 * trail can be stored with the very hashes it was exported with.
 */
export function recordsFromSnapshot(doc: SnapshotDocument, input: { name: string; now: string; newId: () => string; keepScenario?: boolean; keepIds?: boolean }): ImportedRecords {
  const fresh = new Map<string, string>();
  const remember = (id: string) => {
    const next = input.keepIds ? id : input.newId();
    fresh.set(id, next);
    return next;
  };
  const projectId = remember(doc.project.id);
  for (const list of [doc.datasets.imports, doc.datasets.versions, doc.datasets.slices, doc.runs, doc.registry.modelVersions, doc.deployments, doc.driftReports, doc.gates]) {
    for (const item of list) remember(item.id);
  }
  for (const id of governanceIds(doc.governance, doc.signing.keys)) remember(id);
  /** The new id of a record of the document (the caller checked it resolves). */
  const to = (id: string) => fresh.get(id)!;
  const toNullable = (id: string | null) => (id === null ? null : to(id));
  /** The new id when the document has the record, else the id unchanged. */
  const maybe = (id: string) => fresh.get(id) ?? id;
  const versionNumber = new Map(doc.datasets.versions.map((v) => [v.id, v.number]));
  /** A challenger's comparison names the champion's version and run, the data and slices: the copy's ids where it has them. */
  const challengeOf = (json: JsonObject) => {
    const c = restoreChallenge(json);
    for (const part of [c.originalTest, c.recentHoldout]) for (const s of part?.perSlice ?? []) s.sliceId = maybe(s.sliceId);
    return { ...c, championVersionId: maybe(c.championVersionId), championRunId: maybe(c.championRunId), datasetVersionId: maybe(c.datasetVersionId) };
  };
  const runOfVersion = new Map(doc.registry.modelVersions.map((v) => [v.id, v.runId]));
  const registeredRunFiles = new Map<string, SnapshotModelFiles>();
  for (const a of doc.registry.artifacts) {
    const runId = runOfVersion.get(a.modelVersionId)!;
    if (!registeredRunFiles.has(runId)) registeredRunFiles.set(runId, a);
  }

  const { project: p, canvas: c } = doc;
  return {
    project: { id: projectId, name: input.name, description: p.description, createdAt: p.createdAt, updatedAt: input.now, ...(input.keepScenario && p.scenario !== null ? { scenario: p.scenario } : {}),
      ...(p.rowWord ? { rowWord: cleanRowWord(p.rowWord.singular, p.rowWord.plural) } : {}),
      ...pickProjectSettings(p) },
    canvas: {
      projectId,
      fields: { ...c.fields },
      crispPhase: c.crispPhase,
      criteria: c.criteria.map((x) => ({ ...x })),
      ...(c.unparsedCriteria.length ? { unparsedCriteria: [...c.unparsedCriteria] } : {}),
      ...(c.objectives ? { objectives: copyObjectives(c.objectives) } : {}),
      ...(c.valueEffort ? { valueEffort: copyItems(c.valueEffort) } : {}),
      updatedAt: c.updatedAt,
    },
    imports: doc.datasets.imports.map((i) => ({ id: to(i.id), projectId, source: i.source, createdAt: i.createdAt, rowCount: i.rowCount, ...(i.seed !== null ? { seed: i.seed } : {}) })),
    versions: doc.datasets.versions.map((v) => ({
      record: {
        id: to(v.id), projectId, importId: to(v.importId), parentId: toNullable(v.parentId), number: v.number, message: v.message, change: v.change,
        createdAt: v.createdAt, contentHash: v.contentHash, schema: v.schema.map((s) => ({ ...s })), rowCount: v.rowCount, classBalance: { ...v.classBalance },
        storage: v.storage, baseId: toNullable(v.baseId), depth: v.depth, storedRows: v.storedRows, removedKeys: [...v.removedKeys],
        ...(v.split ? { split: { ...v.split, ratios: [...v.split.ratios] as [number, number, number], counts: { ...v.split.counts } } } : {}),
        ...(v.production
          ? { production: { ...v.production, deploymentIds: v.production.deploymentIds.map(maybe), modelVersionIds: v.production.modelVersionIds.map(maybe), bySource: { ...v.production.bySource } } }
          : {}),
      },
      rows: v.rows ?? [],
    })),
    labelEvents: doc.datasets.labelEvents.map((e) => ({ projectId, datasetVersionId: to(e.datasetVersionId), rowKey: e.rowKey, label: e.label, previousLabel: e.previousLabel, at: e.at, by: e.by })),
    slices: doc.datasets.slices.map((s) => ({ id: to(s.id), projectId, name: s.name, where: s.where.map((w) => ({ ...w })), createdAt: s.createdAt })),
    runs: doc.runs.map((r) => {
      const evaluation = r.evaluation ? restoreEvaluation(r.evaluation) : null;
      for (const split of [evaluation?.test, evaluation?.validation]) {
        for (const s of split?.perSlice ?? []) s.sliceId = maybe(s.sliceId);
      }
      return {
        id: to(r.id), projectId, datasetVersionId: r.datasetVersionId === null ? '' : to(r.datasetVersionId),
        ...(r.datasetVersionId === null ? {} : { datasetVersionNumber: versionNumber.get(r.datasetVersionId) }), number: r.number,
        createdAt: r.createdAt, status: r.status, family: r.family, params: { ...r.params }, seed: r.seed, backend: r.backend, fallbackReason: r.fallbackReason,
        metrics: { ...r.metrics }, curves: restoreCurves(r.curves),
        timings: { ...r.timings }, appVersion: r.appVersion, warnings: [...r.warnings],
        ...(r.classes ? { classes: [...r.classes] } : {}),
        ...(r.vectorizer ? { vectorizer: r.vectorizer } : {}),
        ...(evaluation ? { evaluation } : {}),
        ...(r.importedFrom ? { importedFrom: { fileName: r.importedFrom.fileName, exportedBy: r.importedFrom.exportedBy, lineage: r.importedFrom.lineage as unknown as ModelLineage } } : {}),
        ...(r.challenge ? { challenge: challengeOf(r.challenge) } : {}),
      };
    }),
    runArtifacts: [
      ...doc.registry.runArtifacts.map((a) => ({ runId: to(a.runId), ...filesOf(a) })),
      // A registered run's files come per version in the document; the database keeps them once, with the run.
      ...[...registeredRunFiles].map(([runId, a]) => ({ runId: to(runId), ...filesOf(a) })),
    ],
    modelVersions: doc.registry.modelVersions.map((v) => ({
      id: to(v.id), projectId, modelName: v.modelName, version: v.version, runId: to(v.runId), datasetVersionId: v.datasetVersionId === null ? '' : to(v.datasetVersionId), createdAt: v.createdAt,
      description: v.description, tags: { ...v.tags }, aliases: [...v.aliases], archived: v.archived, appVersion: v.appVersion,
      ...(v.deprecated ? { deprecated: { ...v.deprecated, replacementId: toNullable(v.deprecated.replacementId) } } : {}),
      ...(v.retired ? { retired: { ...v.retired } } : {}),
    })),
    modelCards: doc.registry.modelCards.map((c) => ({ modelVersionId: to(c.modelVersionId), projectId, edits: { ...c.edits }, updatedAt: c.updatedAt, by: c.by })),
    aliasEvents: doc.registry.aliasEvents.map((e) => ({
      projectId, modelName: e.modelName, alias: e.alias, fromVersionId: toNullable(e.fromVersionId), toVersionId: toNullable(e.toVersionId), at: e.at, by: e.by, reason: e.reason,
    })),
    deployments: doc.deployments.map((d) => ({
      id: to(d.id), projectId, alias: d.alias, modelVersionId: to(d.modelVersionId), createdAt: d.createdAt, status: d.status,
      traffic: d.traffic.map((t) => ({ ...t, modelVersionId: to(t.modelVersionId) })), previousDeploymentId: toNullable(d.previousDeploymentId),
      ...(d.by !== null ? { by: d.by } : {}), ...(d.reason !== null ? { reason: d.reason } : {}),
    })),
    buckets: doc.monitoring.buckets.map((b): MetricBucketRecord => {
      const bucket = fromSnapshotBucket(b);
      if (bucket.calls) bucket.calls = { ...bucket.calls, versions: remapKeys(bucket.calls.versions, to) };
      return { projectId, start: b.start, bucket: { ...bucket, versions: remapKeys(b.versions, to) } };
    }),
    healthChecks: doc.monitoring.healthChecks.map((h) => ({ projectId, at: h.at, ok: h.ok, latencyMs: h.latencyMs, modelVersionId: toNullable(h.modelVersionId) })),
    driftReports: doc.driftReports.map((r) => {
      const fields = readDriftReportItem(r);
      if (typeof fields === 'string') throw new Error(fields); // checked by readSnapshot already
      return { id: to(r.id), projectId, createdAt: r.createdAt, ...fields, referenceId: maybe(fields.referenceId) };
    }),
    gates: doc.gates.map((g) => ({ id: to(g.id), projectId, stage: g.stage, name: g.name, requirement: g.requirement, status: g.status, approver: g.approver, reason: g.reason, at: g.at })),
    auditLog: doc.auditLog.map((e) => ({ projectId, at: e.at, actor: e.actor, action: e.action, detail: e.detail, refs: Object.fromEntries(Object.entries(e.refs).map(([k, v]) => [k, maybe(v)])) })),
    idOf: maybe,
  };
}
