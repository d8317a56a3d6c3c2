/**
 * The data worker's text drift check: reads the served model's lineage and the window's logged
 * texts, loads the training split, runs `analyzeTextDrift` step by step (progress, and a cancel
 * checked between steps) and stores the report. Plain functions over core and db, so it runs in
 * Node tests with fake-indexeddb.
 */
import type { DatasetState } from '$lib/core/data/datasetState';
import { nextMacrotask } from '$lib/core/eventLoop';
import {
  analyzeTextDrift, TEXT_DRIFT_KIND, TEXT_DRIFT_SCHEMA_VERSION, TEXT_DRIFT_STEPS, TEXT_DRIFT_WINDOWS, textDriftChecks, MIN_CURRENT_TEXTS,
  type TextDriftDetails, type TextDriftStep,
} from '$lib/core/drift/text/textDriftReport';
import type { LifecycleDatabase } from '$lib/db/database';
import { loggedTexts, saveDriftReport, servedLineage } from '$lib/db/driftReports';
import { newId } from '$lib/db/ids';
import type { DriftReportRecord } from '$lib/db/records';
import type { DataProgress, DataRequest, TextDriftResult } from './dataProtocol';
import { DRIFT_TEXT_CHARS } from './endpointMessages';
import type { RpcContext } from './rpc';

/** The seed of every text drift report (sampling, the classifier's split): reports stay comparable. */
export const TEXT_DRIFT_SEED = 'text-drift-v1';

const STEP_WORDS: Record<TextDriftStep, string> = {
  vocabulary: 'counting unseen words',
  tokens: 'comparing word frequencies',
  predictions: 'comparing predicted labels and confidences',
  domain: 'training the domain classifier',
};

export async function runTextDrift(
  db: LifecycleDatabase,
  request: Extract<DataRequest, { type: 'textDrift' }>,
  ctx: RpcContext<DataProgress>,
  loadState: (versionId: string) => Promise<DatasetState>,
): Promise<TextDriftResult> {
  const started = performance.now();
  const total = TEXT_DRIFT_STEPS.length + 2;
  const progress = (done: number, step: string) => ctx.progress({ phase: 'drift', step, done, total, records: 0, elapsedMs: performance.now() - started });
  progress(0, 'reading the logs and the training data');

  const lineage = await servedLineage(db, request.projectId);
  if ('reason' in lineage) return { status: 'unavailable', reason: lineage.reason };
  const window = TEXT_DRIFT_WINDOWS.find((w) => w.id === request.windowId);
  if (!window) throw new Error(`Unknown window "${request.windowId}".`);
  const to = request.now;
  const from = window.ms === null ? null : new Date(Date.parse(to) - window.ms).toISOString();
  const logs = await loggedTexts(db, request.projectId, from, to);
  const range = { from: from ?? logs[0]?.at ?? to, to };
  if (logs.length < MIN_CURRENT_TEXTS) return { status: 'too-few', texts: logs.length, minimum: MIN_CURRENT_TEXTS, window: range };

  const { modelVersion, run, datasetVersion } = lineage;
  const state = await loadState(datasetVersion.id);
  ctx.throwIfCancelled();
  const train = state.rows.filter((r) => r.split === 'train');
  if (train.length < 2) return { status: 'unavailable', reason: `Dataset v${datasetVersion.number}, which the served model was trained on, has no train split to compare with.` };
  const served = logs.filter((l) => l.modelVersionId === modelVersion.id);
  const reliability = run.evaluation?.test.reliability ?? null;

  const outcome = await analyzeTextDrift(
    {
      reference: { texts: train.map((r) => r.text.slice(0, DRIFT_TEXT_CHARS)), labels: train.map((r) => r.label) },
      current: { texts: logs.map((l) => l.text.slice(0, DRIFT_TEXT_CHARS)) },
      answers: { labels: served.map((l) => l.label), confidences: served.map((l) => l.confidence) },
      referenceConfidence: reliability,
    },
    {
      seed: TEXT_DRIFT_SEED,
      onStep: async (step, index) => {
        progress(index + 1, STEP_WORDS[step]);
        await nextMacrotask(); // lets a cancel message in
        ctx.throwIfCancelled();
      },
    },
  );
  if (!outcome.enough) return { status: 'too-few', texts: outcome.texts, minimum: outcome.minimum, window: range };
  progress(total - 1, 'storing the report');
  await nextMacrotask();
  ctx.throwIfCancelled();

  const { analysis } = outcome;
  const details: TextDriftDetails = {
    kind: TEXT_DRIFT_KIND,
    schemaVersion: TEXT_DRIFT_SCHEMA_VERSION,
    window: { id: window.id, ...range },
    source: {
      modelVersionId: modelVersion.id,
      modelTitle: `${modelVersion.modelName} v${modelVersion.version}`,
      runId: run.id,
      datasetVersionId: datasetVersion.id,
      datasetVersionNumber: datasetVersion.number,
    },
    elapsedMs: performance.now() - started,
    ...analysis,
  };
  const checks = textDriftChecks(analysis);
  const report: DriftReportRecord = {
    id: newId(),
    projectId: request.projectId,
    createdAt: request.now,
    referenceId: datasetVersion.id,
    currentWindow: range,
    summary: { driftedColumns: checks.filter((c) => c.drifted).length, columns: checks.length, datasetDrift: analysis.drifted },
    details,
  };
  await saveDriftReport(db, report);
  return { status: 'stored', report };
}
