/**
 * Monitor → Data in the database: the logged predictions of a window that pass the Monitor's
 * filters, the names of the versions that served them, and the write of the `production`
 * dataset version (core/loop/collectPlan.ts decides its rows) — one transaction that refuses
 * when the newest version is no longer the one the preview was computed on.
 */
import type { LifecycleDatabase } from './database';
import type { DatasetVersionRecord } from './records';
import type { DatasetState } from '$lib/core/data/datasetState';
import { matchesPrediction, type PredictionFilter } from '$lib/core/monitor/predictionFilter';
import { collectMessage, collectSchema, type CollectableLog, type CollectPlan } from '$lib/core/loop/collectPlan';
import { latestDatasetVersion, writeDerivedVersion } from './datasets';

/** Logs read between two progress reports. */
const PROGRESS_EVERY = 5000;

/**
 * The project's served answers logged in [from, to) (from null: everything kept) that pass
 * `filter`, oldest first, with only what collection reads. `onRead(read, total)` is called every
 * few thousand logs (and may throw to stop reading). One cursor over the `[projectId+at]` index:
 * reading the window in time slices with `getAll` was measured 2–3× slower in Chromium over 100k
 * logged texts (as for db/monitoring.ts `queryPredictions`).
 */
export async function collectableLogs(
  db: LifecycleDatabase,
  projectId: string,
  window: { from: string | null; to: string },
  filter: PredictionFilter,
  onRead?: (read: number, total: number) => void,
): Promise<CollectableLog[]> {
  const matches = matchesPrediction(filter);
  const range = db.predictionLogs.where('[projectId+at]').between([projectId, window.from ?? ''], [projectId, window.to], true, false);
  const total = onRead ? await range.clone().count() : 0;
  const out: CollectableLog[] = [];
  let read = 0;
  await range.each((log) => {
    if (++read % PROGRESS_EVERY === 0) onRead?.(read, total);
    if (log.route === 'shadow' || !matches(log)) return;
    const { predictionId, deploymentId, modelVersionId, at, label, confidence, outcome, outcomeSource, text, fields } = log;
    out.push({ predictionId, deploymentId, modelVersionId, at, label, confidence, outcome, outcomeSource, text, fields });
  });
  onRead?.(read, total);
  return out;
}

/** "name vN" of each model version id (the id itself when the version is gone). */
export async function servedVersionNames(db: LifecycleDatabase, ids: Iterable<string>): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  const versions = await db.modelVersions.bulkGet(unique);
  return Object.fromEntries(unique.map((id, i) => [id, versions[i] ? `${versions[i].modelName} v${versions[i].version}` : id]));
}

/** The refusal when the dataset moved on between the preview and the confirmation. */
export function movedOnMessage(previewed: number, newest: number): string {
  return `Nothing was written: the dataset's newest version is now v${newest}, not v${previewed} as in the preview. Preview again to collect onto v${newest}.`;
}

/**
 * Writes the plan's rows as one `production` version on `parent` (a delta; the schema gains the
 * production columns; the lineage is stored as `production`), in one transaction that first
 * checks `parent` is still the project's newest version: when it is not, nothing is written.
 * `state` holds `parent`'s rows and, on success, the new version's.
 */
export async function writeCollection(
  db: LifecycleDatabase,
  input: {
    parent: DatasetVersionRecord;
    state: DatasetState;
    plan: CollectPlan;
    cachedState?: (versionId: string) => DatasetState | undefined;
    onProgress?: (written: number, total: number) => void;
  },
): Promise<DatasetVersionRecord> {
  const { parent, state, plan } = input;
  if (!plan.rows.length) throw new Error('Nothing to add: every matched prediction is already in the dataset or has no stored text.');
  return db.transaction('rw', [db.projects, db.datasetVersions, db.rowBlocks, db.labelEvents, db.auditLog], async () => {
    const newest = await latestDatasetVersion(db, parent.projectId);
    if (!newest || newest.id !== parent.id) throw new Error(movedOnMessage(parent.number, newest?.number ?? 0));
    return writeDerivedVersion(db, {
      parent,
      state,
      delta: { upserts: plan.rows, removedKeys: [] },
      message: collectMessage(plan.lineage),
      change: 'production',
      schema: collectSchema(parent.schema),
      production: plan.lineage,
      cachedState: input.cachedState,
      onProgress: input.onProgress,
    });
  });
}
