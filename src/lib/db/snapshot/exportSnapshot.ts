/**
 * Export a project as a lifecycle snapshot (core/snapshot/document.ts). Everything is read in
 * one read transaction, so the document is one consistent moment of the project, and put in a
 * stable order (numbers, names, insertion order — never random ids), so that export → import →
 * export gives the same document apart from ids and times.
 */
import type { LifecycleDatabase } from '../database';
import type { DeploymentRecord, GateRecord, ImportRecord } from '../records';
import { readRowBlocks } from '../rowBlocks';
import { nowIso } from '../ids';
import { defaultCanvasRecord } from '../canvas';
import { STAGES } from '$lib/core/lifecycle/stages';
import { SNAPSHOT_KIND, SNAPSHOT_SCHEMA_VERSION, type SnapshotDocument, type SnapshotOptions } from '$lib/core/snapshot/document';
import { monitoringSummary } from '$lib/core/snapshot/monitoringSummary';
import { businessOf } from '$lib/core/monitor/businessValue';
import { runCalibration } from '$lib/core/monitor/cbpe';
import { maskSnapshot } from '$lib/core/snapshot/maskSnapshot';
import { replayedHashes } from '$lib/core/snapshot/checkRows';
import { driftReportItem } from '$lib/core/snapshot/reports';
import { toJsonValue } from '$lib/core/snapshot/json';
import { strictSnapshotDateTimes } from '$lib/core/snapshot/schemaValidation';
import { toSnapshotBucket } from '$lib/core/snapshot/bucketEncoding';
import {
  aliasEventSection, auditSection, canvasSection, deploymentSection, gateSection, healthCheckSection, importSection, labelEventSection,
  modelCardSection, modelFiles, modelVersionSection, projectSection, runSection, sliceSection, versionSection,
} from './toSnapshot';
import { governanceSection, governanceTables, signingSection } from './governanceSnapshot';

export interface ExportSnapshotOptions extends Partial<SnapshotOptions> {
  /** Written as `appVersion`; defaults to the build's version. */
  appVersion?: string;
  /** Written as `exportedAt`; defaults to now. */
  now?: string;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: { id?: number }, b: { id?: number }) => (a.id ?? 0) - (b.id ?? 0);

const STATUS_ORDER: Record<DeploymentRecord['status'], number> = { superseded: 0, 'rolled-back': 1, active: 2 };

/** Deployments oldest first; a rollback is the first deployment after the one it rolled back. */
function orderDeployments(deployments: DeploymentRecord[], versionRank: (id: string) => number): { record: DeploymentRecord; rollbackOf: string | null }[] {
  const sorted = [...deployments].sort(
    (a, b) =>
      byText(a.createdAt, b.createdAt) || STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || versionRank(a.modelVersionId) - versionRank(b.modelVersionId) ||
      byText(a.alias, b.alias) || byText(a.reason ?? '', b.reason ?? ''),
  );
  return sorted.map((record, i) => {
    const previous = sorted[i - 1];
    return { record, rollbackOf: previous?.status === 'rolled-back' ? previous.id : null };
  });
}

function orderGates(gates: GateRecord[]): GateRecord[] {
  return [...gates].sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || byText(a.at, b.at) || byText(a.name, b.name));
}

/** Imports in the order of the first dataset version made from each. */
function orderImports(imports: ImportRecord[], firstVersion: Map<string, number>): ImportRecord[] {
  const rank = (i: ImportRecord) => firstVersion.get(i.id) ?? Number.MAX_SAFE_INTEGER;
  return [...imports].sort((a, b) => rank(a) - rank(b) || byText(a.createdAt, b.createdAt) || byText(a.source, b.source));
}

/** The project as a snapshot document (plain JSON values). Throws when the project does not exist. */
export async function exportSnapshot(db: LifecycleDatabase, projectId: string, options: ExportSnapshotOptions = {}): Promise<SnapshotDocument> {
  const opts: SnapshotOptions = { includeRows: options.includeRows ?? false, includeWeights: options.includeWeights ?? false, maskPii: options.maskPii ?? false };
  const tables = [
    db.projects, db.canvases, db.imports, db.datasetVersions, db.rowBlocks, db.labelEvents, db.slices, db.runs, db.runArtifacts, db.modelVersions,
    db.modelCards, db.aliasEvents, db.deployments, db.metricBuckets, db.healthChecks, db.driftReports, db.gates, db.auditLog, ...governanceTables(db),
  ];
  const doc = await db.transaction('r', tables, async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('That project no longer exists.');
    const [storedCanvas, imports, versions, labelEvents, slices, runs, modelVersions, aliasEvents, deployments, buckets, healthChecks, driftReports, gates, audit] = await Promise.all([
      db.canvases.get(projectId),
      db.imports.where('projectId').equals(projectId).toArray(),
      db.datasetVersions.where('projectId').equals(projectId).toArray(),
      opts.includeRows ? db.labelEvents.where('projectId').equals(projectId).toArray() : Promise.resolve([]),
      db.slices.where('projectId').equals(projectId).toArray(),
      db.runs.where('projectId').equals(projectId).toArray(),
      db.modelVersions.where('projectId').equals(projectId).toArray(),
      db.aliasEvents.where('projectId').equals(projectId).toArray(),
      db.deployments.where('projectId').equals(projectId).toArray(),
      db.metricBuckets.where('projectId').equals(projectId).toArray(),
      db.healthChecks.where('projectId').equals(projectId).toArray(),
      db.driftReports.where('projectId').equals(projectId).toArray(),
      db.gates.where('projectId').equals(projectId).toArray(),
      db.auditLog.where('projectId').equals(projectId).toArray(),
    ]);
    const canvas = storedCanvas ?? defaultCanvasRecord(projectId);
    const governance = await governanceSection(db, projectId);
    const signing = await signingSection(db, projectId, governance);
    // Chain order; the head is what a later copy of the trail must still contain.
    const chain = audit.sort((a, b) => a.seq - b.seq);
    const head = chain.at(-1);
    versions.sort((a, b) => a.number - b.number);
    runs.sort((a, b) => a.number - b.number);
    modelVersions.sort((a, b) => byText(a.modelName, b.modelName) || a.version - b.version);
    const rows = opts.includeRows ? await readRowBlocks(db, versions.map((v) => v.id)) : null;
    // The document keeps registered models' files per version (`registry.artifacts`) and the
    // other runs' per run; the database keeps each once, with its run.
    const versionFiles = opts.includeWeights ? await db.runArtifacts.bulkGet(modelVersions.map((v) => v.runId)) : [];
    const registeredRuns = new Set(modelVersions.map((v) => v.runId));
    const unregistered = runs.filter((r) => !registeredRuns.has(r.id));
    const modelCards = await db.modelCards.bulkGet(modelVersions.map((v) => v.id));
    const runArtifacts = opts.includeWeights ? await db.runArtifacts.bulkGet(unregistered.map((r) => r.id)) : [];

    const firstVersion = new Map<string, number>();
    for (const v of versions) if (!firstVersion.has(v.importId)) firstVersion.set(v.importId, v.number);
    const versionOrder = modelVersions.map((v) => v.id);
    const versionIndex = new Map(versionOrder.map((id, i) => [id, i]));
    const rank = (id: string) => versionIndex.get(id) ?? versionOrder.length;
    const healthSection = healthChecks.sort(byId).map(healthCheckSection);
    const bucketList = buckets.sort((a, b) => a.start - b.start).map((b) => b.bucket);
    // Business figures under the project's settings, unknown outcomes estimated with the served run's calibration.
    const active = deployments.find((d) => d.status === 'active');
    const servedRun = runs.find((r) => r.id === modelVersions.find((v) => v.id === active?.modelVersionId)?.runId);
    const business = { settings: businessOf(project), calibration: runCalibration(servedRun) };
    const monitoring = monitoringSummary(bucketList, healthSection, canvas.criteria, versionOrder, business);

    const document: SnapshotDocument = {
      kind: SNAPSHOT_KIND,
      schemaVersion: SNAPSHOT_SCHEMA_VERSION,
      appVersion: options.appVersion ?? (typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'unknown'),
      exportedAt: options.now ?? nowIso(),
      options: opts,
      project: projectSection(project),
      canvas: canvasSection(canvas),
      datasets: {
        imports: orderImports(imports, firstVersion).map(importSection),
        versions: versions.map((v) => versionSection(v, rows?.get(v.id))),
        labelEvents: labelEvents.sort(byId).map(labelEventSection),
        slices: slices.sort((a, b) => byText(a.createdAt, b.createdAt) || byText(a.name, b.name)).map(sliceSection),
      },
      runs: runs.map(runSection),
      registry: {
        modelVersions: modelVersions.map(modelVersionSection),
        aliasEvents: aliasEvents.sort(byId).map(aliasEventSection),
        artifacts: versionFiles.flatMap((a, i) => (a ? [{ modelVersionId: modelVersions[i].id, ...modelFiles(a) }] : [])),
        runArtifacts: runArtifacts.flatMap((a) => (a ? [{ runId: a.runId, ...modelFiles(a) }] : [])),
        modelCards: modelCards.flatMap((c) => (c ? [modelCardSection(c)] : [])),
      },
      deployments: orderDeployments(deployments, rank).map(({ record, rollbackOf }) => deploymentSection(record, rollbackOf)),
      monitoring: { buckets: bucketList.map(toSnapshotBucket), healthChecks: healthSection, ...monitoring },
      driftReports: driftReports
        .sort((a, b) => byText(a.createdAt, b.createdAt) || byText(JSON.stringify(a.summary), JSON.stringify(b.summary)))
        .map((r) => driftReportItem(r.id, r.createdAt, r)),
      diagnoses: [],
      gates: orderGates(gates).map(gateSection),
      governance,
      signing,
      auditLog: chain.map(auditSection),
      auditHead: head ? { seq: head.seq, hash: head.hash } : null,
    };
    return document;
  });
  const masked = opts.maskPii ? maskSnapshot(doc) : doc;
  if (opts.maskPii && opts.includeRows) {
    // Masking changed the rows: each version's hash now describes the rows as written here.
    const hashes = replayedHashes(masked.datasets.versions);
    masked.datasets.versions = masked.datasets.versions.map((v) => ({ ...v, contentHash: hashes.get(v.id) ?? v.contentHash }));
  }
  // A time stored by an older version in a loose spelling leaves only in the strict one. (What
  // cannot be respelled was refused when it was written, except `now: ''`, which the backups'
  // fingerprint passes on purpose: it is left as it is.)
  return strictSnapshotDateTimes(toJsonValue(masked) as unknown as SnapshotDocument).value;
}
