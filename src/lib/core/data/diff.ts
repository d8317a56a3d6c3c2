/**
 * What changed between two dataset versions, matched by row `key`: rows added and removed,
 * labels, texts, splits, timestamps and metadata changed, class balance and schema. Counts are
 * exact; example lists are capped so a UI (and an exported report) stays small.
 */
import type { ColumnSchema, ColumnType, DataRow, MetaValue, SplitName } from './dataset';
import { compareStrings } from '../compare';
import { counted } from '../words';
import { codePointLength, quantile } from './explore';

export interface DatasetSnapshot {
  rows: readonly DataRow[];
  schema: readonly ColumnSchema[];
}

/** An exact count and the first `examples.length ≤ exampleLimit` cases (in row order of b, then a). */
export interface Changes<T> {
  count: number;
  examples: T[];
}

export interface Relabel {
  key: string;
  from: string | null;
  to: string | null;
}

export interface LabelTransition {
  from: string | null;
  to: string | null;
  count: number;
}

export interface SplitMove {
  key: string;
  from: SplitName | null;
  to: SplitName | null;
}

export interface MetaChange {
  key: string;
  /** Meta columns whose value differs (a missing column counts as null). */
  columns: string[];
}

/** One class in both versions. Shares are of *labelled* rows, in [0, 1]. */
export interface ClassBalanceDelta {
  label: string;
  countA: number;
  countB: number;
  shareA: number;
  shareB: number;
  /** (shareB − shareA) × 100, percentage points. */
  deltaPp: number;
}

export interface SchemaDiff {
  added: ColumnSchema[];
  removed: ColumnSchema[];
  typeChanged: { name: string; from: ColumnType; to: ColumnType }[];
}

export interface DatasetDiff {
  rowsA: number;
  rowsB: number;
  added: Changes<string>;
  removed: Changes<string>;
  relabelled: Changes<Relabel> & { transitions: LabelTransition[] };
  textChanged: Changes<string>;
  splitChanged: Changes<SplitMove>;
  timestampChanged: Changes<string>;
  metaChanged: Changes<MetaChange> & { byColumn: Record<string, number> };
  /** Classes present in either version, largest |deltaPp| first, then by label. */
  classBalance: ClassBalanceDelta[];
  unlabelled: { a: number; b: number };
  schema: SchemaDiff;
  /** Rows whose key repeats an earlier row's key; only the first row of a key is compared. */
  duplicateKeys: { a: number; b: number };
  /** Length of the text the models read, in characters (code points), per version: shorter texts show a cut upstream. */
  textLength: { a: LengthStats; b: LengthStats };
  /** Per metadata column of either version, the share of rows missing it (absent, null or blank), A vs B; by column name. */
  missing: MissingShare[];
}

/** Mean and median of text lengths (characters); 0 for no rows. */
export interface LengthStats {
  mean: number;
  median: number;
}

export interface MissingShare {
  column: string;
  /** Shares in [0, 1] of each version's rows. */
  shareA: number;
  shareB: number;
}

export const DIFF_EXAMPLE_LIMIT = 50;

function indexByKey(rows: readonly DataRow[]): { byKey: Map<string, DataRow>; duplicates: number } {
  const byKey = new Map<string, DataRow>();
  let duplicates = 0;
  for (const row of rows) {
    if (byKey.has(row.key)) duplicates++;
    else byKey.set(row.key, row);
  }
  return { byKey, duplicates };
}

function changes<T>(): Changes<T> {
  return { count: 0, examples: [] };
}

function record<T>(list: Changes<T>, item: T, limit: number): void {
  list.count++;
  if (list.examples.length < limit) list.examples.push(item);
}

/** Equal meta values; NaN equals NaN, missing equals null. */
function sameValue(x: MetaValue | undefined, y: MetaValue | undefined): boolean {
  const u = x ?? null;
  const v = y ?? null;
  return u === v || (typeof u === 'number' && typeof v === 'number' && Number.isNaN(u) && Number.isNaN(v));
}

function changedMetaColumns(a: Record<string, MetaValue>, b: Record<string, MetaValue>): string[] {
  const columns: string[] = [];
  for (const name in a) if (!sameValue(a[name], b[name])) columns.push(name);
  for (const name in b) if (!(name in a) && (b[name] ?? null) !== null) columns.push(name);
  return columns;
}

function classCounts(rows: Iterable<DataRow>): { counts: Map<string, number>; labelled: number; unlabelled: number } {
  const counts = new Map<string, number>();
  let labelled = 0;
  let unlabelled = 0;
  for (const row of rows) {
    if (row.label === null) unlabelled++;
    else {
      labelled++;
      counts.set(row.label, (counts.get(row.label) ?? 0) + 1);
    }
  }
  return { counts, labelled, unlabelled };
}

export function diffSchema(a: readonly ColumnSchema[], b: readonly ColumnSchema[]): SchemaDiff {
  const typeA = new Map(a.map((c) => [c.name, c.type]));
  const typeB = new Map(b.map((c) => [c.name, c.type]));
  return {
    added: b.filter((c) => !typeA.has(c.name)),
    removed: a.filter((c) => !typeB.has(c.name)),
    typeChanged: a
      .filter((c) => typeB.has(c.name) && typeB.get(c.name) !== c.type)
      .map((c) => ({ name: c.name, from: c.type, to: typeB.get(c.name) as ColumnType })),
  };
}

function lengthStats(rows: Iterable<DataRow>): LengthStats {
  const lengths = Float64Array.from(rows, (r) => codePointLength(r.text)).sort();
  return { mean: lengths.length ? lengths.reduce((s, n) => s + n, 0) / lengths.length : 0, median: quantile(lengths, 0.5) };
}

const isMissing = (v: MetaValue | undefined) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Missing shares of every metadata column either version has. */
function missingShares(a: readonly DataRow[], b: readonly DataRow[]): MissingShare[] {
  const columns = new Set<string>();
  for (const row of [...a, ...b]) for (const name in row.meta) columns.add(name);
  const share = (rows: readonly DataRow[], column: string) => (rows.length ? rows.filter((r) => isMissing(r.meta[column])).length / rows.length : 0);
  return [...columns].sort(compareStrings).map((column) => ({ column, shareA: share(a, column), shareB: share(b, column) }));
}

/** Compare version `a` (before) with `b` (after). O(rows) with hash maps. */
export function diffDatasets(
  a: DatasetSnapshot,
  b: DatasetSnapshot,
  options: { exampleLimit?: number } = {},
): DatasetDiff {
  const limit = options.exampleLimit ?? DIFF_EXAMPLE_LIMIT;
  const indexA = indexByKey(a.rows);
  const indexB = indexByKey(b.rows);
  const diff: DatasetDiff = {
    rowsA: a.rows.length,
    rowsB: b.rows.length,
    added: changes(),
    removed: changes(),
    relabelled: { ...changes<Relabel>(), transitions: [] },
    textChanged: changes(),
    splitChanged: changes(),
    timestampChanged: changes(),
    metaChanged: { ...changes<MetaChange>(), byColumn: {} },
    classBalance: [],
    unlabelled: { a: 0, b: 0 },
    schema: diffSchema(a.schema, b.schema),
    duplicateKeys: { a: indexA.duplicates, b: indexB.duplicates },
    textLength: { a: lengthStats(indexA.byKey.values()), b: lengthStats(indexB.byKey.values()) },
    missing: missingShares([...indexA.byKey.values()], [...indexB.byKey.values()]),
  };
  const transitions = new Map<string, LabelTransition>();
  for (const [key, after] of indexB.byKey) {
    const before = indexA.byKey.get(key);
    if (!before) {
      record(diff.added, key, limit);
      continue;
    }
    if (before.label !== after.label) {
      record(diff.relabelled, { key, from: before.label, to: after.label }, limit);
      const id = JSON.stringify([before.label, after.label]);
      const t = transitions.get(id);
      if (t) t.count++;
      else transitions.set(id, { from: before.label, to: after.label, count: 1 });
    }
    if (before.text !== after.text) record(diff.textChanged, key, limit);
    if (before.split !== after.split) {
      record(diff.splitChanged, { key, from: before.split ?? null, to: after.split ?? null }, limit);
    }
    if (before.timestamp !== after.timestamp) record(diff.timestampChanged, key, limit);
    const columns = changedMetaColumns(before.meta, after.meta);
    if (columns.length > 0) {
      record(diff.metaChanged, { key, columns }, limit);
      for (const c of columns) diff.metaChanged.byColumn[c] = (diff.metaChanged.byColumn[c] ?? 0) + 1;
    }
  }
  for (const key of indexA.byKey.keys()) if (!indexB.byKey.has(key)) record(diff.removed, key, limit);
  diff.relabelled.transitions = [...transitions.values()].sort(
    (x, y) => y.count - x.count || compareStrings(JSON.stringify([x.from, x.to]), JSON.stringify([y.from, y.to])),
  );

  const balanceA = classCounts(indexA.byKey.values());
  const balanceB = classCounts(indexB.byKey.values());
  diff.unlabelled = { a: balanceA.unlabelled, b: balanceB.unlabelled };
  const labels = new Set([...balanceA.counts.keys(), ...balanceB.counts.keys()]);
  diff.classBalance = [...labels]
    .map((label) => {
      const countA = balanceA.counts.get(label) ?? 0;
      const countB = balanceB.counts.get(label) ?? 0;
      const shareA = balanceA.labelled > 0 ? countA / balanceA.labelled : 0;
      const shareB = balanceB.labelled > 0 ? countB / balanceB.labelled : 0;
      return { label, countA, countB, shareA, shareB, deltaPp: (shareB - shareA) * 100 };
    })
    .sort((x, y) => Math.abs(y.deltaPp) - Math.abs(x.deltaPp) || compareStrings(x.label, y.label));
  return diff;
}

const formatCount = (n: number) => n.toLocaleString('en-US');
const formatLabel = (label: string | null) => label ?? '(unlabelled)';
const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.01 ? 1 : 0)} %`;
/** Signed with a true minus sign, as in "−3 rows". */
const signed = (n: number, text: string) => `${n < 0 ? '−' : '+'}${text}`;

/** Items of a list, the first `max` of them, with "…" when some are left out. */
function listed(items: string[], max: number): string {
  return items.slice(0, max).join(', ') + (items.length > max ? ', …' : '');
}

/**
 * One line for people, e.g. "+120 rows, −3 rows, 14 relabelled (Billing → Technical Issue: 9,
 * …), 2 texts changed, class balance: Billing +2.1 pp, Technical Issue −2.1 pp; schema: +channel".
 * Parts with nothing to say are left out; class shifts under 0.05 pp are not listed.
 */
export function summarizeDiff(diff: DatasetDiff): string {
  const parts: string[] = [];
  if (diff.added.count > 0) parts.push(`+${counted(diff.added.count, 'row')}`);
  if (diff.removed.count > 0) parts.push(`−${counted(diff.removed.count, 'row')}`);
  if (diff.relabelled.count > 0) {
    const moves = diff.relabelled.transitions.map((t) => `${formatLabel(t.from)} → ${formatLabel(t.to)}: ${formatCount(t.count)}`);
    parts.push(`${formatCount(diff.relabelled.count)} relabelled (${listed(moves, 3)})`);
  }
  if (diff.textChanged.count > 0) parts.push(`${counted(diff.textChanged.count, 'text')} changed`);
  if (diff.splitChanged.count > 0) parts.push(`${counted(diff.splitChanged.count, 'row')} changed split`);
  if (diff.timestampChanged.count > 0) parts.push(`${counted(diff.timestampChanged.count, 'timestamp')} changed`);
  if (diff.metaChanged.count > 0) parts.push(`${counted(diff.metaChanged.count, 'row')} with metadata changed`);
  const shifts = diff.classBalance
    .filter((c) => Math.abs(c.deltaPp) >= 0.05)
    .map((c) => `${c.label} ${signed(c.deltaPp, Math.abs(c.deltaPp).toFixed(1))} pp`);
  if (shifts.length > 0) parts.push(`class balance: ${listed(shifts, 4)}`);
  const { a: lenA, b: lenB } = diff.textLength;
  // A tenth shorter or longer on median is worth a word: a cut or an added field upstream.
  if (lenA.median > 0 && Math.abs(lenB.median - lenA.median) / lenA.median >= 0.1) parts.push(`median text ${Math.round(lenA.median)} → ${Math.round(lenB.median)} characters`);
  const missing = diff.missing.filter((m) => Math.abs(m.shareB - m.shareA) >= 0.05).map((m) => `${m.column} missing ${percent(m.shareA)} → ${percent(m.shareB)}`);
  if (missing.length > 0) parts.push(listed(missing, 3));
  const schema = [
    ...diff.schema.added.map((c) => `+${c.name}`),
    ...diff.schema.removed.map((c) => `−${c.name}`),
    ...diff.schema.typeChanged.map((c) => `${c.name} ${c.from} → ${c.to}`),
  ];
  let line = parts.length > 0 ? parts.join(', ') : `No row changes (${counted(diff.rowsB, 'row')})`;
  if (schema.length > 0) line += `; schema: ${listed(schema, 5)}`;
  return line;
}
