/**
 * Monitor → Data: which logged predictions of a window become rows of a new `production`
 * dataset version, and what the person is told before anything is written. One pure function
 * (`planCollection`) decides for the preview, the write and the tests alike; the rows follow
 * the contract of productionRows.ts.
 *
 * A log is left out when it has no stored text or prediction id (shadow scores, logs written
 * before texts were kept), and skipped as a duplicate when a row with the same text hash is
 * already in the newest version or an earlier log of the window has it (the first one in time is
 * kept). The text hash is the duplicates check's comparison key (core/data/duplicates.ts
 * `textKey`: case and whitespace folded) through MurmurHash3, so "Refund  please" and "refund
 * please" count as the same text here as on the Data page.
 */
import { metaFromRequestFields } from '$lib/core/serving/requestContract';
import type { ColumnSchema, DataRow, MetaValue } from '$lib/core/data/dataset';
import { textKey } from '$lib/core/data/duplicates';
import { murmur3String } from '$lib/core/data/murmur3';
import { hexOf } from '$lib/core/hex';
import { PRODUCTION_META, PRODUCTION_SOURCES, type ProductionLineage, type ProductionSource } from './productionRows';

/** What collection reads of a logged prediction (a PredictionLogRecord fits). */
export interface CollectableLog {
  predictionId?: string;
  deploymentId: string;
  modelVersionId: string;
  /** ISO 8601. */
  at: string;
  label: string;
  confidence: number;
  outcome?: string;
  outcomeSource?: 'feedback' | 'app';
  text?: string;
  fields?: Record<string, string>;
}

export interface CollectInput {
  /** The window's served answers that pass the panel's filters, oldest first. */
  logs: readonly CollectableLog[];
  /** Text hashes (`textHash`) of the newest version's rows. */
  datasetTextHashes: ReadonlySet<string>;
  /** Row keys of the newest version: a prediction collected before is not added again. */
  datasetKeys: ReadonlySet<string>;
  /** The dataset's classes (labels its newest version uses); empty = no labelled rows, any outcome is taken. */
  classes: readonly string[];
  /** Metadata columns of the dataset's rows (meta keys): request fields with these names are kept. */
  metaColumns: readonly string[];
  /** "name vN" of each model version that answered. */
  versionNames: Readonly<Record<string, string>>;
  /** The window (ISO; `from` null = everything kept) and the filters in words. */
  window: { from: string | null; to: string };
  filters: string;
}

/** Where the added rows came from, per deployment and served version. */
export interface CollectOrigin {
  deploymentId: string;
  modelVersionId: string;
  servedVersion: string;
  rows: number;
}

export interface CollectPlan {
  rows: DataRow[];
  lineage: ProductionLineage;
  /** Matched logs left out for having no stored text (or no prediction id). */
  withoutText: number;
  /** Skipped: the same text hash (or prediction id) is already in the newest version. */
  inDataset: number;
  /** Skipped: an earlier log of the window has the same text hash. */
  inWindow: number;
  /** Added without a label because their outcome is not a class of the dataset, with those outcomes. */
  notAClass: { rows: number; outcomes: string[] };
  origins: CollectOrigin[];
}

/** The hash duplicates are found by: MurmurHash3 of the text's comparison key, 32 hex characters. */
export function textHash(text: string): string {
  return hexOf(murmur3String(textKey(text)));
}

/** Where a collected row's label comes from: an outcome sent as feedback, one set in the app, or none. */
export function productionSourceOf(log: Pick<CollectableLog, 'outcome' | 'outcomeSource'>): ProductionSource {
  if (log.outcome === undefined) return 'unlabelled';
  return log.outcomeSource === 'app' ? 'labelled in app' : 'feedback';
}

/** Types of the production metadata columns, as the version's schema gains them. */
const PRODUCTION_COLUMN_TYPES: Record<string, ColumnSchema['type']> = {
  [PRODUCTION_META.source]: 'category',
  [PRODUCTION_META.predictionId]: 'text',
  [PRODUCTION_META.servedVersion]: 'category',
  [PRODUCTION_META.predictedLabel]: 'category',
  [PRODUCTION_META.confidence]: 'number',
};

/** The schema with the production metadata columns appended where missing (the same schema when none is). */
export function collectSchema(schema: readonly ColumnSchema[]): ColumnSchema[] {
  const have = new Set(schema.map((c) => c.name));
  return [...schema, ...Object.entries(PRODUCTION_COLUMN_TYPES).filter(([name]) => !have.has(name)).map(([name, type]) => ({ name, type }))];
}

const PRODUCTION_NAMES = new Set<string>(Object.values(PRODUCTION_META));

export function planCollection(input: CollectInput): CollectPlan {
  const { logs, datasetTextHashes, datasetKeys, versionNames } = input;
  const classes = new Set(input.classes);
  const fieldColumns = input.metaColumns.filter((c) => !PRODUCTION_NAMES.has(c));
  const seen = new Set<string>();
  const rows: DataRow[] = [];
  const bySource = Object.fromEntries(PRODUCTION_SOURCES.map((s) => [s, 0])) as Record<ProductionSource, number>;
  const origins = new Map<string, CollectOrigin>();
  const notAClass = new Set<string>();
  let withoutText = 0;
  let inDataset = 0;
  let inWindow = 0;
  let notAClassRows = 0;
  for (const log of logs) {
    if (log.text === undefined || !log.predictionId) {
      withoutText++;
      continue;
    }
    const hash = textHash(log.text);
    if (datasetTextHashes.has(hash) || datasetKeys.has(log.predictionId)) {
      inDataset++;
      continue;
    }
    if (seen.has(hash)) {
      inWindow++;
      continue;
    }
    seen.add(hash);
    // An outcome the dataset has no class for is never stored as a label: the row waits in the labelling queue.
    const foreign = log.outcome !== undefined && classes.size > 0 && !classes.has(log.outcome);
    if (foreign) {
      notAClassRows++;
      notAClass.add(log.outcome!);
    }
    const source = foreign ? 'unlabelled' : productionSourceOf(log);
    const servedVersion = versionNames[log.modelVersionId] ?? log.modelVersionId;
    const meta: Record<string, MetaValue> = {};
    const fromFields = metaFromRequestFields(log.fields, fieldColumns);
    for (const column of fieldColumns) meta[column] = fromFields[column] ?? null;
    meta[PRODUCTION_META.source] = source;
    meta[PRODUCTION_META.predictionId] = log.predictionId;
    meta[PRODUCTION_META.servedVersion] = servedVersion;
    meta[PRODUCTION_META.predictedLabel] = log.label;
    meta[PRODUCTION_META.confidence] = log.confidence;
    rows.push({ key: log.predictionId, text: log.text, label: foreign ? null : (log.outcome ?? null), timestamp: log.at, meta });
    bySource[source]++;
    const originKey = `${log.deploymentId}\u0000${log.modelVersionId}`;
    const origin = origins.get(originKey) ?? { deploymentId: log.deploymentId, modelVersionId: log.modelVersionId, servedVersion, rows: 0 };
    origin.rows++;
    origins.set(originKey, origin);
  }
  const originList = [...origins.values()];
  const lineage: ProductionLineage = {
    deploymentIds: [...new Set(originList.map((o) => o.deploymentId))],
    modelVersionIds: [...new Set(originList.map((o) => o.modelVersionId))],
    from: input.window.from ?? logs[0]?.at ?? input.window.to,
    to: input.window.to,
    filters: input.filters,
    matched: logs.length,
    added: rows.length,
    skippedDuplicates: inDataset + inWindow,
    bySource,
  };
  return { rows, lineage, withoutText, inDataset, inWindow, notAClass: { rows: notAClassRows, outcomes: [...notAClass].sort() }, origins: originList };
}

/** The new version's message: the window and the counts. */
export function collectMessage(lineage: ProductionLineage): string {
  const sources = PRODUCTION_SOURCES.filter((s) => lineage.bySource[s] > 0).map((s) => `${lineage.bySource[s]} ${s}`);
  const filters = lineage.filters ? ` (${lineage.filters})` : '';
  return (
    `Production data from ${lineage.from} to ${lineage.to}${filters}: ${lineage.matched} matched, ` +
    `${lineage.added} added${sources.length ? ` (${sources.join(', ')})` : ''}, ${lineage.skippedDuplicates} skipped as duplicates`
  );
}

/** Lineage in words: "production: deployment 1a2b3c4d → window … to … → v5"; `time` formats an ISO time. */
export function productionLineageText(lineage: ProductionLineage, versionNumber: number, time: (iso: string) => string = (iso) => iso): string {
  const deployments = lineage.deploymentIds.map((id) => id.slice(0, 8)).join(', ') || 'none';
  const filters = lineage.filters ? `, ${lineage.filters}` : '';
  return `production: deployment ${deployments} → window ${time(lineage.from)} to ${time(lineage.to)}${filters} → v${versionNumber}`;
}
