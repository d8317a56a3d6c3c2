/**
 * The stored state a governed document's facts are generated from (core/documents/governed), read
 * for one document: a dataset version's data-stage records for a datasheet, a model version and
 * its run for a model card, the whole project for the Annex IV outline. Plain reads, no writes.
 */
import type { LifecycleDatabase } from './database';
import type { DocumentKind, DocumentRecord } from './records';
import type { DocumentFactsInput } from '$lib/core/documents/governed/catalog';
import type { DatasheetInput } from '$lib/core/documents/governed/datasheet';
import type { AnnexIvInput } from '$lib/core/documents/governed/annexIv';
import { CANVAS_BOXES } from '$lib/core/lifecycle/canvas';
import { criterionText, evaluateCriteria, type SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { unflattenMeasured } from '$lib/core/lifecycle/measured';
import { getCanvas } from './canvas';
import { datasetVersionFacts, lineageOf } from './governanceFacts';
import { currentPolicy } from './governancePolicy';
import { currentRiskAssessment } from './riskAssessments';
import { requireDatasetVersion } from './datasets';

export interface DocumentFacts {
  /** What the document is about, in words ("dataset v3", "ticket-router v2", the project's name). */
  subject: string;
  facts: DocumentFactsInput;
}

/** The criteria with their status on `metrics` ("accuracy on test >= 0.9: pass"). */
function criteriaOn(criteria: readonly SuccessCriterion[], metrics: Record<string, number> | null): string[] {
  if (!metrics) return criteria.map((c) => `${criterionText(c)}: no model evaluated yet`);
  return evaluateCriteria(criteria, unflattenMeasured(metrics)).map((r) => `${criterionText(r.criterion)}: ${r.status}`);
}

async function datasheetInput(db: LifecycleDatabase, versionId: string): Promise<DocumentFacts> {
  const version = await requireDatasetVersion(db, versionId);
  const [lineage, facts] = await Promise.all([lineageOf(db, version), datasetVersionFacts(db, versionId)]);
  const ids = lineage.map((v) => v.id);
  const [imports, events] = await Promise.all([
    db.imports.bulkGet([...new Set(lineage.map((v) => v.importId))]),
    // Changes only: a kept label (labelReview.ts's confirmation) changed nothing.
    db.labelEvents.where('datasetVersionId').anyOf(ids).filter((e) => e.label !== e.previousLabel).toArray(),
  ]);
  const input: DatasheetInput = {
    number: version.number,
    message: version.message,
    createdAt: version.createdAt,
    contentHash: version.contentHash,
    rowCount: version.rowCount,
    classBalance: version.classBalance,
    columns: version.schema.map((c) => ({ name: c.name, type: c.type })),
    split: version.split ? { method: version.split.method, seed: version.split.seed, counts: version.split.counts } : null,
    imports: imports.flatMap((i) => (i ? [{ source: i.source, createdAt: i.createdAt, rowCount: i.rowCount, ...(i.seed !== undefined ? { seed: i.seed } : {}) }] : [])).sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    lineage: [...lineage].reverse().map((v) => ({ number: v.number, change: v.change, message: v.message })),
    checks: facts.checks ? { ...facts.checks, current: facts.checks.contentHash === version.contentHash } : null,
    piiMasked: facts.piiMasked,
    labelEvents: { count: events.length, people: [...new Set(events.map((e) => e.by))] },
  };
  return { subject: `dataset v${version.number}`, facts: { kind: 'datasheet', input } };
}

async function modelCardInput(db: LifecycleDatabase, modelVersionId: string): Promise<DocumentFacts> {
  const version = await db.modelVersions.get(modelVersionId);
  if (!version) throw new Error('That model version no longer exists.');
  const [run, canvas, dataset] = await Promise.all([db.runs.get(version.runId), getCanvas(db, version.projectId), db.datasetVersions.get(version.datasetVersionId)]);
  const metrics = run?.metrics ?? {};
  const label = `${version.modelName} v${version.version}`;
  const input = {
    modelVersionId: version.id,
    label,
    description: version.description,
    family: run?.family ?? 'unknown family',
    runNumber: run?.number ?? 0,
    datasetVersionNumber: dataset?.number ?? null,
    aliases: version.aliases,
    metrics: Object.keys(metrics).filter((k) => k.startsWith('test.')).sort().map((k) => `${k.replace('.', ' ')} ${metrics[k].toFixed(3)}`),
    criteria: criteriaOn(canvas.criteria, run ? metrics : null),
  };
  return { subject: label, facts: { kind: 'model-card', input } };
}

async function annexIvInput(db: LifecycleDatabase, projectId: string): Promise<DocumentFacts> {
  const project = await db.projects.get(projectId);
  if (!project) throw new Error('That project no longer exists.');
  const [risk, canvas, datasets, runs, models, policy, people, decisions, waivers, deployments, drift, audit, documents] = await Promise.all([
    currentRiskAssessment(db, projectId),
    getCanvas(db, projectId),
    db.datasetVersions.where('projectId').equals(projectId).toArray(),
    db.runs.where('projectId').equals(projectId).toArray(),
    db.modelVersions.where('projectId').equals(projectId).toArray(),
    currentPolicy(db, projectId),
    db.people.where('projectId').equals(projectId).toArray(),
    db.decisions.where('projectId').equals(projectId).count(),
    db.waivers.where('projectId').equals(projectId).count(),
    db.deployments.where('projectId').equals(projectId).count(),
    db.driftReports.where('projectId').equals(projectId).count(),
    db.auditLog.where('projectId').equals(projectId).count(),
    db.documents.where('projectId').equals(projectId).toArray(),
  ]);
  const latest = datasets.sort((a, b) => a.number - b.number).at(-1) ?? null;
  const latestFacts = latest ? await datasetVersionFacts(db, latest.id) : null;
  const newestModel = models.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1);
  const approved = (kind: DocumentKind) => new Set(documents.filter((d) => d.kind === kind && d.status === 'approved').map((d) => d.subjectId)).size;
  const input: AnnexIvInput = {
    tier: risk?.tier ?? null,
    framing: CANVAS_BOXES.filter((b) => canvas.fields[b.key]?.trim()).map((b) => `${b.title}: ${canvas.fields[b.key].trim()}`),
    criteria: criteriaOn(canvas.criteria, newestModel ? (runs.find((r) => r.id === newestModel.runId)?.metrics ?? null) : null),
    datasets: {
      versions: datasets.length,
      latest: latest ? { number: latest.number, rowCount: latest.rowCount, checked: latestFacts?.checks?.contentHash === latest.contentHash } : null,
      approvedDatasheets: approved('datasheet'),
    },
    runs: { count: runs.length, families: [...new Set(runs.map((r) => r.family))] },
    modelVersions: models.map((m) => ({ label: `${m.modelName} v${m.version}`, aliases: m.aliases })),
    approvedModelCards: approved('model-card'),
    policy: policy ? { name: policy.data.name, version: policy.version, gates: policy.data.gates.map((g) => g.name) } : null,
    people: { count: people.length, roles: [...new Set(people.flatMap((p) => p.roles))] },
    decisions,
    waivers,
    deployments,
    driftReports: drift,
    auditEntries: audit,
  };
  return { subject: project.name, facts: { kind: 'annex-iv', input } };
}

/** The facts of `doc`'s subject as they stand now. */
export function documentFacts(db: LifecycleDatabase, doc: Pick<DocumentRecord, 'kind' | 'subjectId'>): Promise<DocumentFacts> {
  if (doc.kind === 'datasheet') return datasheetInput(db, doc.subjectId);
  if (doc.kind === 'model-card') return modelCardInput(db, doc.subjectId);
  return annexIvInput(db, doc.subjectId);
}
