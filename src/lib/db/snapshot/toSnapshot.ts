/**
 * Stored records → snapshot sections, one function per record kind. Optional record fields
 * become explicit nulls; numbers JSON cannot carry are dropped from flat metric maps and
 * written as null elsewhere (the final `toJsonValue` pass).
 */
import type { ProductionLineage } from '$lib/core/loop/productionRows';
import type {
  AliasEventRecord, AuditRecord, CanvasRecord, DatasetVersionRecord, DeploymentRecord, GateRecord,
  HealthCheckRecord, ImportRecord, LabelEventRecord, ModelCardRecord, ModelFiles, ModelVersionRecord, ProjectRecord, RunRecord, SliceRecord,
} from '../records';
import type { DataRow } from '$lib/core/data/dataset';
import type {
  SnapshotAliasEvent, SnapshotAuditEntry, SnapshotCanvas, SnapshotDatasetVersion, SnapshotDeployment, SnapshotGate, SnapshotHealthCheck,
  SnapshotImport, SnapshotLabelEvent, SnapshotModelCard, SnapshotModelFiles, SnapshotModelVersion, SnapshotProject, SnapshotRun, SnapshotSlice, SnapshotWeightSpec,
} from '$lib/core/snapshot/document';
import { encodeBase64 } from '$lib/core/snapshot/base64';
import { isJsonObject, toJsonValue, type JsonObject } from '$lib/core/snapshot/json';
import { packChallenge, packEvaluation } from '$lib/core/snapshot/evaluation';
import { rowWordOf } from '$lib/core/lifecycle/rowWord';
import { pickProjectSettings } from '$lib/core/snapshot/projectSettings';
import { copyObjectives } from '$lib/core/lifecycle/objectives';
import { copyItems } from '$lib/core/lifecycle/valueEffort';

export function projectSection(p: ProjectRecord): SnapshotProject {
  return {
    id: p.id, name: p.name, description: p.description, createdAt: p.createdAt, updatedAt: p.updatedAt, scenario: p.scenario ?? null,
    ...(p.rowWord ? { rowWord: rowWordOf(p) } : {}),
    ...pickProjectSettings(p),
  };
}

export function canvasSection(c: CanvasRecord): SnapshotCanvas {
  return {
    fields: { ...c.fields },
    crispPhase: c.crispPhase,
    criteria: c.criteria.map((x) => ({ ...x })),
    unparsedCriteria: [...(c.unparsedCriteria ?? [])],
    ...(c.objectives ? { objectives: copyObjectives(c.objectives) } : {}),
    ...(c.valueEffort ? { valueEffort: copyItems(c.valueEffort) } : {}),
    updatedAt: c.updatedAt,
  };
}

export function importSection(i: ImportRecord): SnapshotImport {
  return { id: i.id, source: i.source, createdAt: i.createdAt, rowCount: i.rowCount, seed: i.seed ?? null };
}

export function versionSection(v: DatasetVersionRecord, rows: DataRow[] | undefined): SnapshotDatasetVersion {
  return {
    id: v.id,
    importId: v.importId,
    parentId: v.parentId,
    number: v.number,
    message: v.message,
    change: v.change,
    createdAt: v.createdAt,
    contentHash: v.contentHash,
    schema: v.schema.map((c) => ({ name: c.name, type: c.type })),
    rowCount: v.rowCount,
    classBalance: { ...v.classBalance },
    split: v.split ? { seed: v.split.seed, method: v.split.method, ratios: [...v.split.ratios], counts: { ...v.split.counts } } : null,
    ...(v.production ? { production: productionSection(v.production) } : {}),
    storage: v.storage,
    baseId: v.baseId,
    depth: v.depth,
    storedRows: v.storedRows,
    removedKeys: [...v.removedKeys],
    ...(rows ? { rows } : {}),
  };
}

/** A copy of a production version's lineage (the stored record is never shared with the document). */
export function productionSection(p: ProductionLineage): ProductionLineage {
  return { ...p, deploymentIds: [...p.deploymentIds], modelVersionIds: [...p.modelVersionIds], bySource: { ...p.bySource } };
}

export function labelEventSection(e: LabelEventRecord): SnapshotLabelEvent {
  return { datasetVersionId: e.datasetVersionId, rowKey: e.rowKey, label: e.label, previousLabel: e.previousLabel, at: e.at, by: e.by };
}

export function sliceSection(s: SliceRecord): SnapshotSlice {
  return { id: s.id, name: s.name, where: s.where.map((c) => ({ ...c })), createdAt: s.createdAt };
}

function finiteOnly(values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => typeof v === 'number' && Number.isFinite(v)));
}

export function runSection(r: RunRecord): SnapshotRun {
  return {
    id: r.id,
    datasetVersionId: r.datasetVersionId || null,
    number: r.number,
    createdAt: r.createdAt,
    status: r.status,
    family: r.family,
    params: { ...r.params },
    seed: r.seed,
    backend: r.backend,
    fallbackReason: r.fallbackReason ?? null,
    metrics: finiteOnly(r.metrics),
    curves: Object.fromEntries(Object.entries(r.curves).map(([k, list]) => [k, list.map((x) => (Number.isFinite(x) ? x : null))])),
    timings: finiteOnly(r.timings),
    appVersion: r.appVersion,
    classes: r.classes ? [...r.classes] : null,
    vectorizer: isJsonObject(toJsonValue(r.vectorizer)) ? (toJsonValue(r.vectorizer) as JsonObject) : null,
    evaluation: packEvaluation(r.evaluation),
    warnings: [...(r.warnings ?? [])],
    ...(r.importedFrom ? { importedFrom: { fileName: r.importedFrom.fileName, exportedBy: r.importedFrom.exportedBy, lineage: { ...r.importedFrom.lineage } as unknown as JsonObject } } : {}),
    ...(r.challenge ? { challenge: packChallenge(r.challenge) } : {}),
  };
}

export function modelVersionSection(v: ModelVersionRecord): SnapshotModelVersion {
  return {
    id: v.id,
    modelName: v.modelName,
    version: v.version,
    runId: v.runId,
    datasetVersionId: v.datasetVersionId || null,
    createdAt: v.createdAt,
    description: v.description,
    tags: { ...v.tags },
    aliases: [...v.aliases].sort(),
    archived: v.archived,
    appVersion: v.appVersion,
    ...(v.deprecated ? { deprecated: { ...v.deprecated } } : {}),
    ...(v.retired ? { retired: { ...v.retired } } : {}),
  };
}

export function modelCardSection(c: ModelCardRecord): SnapshotModelCard {
  return { modelVersionId: c.modelVersionId, edits: { ...c.edits }, updatedAt: c.updatedAt, by: c.by };
}

export function aliasEventSection(e: AliasEventRecord): SnapshotAliasEvent {
  return { modelName: e.modelName, alias: e.alias, fromVersionId: e.fromVersionId, toVersionId: e.toVersionId, at: e.at, by: e.by, reason: e.reason };
}

function weightSpecs(specs: unknown): SnapshotWeightSpec[] {
  if (!Array.isArray(specs)) return [];
  return specs.map((s: { name: string; shape: number[]; dtype: SnapshotWeightSpec['dtype'] }) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype }));
}

/** Model files with the weights as base64. */
export function modelFiles(a: ModelFiles): SnapshotModelFiles {
  const asObject = (v: unknown) => {
    const json = toJsonValue(v);
    return isJsonObject(json) ? json : {};
  };
  return {
    modelTopology: asObject(a.modelTopology),
    weightSpecs: weightSpecs(a.weightSpecs),
    weightData: encodeBase64(new Uint8Array(a.weightData)),
    vectorizer: asObject(a.vectorizer),
  };
}

export function deploymentSection(d: DeploymentRecord, rollbackOf: string | null): SnapshotDeployment {
  return {
    id: d.id,
    alias: d.alias,
    modelVersionId: d.modelVersionId,
    createdAt: d.createdAt,
    status: d.status,
    traffic: d.traffic.map((t) => ({ ...t })),
    previousDeploymentId: d.previousDeploymentId,
    rollbackOf,
    by: d.by ?? null,
    reason: d.reason ?? null,
  };
}

export function healthCheckSection(h: HealthCheckRecord): SnapshotHealthCheck {
  return { at: h.at, ok: h.ok, latencyMs: h.latencyMs, modelVersionId: h.modelVersionId };
}

export function gateSection(g: GateRecord): SnapshotGate {
  return { id: g.id, stage: g.stage, name: g.name, requirement: g.requirement, status: g.status, approver: g.approver, reason: g.reason, at: g.at };
}

/** An entry as the chain stores it: every field its hash covers but the project id (the document's). */
export function auditSection(e: AuditRecord): SnapshotAuditEntry {
  return { seq: e.seq, at: e.at, actor: e.actor, action: e.action, detail: e.detail, refs: { ...e.refs }, prevHash: e.prevHash, hash: e.hash };
}
