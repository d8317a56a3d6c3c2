/**
 * Drift reports and what a text drift report reads: the served model's lineage (deployment →
 * model version → run → dataset version) and the texts the endpoint logged in a window.
 */
import type { LifecycleDatabase } from './database';
import type { DatasetVersionRecord, DeploymentRecord, DriftReportRecord, ModelVersionRecord, RunRecord } from './records';
import { appendAudit } from './audit';

/** Stores a report (and notes it in the audit log), in one transaction. */
export async function saveDriftReport(db: LifecycleDatabase, record: DriftReportRecord, by = 'you'): Promise<void> {
  await db.transaction('rw', [db.driftReports, db.auditLog], async () => {
    await db.driftReports.add(record);
    const { driftedColumns, columns, datasetDrift } = record.summary;
    await appendAudit(db, {
      projectId: record.projectId,
      actor: by,
      action: 'monitor.drift-report',
      detail: `Drift report: ${driftedColumns} of ${columns} checks drifted${datasetDrift ? ' (drift)' : ''}`,
      refs: { driftReportId: record.id, datasetVersionId: record.referenceId },
    });
  });
}

/** The project's drift reports, newest first. */
export async function listDriftReports(db: LifecycleDatabase, projectId: string): Promise<DriftReportRecord[]> {
  const reports = await db.driftReports.where('projectId').equals(projectId).toArray();
  return reports.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export interface ServedLineage {
  deployment: DeploymentRecord;
  modelVersion: ModelVersionRecord;
  run: RunRecord;
  datasetVersion: DatasetVersionRecord;
}

/**
 * What the served model was trained on, or why that cannot be known: no active deployment, a
 * missing record, or an imported model whose training data is not in this project.
 */
export async function servedLineage(db: LifecycleDatabase, projectId: string): Promise<ServedLineage | { reason: string }> {
  const deployment = await db.deployments.where('projectId').equals(projectId).filter((d) => d.status === 'active').first();
  if (!deployment) return { reason: 'No model is deployed: deploy one and send it traffic first.' };
  const modelVersion = await db.modelVersions.get(deployment.modelVersionId);
  if (!modelVersion) return { reason: 'The served model version no longer exists.' };
  const run = await db.runs.get(modelVersion.runId);
  if (!run) return { reason: 'The served model’s training run no longer exists.' };
  const datasetVersion = run.datasetVersionId ? await db.datasetVersions.get(run.datasetVersionId) : undefined;
  if (!datasetVersion || datasetVersion.projectId !== projectId) {
    return {
      reason: run.importedFrom
        ? `${modelVersion.modelName} v${modelVersion.version} was imported from ${run.importedFrom.fileName}; the texts it was trained on are not in this project, so there is nothing to compare the traffic with.`
        : 'The dataset version the served model was trained on no longer exists.',
    };
  }
  return { deployment, modelVersion, run, datasetVersion };
}

/** One answered request with its text. */
export interface LoggedText {
  at: string;
  text: string;
  modelVersionId: string;
  label: string;
  confidence: number;
}

/**
 * The texts the endpoint answered in [from, to] (ISO times; `from` null = since the first log),
 * oldest first: successful served answers only (shadow scores carry no text, errors no answer).
 */
export async function loggedTexts(db: LifecycleDatabase, projectId: string, from: string | null, to: string): Promise<LoggedText[]> {
  const out: LoggedText[] = [];
  await db.predictionLogs
    .where('[projectId+at]')
    .between([projectId, from ?? ''], [projectId, to], true, true)
    .each((log) => {
      if (typeof log.text !== 'string' || log.status !== 200 || log.route === 'shadow') return;
      out.push({ at: log.at, text: log.text, modelVersionId: log.modelVersionId, label: log.label, confidence: log.confidence });
    });
  return out;
}
