/**
 * The data worker's reads of dataset versions: pages of rows, split previews, exports,
 * exploration, the data checks (stored for the Data Ethics Review), diffs and the text drift check. Each works on the version's rows
 * held in memory (DatasetStates) and answers with a summary or a page.
 */
import { queryRows } from '$lib/core/data/rowQuery';
import { assignSplits, countUndated } from '$lib/core/data/split';
import { summarizeSplits } from '$lib/core/data/splitSummary';
import { metaColumnsOf, rowsToCsv, rowsToJson } from '$lib/core/data/csvExport';
import { exploreDataset } from '$lib/core/data/explore';
import { datasetChecks } from '$lib/core/data/datasetChecks';
import { diffDatasets, summarizeDiff } from '$lib/core/data/diff';
import { fileSlug } from '$lib/core/fileNames';
import type { LifecycleDatabase } from '$lib/db/database';
import { getDatasetVersion, listDatasetVersions, requireDatasetVersion } from '$lib/db/datasets';
import { labelEventsOf } from '$lib/db/labelReview';
import { productionAgreement } from '$lib/core/loop/agreement';
import { recordCheckRun } from '$lib/db/datasetReview';
import { summarizeDatasetChecks } from '$lib/core/governance/facts';
import { nowIso } from '$lib/clock';
import type { DataHandlers } from './dataProtocol';
import type { DatasetStates } from './datasetStates';
import { runTextDrift } from './textDriftJob';

type ReadRequest = 'query' | 'countUndated' | 'splitSummary' | 'export' | 'explore' | 'checks' | 'diff' | 'textDrift';

export function explorationHandlers(db: LifecycleDatabase, states: DatasetStates): Pick<DataHandlers, ReadRequest> {
  return {
    query: async ({ query }, ctx) => queryRows((await states.load(query.versionId, ctx)).rows, query),

    countUndated: async ({ versionId }, ctx) => {
      const state = await states.load(versionId, ctx);
      return { rows: state.size, undated: countUndated(state.rows) };
    },

    splitSummary: async ({ versionId, plan }, ctx) => {
      const { rows } = await states.load(versionId, ctx);
      return summarizeSplits(rows, plan ? assignSplits(rows, plan) : rows.map((r) => r.split));
    },

    export: async (request, ctx) => {
      const version = await requireDatasetVersion(db, request.versionId);
      const { rows } = await states.load(request.versionId, ctx);
      const base = `${fileSlug(request.name, 'dataset')}-v${version.number}`;
      if (request.format === 'csv') return { text: rowsToCsv(rows, metaColumnsOf(rows)), fileName: `${base}.csv`, mimeType: 'text/csv' };
      const text = rowsToJson(rows, {
        name: request.name,
        exportedAt: request.exportedAt,
        schema: version.schema,
        contentHash: version.contentHash,
        ...(version.split ? { seed: version.split.seed } : {}),
        lineage: { projectId: version.projectId, datasetVersionId: version.id, importId: version.importId },
      });
      return { text, fileName: `${base}.json`, mimeType: 'application/json' };
    },

    explore: async ({ versionId }, ctx) => {
      const version = await requireDatasetVersion(db, versionId);
      return exploreDataset((await states.load(versionId, ctx)).rows, version.schema);
    },

    // The summary is stored for the version: the Data Ethics Review's evidence reads it.
    checks: async ({ versionId, slices }, ctx) => {
      const started = performance.now();
      const version = await requireDatasetVersion(db, versionId);
      const state = await states.load(versionId, ctx);
      const checks = datasetChecks({ rows: state.rows, get: (key) => state.get(key), schema: version.schema, hasSplit: !!version.split, classBalance: version.classBalance }, slices);
      await recordCheckRun(db, version.id, summarizeDatasetChecks(checks, version.contentHash, nowIso()));
      // Label changes up to this version only: a later one did not happen yet as far as its rows go.
      const numbers = new Map((await listDatasetVersions(db, version.projectId)).map((v) => [v.id, v.number]));
      const changes = (await labelEventsOf(db, version.projectId)).filter((e) => (numbers.get(e.datasetVersionId) ?? Infinity) <= version.number);
      return { ...checks, agreement: productionAgreement(state.rows, changes), elapsedMs: performance.now() - started };
    },

    diff: async ({ fromId, toId }, ctx) => {
      const [from, to] = await Promise.all([getDatasetVersion(db, fromId), getDatasetVersion(db, toId)]);
      if (!from || !to) throw new Error('One of the two versions no longer exists.');
      // Load both states (the cache holds two) before diffing.
      const a = await states.load(fromId, ctx);
      const b = await states.load(toId, ctx);
      const result = diffDatasets({ rows: a.rows, schema: from.schema }, { rows: b.rows, schema: to.schema });
      return { diff: result, summary: summarizeDiff(result) };
    },

    textDrift: (request, ctx) => runTextDrift(db, request, ctx, (versionId) => states.load(versionId, ctx)),
  };
}
