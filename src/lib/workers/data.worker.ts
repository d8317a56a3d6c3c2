/// <reference lib="webworker" />
/**
 * The data worker: parses and validates CSV files, writes dataset versions, and answers
 * queries and changes on a version held in memory — so the page never touches 100k rows — and
 * checks logged traffic for text drift against a served model's training split. Its state is
 * the import job (importJob.ts) and the versions in memory (datasetStates.ts); each request type
 * has one handler.
 */
import { connect } from '$lib/db/connection';
import { sweepStagedRows } from '$lib/db/stagedRows';
import type { DataHandlers, DataProgress, DataRequest, DataResults } from './dataProtocol';
import { DatasetStates } from './datasetStates';
import { ImportJob, importHandlers } from './importJob';
import { datasetEditHandlers } from './datasetEditHandlers';
import { explorationHandlers } from './explorationHandlers';
import { documentHandlers } from './documentHandlers';
import { CollectHold, previewCollection, runCollection } from './collectJob';
import { retrainHandlers } from './retrainHandlers';
import { retireHandlers } from './retireHandlers';
import { serveHandlers } from './rpc';

const db = connect({ onVersionChange: () => undefined, onBlocked: () => undefined });
// Rows an import stored ahead of its version in a tab or worker that ended before the commit;
// a sweep that fails leaves them to the next start.
void sweepStagedRows(db).catch(() => undefined);
const states = new DatasetStates(db);
const importJob = new ImportJob(db, (version, rows) => states.keep(version.id, rows));
const collectHold = new CollectHold();

const handlers: DataHandlers = {
  ...importHandlers(importJob),
  ...datasetEditHandlers(db, states),
  ...explorationHandlers(db, states),
  ...documentHandlers(db),
  collectPreview: (request, ctx) => previewCollection(db, request, ctx, (versionId) => states.load(versionId, ctx), collectHold),
  collect: (request, ctx) =>
    runCollection(db, request, ctx, {
      load: (versionId) => states.load(versionId, ctx),
      rekey: (oldId, newId, state) => states.rekey(oldId, newId, state),
      cached: (versionId) => states.cached(versionId),
    }, collectHold),
  ...retrainHandlers(db, states),
  ...retireHandlers(db, states),
};

serveHandlers<DataRequest, DataProgress, DataResults>(self as unknown as DedicatedWorkerGlobalScope, handlers);
