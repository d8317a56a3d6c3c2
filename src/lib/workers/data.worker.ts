/// <reference lib="webworker" />
/**
 * The data worker: parses and validates CSV files, writes dataset versions, and answers
 * queries and changes on a version held in memory — so the page never touches 100k rows — and
 * checks logged traffic for text drift against a served model's training split.
 */
import { parseCsv } from '$lib/core/data/csvParse';
import { unclosedQuoteMessage, type CsvRecordCollector } from '$lib/core/data/csvRecords';
import type { ColumnMapping, DataRow, SplitName } from '$lib/core/data/dataset';
import { DatasetState, relabelDelta, type Delta } from '$lib/core/data/datasetState';
import { mappingProblems, schemaFromMapping } from '$lib/core/data/mapping';
import { preview } from '$lib/core/data/recordFields';
import { rowsToCsv, rowsToJson } from '$lib/core/data/csvExport';
import { metaDistribution, textLengthByClass, topTermsByClass } from '$lib/core/data/explore';
import { classImbalance, classMixBySlice } from '$lib/core/data/bias';
import { maskPii, maskSummary, PII_KINDS, scanPii, type PiiCounts } from '$lib/core/data/pii';
import { findLeakage, normalizeText } from '$lib/core/data/leakage';
import { labelAssociation } from '$lib/core/data/association';
import { findNearDuplicateConflicts } from '$lib/core/data/nearDuplicates';
import { diffDatasets, summarizeDiff } from '$lib/core/data/diff';
import { matchesSlice, type Slice } from '$lib/core/data/slices';
import { assignSplits, countUndated, splitCounts, validateRatios } from '$lib/core/data/split';
import { summarizeSplits } from '$lib/core/data/splitSummary';
import { suggestMapping } from '$lib/core/data/inferTypes';
import { applyDecisions, validateRecords, type ValidationReport } from '$lib/core/data/validation';
import { plausibleDateRange } from '$lib/core/data/plausibleDates';
import { connect } from '$lib/db/connection';
import { getDatasetVersion, latestDatasetVersion, loadDatasetState, writeDatasetVersion, writeDerivedVersion } from '$lib/db/datasets';
import { pmSummaryJob, snapshotExportJob, snapshotImportJob, snapshotReadJob } from './snapshotJobs';
import { modelImportJob } from './modelImportJob';
import { backupDiscardJob, backupPassJob, backupRestoreJob, backupStatusJob } from './backupJobs';
import { backupFingerprintJob, backupPackedJob, backupRestorePackedJob } from './compactBackupJobs';
import { ensureRoomFor } from '$lib/db/storage';
import { fileSizeProblem } from '$lib/core/fileLimits';
import { serveRpc, type RpcContext } from './rpc';
import { withProjectLock } from './projectLock';
import { runTextDrift } from './textDriftJob';
import {
  REPORT_LINES_CAP, type DataProgress, type DateBounds, type DataRequest, type DataResults, type ParsedFile, type ReportSummary, type RowPage, type RowQuery,
} from './dataProtocol';

const db = connect({ onVersionChange: () => undefined, onBlocked: () => undefined });

type Context = RpcContext<DataProgress>;

/** The file being imported: parsed records wait here until they are committed or discarded. */
let parsed: { collector: CsvRecordCollector; fileName: string; fileBytes: number; report: ValidationReport | null } | null = null;

/** Versions held in memory, newest use last; a couple are enough for a session. */
const states = new Map<string, DatasetState>();
const MAX_STATES = 2;

async function stateOf(versionId: string, ctx: Context): Promise<DatasetState> {
  let state = states.get(versionId);
  if (state) {
    states.delete(versionId);
  } else {
    const started = performance.now();
    ctx.progress({ phase: 'load', done: 0, total: 1, records: 0, elapsedMs: 0 });
    state = await loadDatasetState(db, versionId);
    ctx.progress({ phase: 'load', done: 1, total: 1, records: state.size, elapsedMs: performance.now() - started });
  }
  states.set(versionId, state);
  while (states.size > MAX_STATES) states.delete(states.keys().next().value!);
  return state;
}

/** After a derived version is written, the mutated state belongs to the new version. */
function rekey(oldId: string, newId: string, state: DatasetState): void {
  states.delete(oldId);
  states.set(newId, state);
}

async function parse(request: Extract<DataRequest, { type: 'parse' }>, ctx: Context): Promise<ParsedFile> {
  parsed = null;
  const tooLarge = fileSizeProblem('datasetCsv', request.file.size);
  if (tooLarge) throw new Error(`${request.fileName}: ${tooLarge} Import a smaller extract of it.`);
  const started = performance.now();
  const result = await parseCsv(request.file, {
    delimiter: request.delimiter,
    encoding: request.encoding,
    onProgress: (p) =>
      ctx.progress({ phase: 'parse', done: Math.min(p.bytes, request.file.size), total: request.file.size, records: p.records, elapsedMs: performance.now() - started }),
    shouldAbort: () => ctx.cancelled,
  });
  ctx.throwIfCancelled();
  const { collector } = result;
  if (!collector.header) throw new Error('The file is empty: no header row was found.');
  if (collector.count === 0) {
    throw new Error(collector.unclosedQuote ? unclosedQuoteMessage(collector.unclosedQuote) : 'The file has a header but no records.');
  }
  parsed = { collector, fileName: request.fileName, fileBytes: request.file.size, report: null };
  return {
    fileName: request.fileName,
    sizeBytes: request.file.size,
    delimiter: result.delimiter,
    decoding: result.decoding!,
    header: collector.header,
    preview: collector.records.slice(0, 5),
    records: collector.count,
    malformed: collector.malformed.length,
    unclosedQuote: collector.unclosedQuote,
    blankLines: collector.blankLines,
    suggested: suggestMapping(collector.header, collector.records),
    parseMs: performance.now() - started,
  };
}

function validate(mapping: ColumnMapping, dates: DateBounds): ReportSummary {
  if (!parsed) throw new Error('No file is waiting to be imported. Choose the file again.');
  const { collector } = parsed;
  const problems = mappingProblems(collector.header!, mapping);
  if (problems.length) throw new Error(problems.join(' '));
  const started = performance.now();
  const report = validateRecords(collector.header!, collector.records, collector.malformed, mapping, {
    plausibleDates: plausibleDateRange(dates.earliestYear, dates.now),
  });
  parsed.report = report;
  return {
    total: report.total,
    categories: report.categories.map((c) => ({ ...c, lines: c.lines.slice(0, REPORT_LINES_CAP), moreLines: Math.max(0, c.lines.length - REPORT_LINES_CAP) })),
    malformed: collector.malformed.slice(0, REPORT_LINES_CAP).map(({ line, fieldCount, expected, problem }) => ({ line, fieldCount, expected, problem })),
    plausibleDates: report.plausibleDates,
    validateMs: performance.now() - started,
  };
}

async function commit(request: Extract<DataRequest, { type: 'commit' }>, ctx: Context): Promise<DataResults['commit']> {
  if (!parsed?.report) throw new Error('Check the file before importing it.');
  const { collector, report, fileName, fileBytes } = parsed;
  // Stored rows take about the file's size (text, keys, labels); refuse before writing any.
  await ensureRoomFor(fileBytes, `import ${fileName}`);
  const started = performance.now();
  const applied = applyDecisions(report, collector.records, collector.malformed, request.decisions, request.fixes);
  if (applied.rows.length === 0) throw new Error('No rows are left to import with these choices.');
  const total = applied.rows.length;
  const applyMs = performance.now() - started;
  ctx.progress({ phase: 'write', done: 0, total, records: total, elapsedMs: 0 });
  // One hashing pass: the state computes the content hash and is kept for the next operations.
  const state = new DatasetState(applied.rows);
  const contentHash = state.contentHash;
  const hashMs = performance.now() - started - applyMs;
  ctx.throwIfCancelled();
  const latest = await latestDatasetVersion(db, request.projectId);
  const version = await writeDatasetVersion(
    db,
    {
      projectId: request.projectId,
      source: { name: fileName },
      parentId: latest?.id ?? null,
      message: request.message.trim() || `Imported ${fileName}`,
      change: 'import',
      schema: schemaFromMapping(report.header, report.mapping),
      rows: applied.rows,
      contentHash,
    },
    (written) => {
      // Throwing inside the transaction aborts it: a cancelled import leaves nothing behind.
      ctx.throwIfCancelled();
      ctx.progress({ phase: 'write', done: written, total, records: total, elapsedMs: performance.now() - started });
    },
  );
  parsed = null;
  states.set(version.id, state);
  const writeMs = performance.now() - started;
  return { version, kept: total, excluded: applied.excluded.slice(0, REPORT_LINES_CAP), writeMs, phases: { applyMs, hashMs, storeMs: writeMs - applyMs - hashMs } };
}

function matches(row: DataRow, query: RowQuery, needle: string): boolean {
  const label = query.label ?? { kind: 'any' };
  if (label.kind === 'unlabelled' && row.label !== null) return false;
  if (label.kind === 'label' && row.label !== label.label) return false;
  if (query.split && query.split !== 'any' && (query.split === 'none' ? row.split !== undefined : row.split !== query.split)) return false;
  return !needle || row.text.toLowerCase().includes(needle) || row.key.toLowerCase() === needle;
}

async function query(q: RowQuery, ctx: Context): Promise<RowPage> {
  const state = await stateOf(q.versionId, ctx);
  const needle = q.search?.trim().toLowerCase() ?? '';
  const rows: RowPage['rows'] = [];
  let total = 0;
  state.rows.forEach((row, position) => {
    if (!matches(row, q, needle)) return;
    if (total >= q.offset && rows.length < q.limit) rows.push({ ...row, position });
    total++;
  });
  return { rows, total };
}

/**
 * Works out a change on a version and writes it as the next one, holding the project's lock. When
 * another tab saved a newer version first, the write carries a label change over to it or refuses
 * (db/datasets.ts); the new version's rows stay in memory for the next request either way.
 */
async function derive(versionId: string, ctx: Context, make: (state: DatasetState) => { delta: Delta; message: string; change: Parameters<typeof writeDerivedVersion>[1]['change']; split?: Parameters<typeof writeDerivedVersion>[1]['split'] }) {
  const parent = await getDatasetVersion(db, versionId);
  if (!parent) throw new Error('That dataset version no longer exists.');
  return withProjectLock(parent.projectId, async () => {
    const state = await stateOf(versionId, ctx);
    const { delta, message, change, split } = make(state);
    const version = await writeDerivedVersion(db, { parent, state, delta, message, change, split, cachedState: (id) => states.get(id) });
    rekey(versionId, version.id, state);
    return version;
  });
}

function splitDelta(state: DatasetState, request: Extract<DataRequest, { type: 'split' }>) {
  const problems = validateRatios(request.ratios);
  if (problems.length) throw new Error(problems.join(' '));
  const assignments = assignSplits(state.rows, request);
  const upserts = state.rows.flatMap((row, i) => (row.split === assignments[i] ? [] : [withSplit(row, assignments[i])]));
  if (!upserts.length) throw new Error('This split is already the one assigned to this version.');
  const { totals: counts, unassigned } = splitCounts(assignments, state.rows.map((r) => r.label));
  const pct = request.ratios.map((r) => Math.round(r * 100)).join('/');
  const leftOut = unassigned ? `; ${unassigned.toLocaleString('en')} ${unassigned === 1 ? 'row' : 'rows'} without a date left out of every split` : '';
  return {
    delta: { upserts, removedKeys: [] },
    message: request.method === 'time' ? `Time-based split ${pct} (oldest rows train, newest test)${leftOut}` : `Stratified split ${pct}, seed “${request.seed}”`,
    change: 'split' as const,
    split: { seed: request.seed, method: request.method, ratios: [...request.ratios] as [number, number, number], counts },
  };
}

/** The row with `split` set, or without one (a row left out of a time split). */
function withSplit(row: DataRow, split: SplitName | undefined): DataRow {
  const { split: _old, ...rest } = row;
  return split === undefined ? rest : { ...rest, split };
}

/** Meta columns in first-seen order over all rows. */
function metaColumnsOf(rows: readonly DataRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row.meta)) seen.add(key);
  return [...seen];
}

async function exportVersion(request: Extract<DataRequest, { type: 'export' }>, ctx: Context): Promise<DataResults['export']> {
  const version = await getDatasetVersion(db, request.versionId);
  if (!version) throw new Error('That dataset version no longer exists.');
  const state = await stateOf(request.versionId, ctx);
  const base = `${request.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'dataset'}-v${version.number}`;
  if (request.format === 'csv') {
    return { text: rowsToCsv(state.rows, metaColumnsOf(state.rows)), fileName: `${base}.csv`, mimeType: 'text/csv' };
  }
  const text = rowsToJson(state.rows, {
    name: request.name,
    exportedAt: request.exportedAt,
    schema: version.schema,
    contentHash: version.contentHash,
    ...(version.split ? { seed: version.split.seed } : {}),
    lineage: { projectId: version.projectId, datasetVersionId: version.id, importId: version.importId },
  });
  return { text, fileName: `${base}.json`, mimeType: 'application/json' };
}

async function explore(versionId: string, ctx: Context): Promise<DataResults['explore']> {
  const version = await getDatasetVersion(db, versionId);
  if (!version) throw new Error('That dataset version no longer exists.');
  const state = await stateOf(versionId, ctx);
  const metaColumns = version.schema.filter((c) => c.type === 'category' || c.type === 'number' || c.type === 'date');
  return {
    lengths: textLengthByClass(state.rows),
    terms: topTermsByClass(state.rows, { k: 12 }),
    meta: metaColumns
      .filter((c) => c.name !== findTimestampColumn(version.schema))
      .map((c) => metaDistribution(state.rows, c)),
  };
}

/** The timestamp column is stored on the row, not in meta. */
function findTimestampColumn(schema: readonly { name: string; type: string }[]): string | undefined {
  return schema.find((c) => c.type === 'date')?.name;
}

/** Text shown in reports: long texts cut, so a report stays small. */
const snippet = (text: string) => preview(text, 160);

async function checks(versionId: string, slices: Slice[], ctx: Context): Promise<DataResults['checks']> {
  const started = performance.now();
  const version = await getDatasetVersion(db, versionId);
  if (!version) throw new Error('That dataset version no longer exists.');
  const state = await stateOf(versionId, ctx);
  const rows = state.rows;
  const categoryColumns = version.schema.filter((c) => c.type === 'category').map((c) => c.name);
  const mixes = categoryColumns.map((column) => classMixBySlice(rows, column));
  const associations = mixes.map(labelAssociation);
  if (version.split) mixes.push(classMixBySlice(rows, 'split'));
  const sliceStats = slices.map((slice) => {
    const inside = rows.filter((r) => matchesSlice(r, slice));
    const labelled = inside.filter((r) => r.label !== null);
    const shares: Record<string, number> = {};
    for (const r of labelled) shares[r.label!] = (shares[r.label!] ?? 0) + 1 / labelled.length;
    return { slice, rows: inside.length, classShares: shares };
  });
  const pii = scanPii(rows, 5);
  const exampleKeys = Object.fromEntries(Object.entries(pii.kinds).map(([kind, k]) => [kind, k.examples.map((e) => rows[e.index].key)]));
  const near = findNearDuplicateConflicts(rows, { seed: 'near-duplicates' });
  const byKey = (key: string) => state.get(key)?.text ?? '';
  // Same normalized text, different labels: the conflicts a labelling guide must settle.
  const groups = new Map<string, { keys: string[]; labels: Set<string>; text: string }>();
  for (const r of rows) {
    if (r.label === null) continue;
    const k = normalizeText(r.text);
    const g = groups.get(k) ?? { keys: [], labels: new Set<string>(), text: r.text };
    g.keys.push(r.key);
    g.labels.add(r.label);
    groups.set(k, g);
  }
  const conflicts = [...groups.values()].filter((g) => g.labels.size > 1).map((g) => ({ text: snippet(g.text), keys: g.keys.slice(0, 20), labels: [...g.labels] }));
  const leakage = version.split ? findLeakage(rows) : null;
  return {
    imbalance: classImbalance(Object.fromEntries(Object.entries(version.classBalance).filter(([label]) => label !== ''))),
    mixes,
    associations,
    slices: sliceStats,
    pii: { ...pii, exampleKeys },
    leakage: leakage ? { ...leakage, groups: leakage.groups.slice(0, 50).map((g) => ({ ...g, text: snippet(g.text) })) } : null,
    nearDuplicates: {
      pairs: near.pairs.slice(0, 50).map((p) => ({ ...p, textA: snippet(byKey(p.a)), textB: snippet(byKey(p.b)) })),
      total: near.totalPairs,
      complete: near.complete,
    },
    conflicts: conflicts.slice(0, 50),
    elapsedMs: performance.now() - started,
  };
}

function maskDelta(state: DatasetState) {
  const upserts: DataRow[] = [];
  const byKind: PiiCounts = { email: 0, card: 0, phone: 0 };
  for (const row of state.rows) {
    const result = maskPii(row.text);
    if (result.masked > 0) {
      upserts.push({ ...row, text: result.text });
      for (const kind of PII_KINDS) byKind[kind] += result.byKind[kind];
    }
  }
  if (!upserts.length) throw new Error('No personal data was found to mask.');
  return {
    delta: { upserts, removedKeys: [] },
    message: maskSummary(byKind, upserts.length),
    change: 'mask-pii' as const,
  };
}

async function diff(fromId: string, toId: string, ctx: Context): Promise<DataResults['diff']> {
  const [from, to] = await Promise.all([getDatasetVersion(db, fromId), getDatasetVersion(db, toId)]);
  if (!from || !to) throw new Error('One of the two versions no longer exists.');
  // Load both states (the cache holds two) before diffing.
  const a = await stateOf(fromId, ctx);
  const b = await stateOf(toId, ctx);
  const result = diffDatasets({ rows: a.rows, schema: from.schema }, { rows: b.rows, schema: to.schema });
  return { diff: result, summary: summarizeDiff(result) };
}

async function handle(request: DataRequest, ctx: Context): Promise<DataResults[DataRequest['type']]> {
  switch (request.type) {
    case 'parse':
      return parse(request, ctx);
    case 'validate':
      return validate(request.mapping, request.dates);
    case 'commit':
      return commit(request, ctx);
    case 'discard':
      parsed = null;
      return null;
    case 'query':
      return query(request.query, ctx);
    case 'label':
      return derive(request.versionId, ctx, (state) => ({
        delta: relabelDelta(state, request.keys, request.label),
        message: request.message,
        change: request.change,
      }));
    case 'split':
      return derive(request.versionId, ctx, (state) => splitDelta(state, request));
    case 'countUndated': {
      const state = await stateOf(request.versionId, ctx);
      return { rows: state.size, undated: countUndated(state.rows) };
    }
    case 'splitSummary': {
      const state = await stateOf(request.versionId, ctx);
      return summarizeSplits(state.rows, request.plan ? assignSplits(state.rows, request.plan) : state.rows.map((r) => r.split));
    }
    case 'export':
      return exportVersion(request, ctx);
    case 'explore':
      return explore(request.versionId, ctx);
    case 'checks':
      return checks(request.versionId, request.slices, ctx);
    case 'maskPii':
      return derive(request.versionId, ctx, (state) => maskDelta(state));
    case 'diff':
      return diff(request.fromId, request.toId, ctx);
    case 'textDrift':
      return runTextDrift(db, request, ctx, (versionId) => stateOf(versionId, ctx));
    case 'snapshotExport':
      return snapshotExportJob(db, request.projectId, request.options);
    case 'snapshotRead':
      return snapshotReadJob(request.file);
    case 'snapshotImport':
      await ensureRoomFor(request.file.size, 'import this snapshot');
      return snapshotImportJob(db, request.file, request.by);
    case 'modelImport':
      return modelImportJob(db, request);
    case 'pmSummary':
      return pmSummaryJob(db, request.projectId);
    case 'backupStatus':
      return backupStatusJob(db);
    case 'backupPass':
      return backupPassJob(db);
    case 'backupRestore':
      return backupRestoreJob(db, request.by);
    case 'backupDiscard':
      return backupDiscardJob(db);
    case 'backupFingerprint':
      return backupFingerprintJob(db, request.projectId);
    case 'backupPacked':
      return backupPackedJob(db, request.projectId);
    case 'backupRestorePacked':
      return backupRestorePackedJob(db, request.packed, request.by);
  }
}

serveRpc<DataRequest, DataProgress, DataResults[DataRequest['type']]>(self as unknown as DedicatedWorkerGlobalScope, handle);
