/**
 * The checks the Data Ethics Review and the label-quality warnings draw on, over one version's
 * rows: class imbalance, class mix per category column (and per split), label association,
 * saved slices, personal data, train/test leakage, near-duplicates and same-text conflicts.
 * Lists are cut (50 groups, texts at 160 characters) so a report stays small.
 */
import type { ColumnSchema, DataRow } from './dataset';
import { classImbalance, classMixBySlice, type ClassImbalance, type ClassMixReport } from './bias';
import { labelAssociation, type LabelAssociation } from './association';
import { scanPii, type PiiReport } from './pii';
import { findLeakage, normalizeText, type LeakageReport } from './leakage';
import { leakageFixCounts, type LeakageFixCounts } from './leakageFix';
import { findNearDuplicateConflicts } from './nearDuplicates';
import { matchesSlice, type Slice } from './slices';
import { preview } from './recordFields';

export interface DatasetChecks {
  imbalance: ClassImbalance;
  /** Class mix per category column, and per split when the version has one. */
  mixes: ClassMixReport[];
  /** Association of each category column with the label: names likely label leaks and proxies. */
  associations: LabelAssociation[];
  slices: { slice: Slice; rows: number; classShares: Record<string, number> }[];
  pii: PiiReport & { exampleKeys: Record<string, string[]> };
  /** With how many rows the fix (leakageFix.ts) would move into each split, counted before the groups are cut. */
  leakage: (LeakageReport & { fix: LeakageFixCounts }) | null;
  nearDuplicates: { pairs: { a: string; b: string; similarity: number; labels: [string, string]; textA: string; textB: string }[]; total: number; complete: boolean };
  conflicts: LabelConflictGroup[];
}

/** Rows with the same normalized text and different labels: what a labelling guide must settle. */
export interface LabelConflictGroup {
  /** The first row's text, cut. */
  text: string;
  /** Up to 20 keys. */
  keys: string[];
  labels: string[];
}

/** The version checked: its rows (by key too), its schema, whether it is split, and its stored class balance ('' = unlabelled). */
export interface CheckedVersion {
  rows: readonly DataRow[];
  get(key: string): DataRow | undefined;
  schema: readonly ColumnSchema[];
  hasSplit: boolean;
  classBalance: Record<string, number>;
}

const LISTED = 50;

/** Text shown in reports: long texts cut, so a report stays small. */
const snippet = (text: string) => preview(text, 160);

export function datasetChecks(version: CheckedVersion, slices: readonly Slice[]): DatasetChecks {
  const { rows } = version;
  const categoryColumns = version.schema.filter((c) => c.type === 'category').map((c) => c.name);
  const mixes = categoryColumns.map((column) => classMixBySlice(rows, column));
  const associations = mixes.map(labelAssociation);
  if (version.hasSplit) mixes.push(classMixBySlice(rows, 'split'));
  const pii = scanPii(rows, 5);
  const exampleKeys = Object.fromEntries(Object.entries(pii.kinds).map(([kind, k]) => [kind, k.examples.map((e) => rows[e.index].key)]));
  const near = findNearDuplicateConflicts(rows, { seed: 'near-duplicates' });
  const textOf = (key: string) => snippet(version.get(key)?.text ?? '');
  const leakage = version.hasSplit ? findLeakage(rows) : null;
  return {
    imbalance: classImbalance(Object.fromEntries(Object.entries(version.classBalance).filter(([label]) => label !== ''))),
    mixes,
    associations,
    slices: slices.map((slice) => sliceClassShares(rows, slice)),
    pii: { ...pii, exampleKeys },
    leakage: leakage ? { ...leakage, fix: leakageFixCounts(leakage.groups), groups: leakage.groups.slice(0, LISTED).map((g) => ({ ...g, text: snippet(g.text) })) } : null,
    nearDuplicates: {
      pairs: near.pairs.slice(0, LISTED).map((p) => ({ ...p, textA: textOf(p.a), textB: textOf(p.b) })),
      total: near.totalPairs,
      complete: near.complete,
    },
    conflicts: labelConflicts(rows).slice(0, LISTED),
  };
}

/** A saved slice's size and the share of each class among its labelled rows. */
export function sliceClassShares(rows: readonly DataRow[], slice: Slice): DatasetChecks['slices'][number] {
  const inside = rows.filter((r) => matchesSlice(r, slice));
  const labelled = inside.filter((r) => r.label !== null);
  const shares: Record<string, number> = {};
  for (const r of labelled) shares[r.label!] = (shares[r.label!] ?? 0) + 1 / labelled.length;
  return { slice, rows: inside.length, classShares: shares };
}

/** Groups of labelled rows whose normalized texts are equal and labels differ, in first-seen order. */
export function labelConflicts(rows: readonly Pick<DataRow, 'key' | 'text' | 'label'>[]): LabelConflictGroup[] {
  const groups = new Map<string, { keys: string[]; labels: Set<string>; text: string }>();
  for (const r of rows) {
    if (r.label === null) continue;
    const k = normalizeText(r.text);
    const g = groups.get(k) ?? { keys: [], labels: new Set<string>(), text: r.text };
    g.keys.push(r.key);
    g.labels.add(r.label);
    groups.set(k, g);
  }
  return [...groups.values()].filter((g) => g.labels.size > 1).map((g) => ({ text: snippet(g.text), keys: g.keys.slice(0, 20), labels: [...g.labels] }));
}
