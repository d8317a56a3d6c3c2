/**
 * Exploration summaries for the Data stage: text length per class, the terms that set each
 * class apart, and the distribution of one metadata column. Plain numbers, ready for d3.
 */
import { ENGLISH_STOP_WORDS, tokenize } from '../text/tokenize';
import type { ColumnSchema, DataRow, MetaValue } from './dataset';
import { compareLabels, compareStrings } from '../compare';
import { percentileOfSorted } from '../eval/latency';
import { findTimestampColumn } from './mapping';

/**
 * Lower edges of the text-length histogram bins, in characters (Unicode code points): bin i is
 * [edge[i], edge[i+1]), the last bin is open-ended. Doubling widths keep one-line chat messages
 * and multi-paragraph emails readable on one axis.
 */
export const CHAR_BIN_EDGES: readonly number[] = [0, 25, 50, 100, 200, 400, 800, 1600, 3200];
/** Lower edges of the token-count bins (tokens as in `tokenize`), same convention. */
export const TOKEN_BIN_EDGES: readonly number[] = [0, 5, 10, 20, 40, 80, 160, 320, 640];

/** Quantile (q in [0, 1]) of ascending values, numpy's default interpolation; 0 for no values (an empty class reads 0). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  return sorted.length === 0 ? 0 : percentileOfSorted(sorted, q * 100);
}

/** Length in code points (an emoji counts once), not UTF-16 units. */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Index of the bin holding `value` for ascending lower `edges`. */
function binOf(edges: readonly number[], value: number): number {
  let i = edges.length - 1;
  while (i > 0 && value < edges[i]) i--;
  return i;
}

/** Mean, median and 90th percentile; all 0 when there are no values. */
export interface LengthSummary {
  mean: number;
  median: number;
  p90: number;
  /** Counts per bin of the matching `*_BIN_EDGES`. */
  histogram: number[];
}

export interface ClassLengths {
  /** null = unlabelled rows. */
  label: string | null;
  count: number;
  chars: LengthSummary;
  tokens: LengthSummary;
}

export interface TextLengthReport {
  charBinEdges: readonly number[];
  tokenBinEdges: readonly number[];
  /** Labels in code-unit order, unlabelled last. */
  classes: ClassLengths[];
  all: ClassLengths;
}

function summarize(values: number[], edges: readonly number[]): LengthSummary {
  const sorted = Float64Array.from(values).sort();
  const histogram = new Array<number>(edges.length).fill(0);
  let sum = 0;
  for (const v of values) {
    sum += v;
    histogram[binOf(edges, v)]++;
  }
  return {
    mean: values.length > 0 ? sum / values.length : 0,
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    histogram,
  };
}

/** Text length per class, in characters and tokens. */
export function textLengthByClass(rows: readonly Pick<DataRow, 'text' | 'label'>[]): TextLengthReport {
  const groups = new Map<string | null, { chars: number[]; tokens: number[] }>();
  const all = { chars: [] as number[], tokens: [] as number[] };
  for (const row of rows) {
    let g = groups.get(row.label);
    if (!g) groups.set(row.label, (g = { chars: [], tokens: [] }));
    const chars = codePointLength(row.text);
    const tokens = tokenize(row.text).length;
    g.chars.push(chars);
    g.tokens.push(tokens);
    all.chars.push(chars);
    all.tokens.push(tokens);
  }
  const describe = (label: string | null, g: { chars: number[]; tokens: number[] }): ClassLengths => ({
    label,
    count: g.chars.length,
    chars: summarize(g.chars, CHAR_BIN_EDGES),
    tokens: summarize(g.tokens, TOKEN_BIN_EDGES),
  });
  const labels = [...groups.keys()].sort(compareLabels);
  return {
    charBinEdges: CHAR_BIN_EDGES,
    tokenBinEdges: TOKEN_BIN_EDGES,
    classes: labels.map((label) => describe(label, groups.get(label) as { chars: number[]; tokens: number[] })),
    all: describe(null, all),
  };
}

export interface TopTermsOptions {
  /** Terms per class; default 15. */
  k?: number;
  /** A term needs at least this many occurrences in the class; default 3. */
  minCount?: number;
  /** true = scikit-learn's English list (default), false = none, or a set of your own. */
  stopWords?: boolean | ReadonlySet<string>;
  /** α₀, the prior's total pseudo-count (tokens); default 500. Larger shrinks rare terms more. */
  priorStrength?: number;
}

export interface TermScore {
  term: string;
  /** Occurrences in the class. */
  count: number;
  /** δ, the prior-smoothed log-odds ratio class vs. the other classes (natural log). */
  logOdds: number;
  /** δ / sd(δ): how sure we are the term is over-used in this class. Terms rank by this. */
  zScore: number;
}

export interface ClassTerms {
  label: string;
  /** Tokens of the class after stop-word removal. */
  tokens: number;
  terms: TermScore[];
}

/**
 * Distinctive terms per class by the log-odds ratio with an informative Dirichlet prior
 * (Monroe, Colaresi & Quinn 2008, "Fightin' Words"): each class against all other
 * labelled rows, prior α_w = α₀ · (overall count of w / overall tokens). With y counts and n
 * token totals of the class (i) and the rest (j):
 *   δ_w = ln((y_i + α_w) / (n_i + α₀ − y_i − α_w)) − ln((y_j + α_w) / (n_j + α₀ − y_j − α_w)),
 *   var(δ_w) ≈ 1 / (y_i + α_w) + 1 / (y_j + α_w),  z = δ_w / √var.
 * Terms rank by z, so rare terms need more evidence. Unlabelled rows are left out; tokens as
 * in `tokenize`, stop words removed after tokenizing.
 */
export function topTermsByClass(rows: readonly Pick<DataRow, 'text' | 'label'>[], options: TopTermsOptions = {}): ClassTerms[] {
  const k = options.k ?? 15;
  const minCount = options.minCount ?? 3;
  const alpha0 = options.priorStrength ?? 500;
  const stopWords = options.stopWords ?? true;
  const stop = stopWords === true ? ENGLISH_STOP_WORDS : stopWords === false ? null : stopWords;
  const classIndex = new Map<string, number>();
  const ids = new Map<string, number>();
  const terms: string[] = [];
  const counts: number[][] = []; // counts[class][termId]
  const totals: number[] = []; // tokens per class
  for (const row of rows) {
    if (row.label === null) continue;
    let c = classIndex.get(row.label);
    if (c === undefined) {
      classIndex.set(row.label, (c = counts.length));
      counts.push(new Array<number>(terms.length).fill(0));
      totals.push(0);
    }
    const classCounts = counts[c];
    for (const token of tokenize(row.text)) {
      if (stop?.has(token)) continue;
      let id = ids.get(token);
      if (id === undefined) {
        ids.set(token, (id = terms.length));
        terms.push(token);
        for (const list of counts) list.push(0);
      }
      classCounts[id]++;
      totals[c]++;
    }
  }
  const overall = new Float64Array(terms.length);
  for (const list of counts) for (let id = 0; id < list.length; id++) overall[id] += list[id];
  const n = totals.reduce((a, b) => a + b, 0);
  const labels = [...classIndex.keys()].sort(compareStrings);
  return labels.map((label) => {
    const c = classIndex.get(label) as number;
    const ni = totals[c];
    const nj = n - ni;
    const scored: TermScore[] = [];
    counts[c].forEach((yi, id) => {
      if (yi < minCount) return;
      const yj = overall[id] - yi;
      const a = (alpha0 * overall[id]) / n;
      const delta = Math.log((yi + a) / (ni + alpha0 - yi - a)) - Math.log((yj + a) / (nj + alpha0 - yj - a));
      const zScore = delta / Math.sqrt(1 / (yi + a) + 1 / (yj + a));
      scored.push({ term: terms[id], count: yi, logOdds: delta, zScore });
    });
    scored.sort((x, y) => y.zScore - x.zScore || (x.term < y.term ? -1 : 1));
    return { label, tokens: ni, terms: scored.slice(0, k) };
  });
}

/** Category values shown by name; the rest are summed into `other`. */
export const TOP_CATEGORY_VALUES = 20;
/** Equal-width bins between min and max of a number column. */
export const NUMBER_BIN_COUNT = 20;
/** Date columns spanning more days than this are counted per ISO week (Monday, UTC). */
export const MAX_DAILY_SPAN_DAYS = 92;

export type MetaDistribution =
  | {
      kind: 'category';
      column: string;
      /** Most frequent first, ties by value; numbers appear as their decimal string. */
      values: { value: string; count: number }[];
      other: { count: number; distinct: number };
      distinct: number;
      missing: number;
    }
  | {
      kind: 'number';
      column: string;
      count: number;
      missing: number;
      min: number;
      max: number;
      mean: number;
      /** [x0, x1) except the last bin, which includes max. Empty when count is 0. */
      bins: { x0: number; x1: number; count: number }[];
    }
  | {
      kind: 'date';
      column: string;
      granularity: 'day' | 'week';
      count: number;
      missing: number;
      /** First and last instant, ISO 8601; null when count is 0. */
      min: string | null;
      max: string | null;
      /** Every day/week from min to max, zero-filled; `start` is the UTC date `YYYY-MM-DD`. */
      buckets: { start: string; count: number }[];
    };

const DAY_MS = 86_400_000;

function numberDistribution(values: MetaValue[], column: string): MetaDistribution {
  const numbers = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of numbers) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  const count = numbers.length;
  if (count === 0) return { kind: 'number', column, count, missing: values.length, min: 0, max: 0, mean: 0, bins: [] };
  const binCount = min === max ? 1 : NUMBER_BIN_COUNT;
  const width = (max - min) / binCount;
  const bins = Array.from({ length: binCount }, (_, i) => ({
    x0: min + i * width,
    x1: i === binCount - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const v of numbers) bins[width === 0 ? 0 : Math.min(binCount - 1, Math.floor((v - min) / width))].count++;
  return { kind: 'number', column, count, missing: values.length - count, min, max, mean: sum / count, bins };
}

function dateDistribution(values: MetaValue[], column: string): MetaDistribution {
  const times = values.map((v) => (typeof v === 'string' ? Date.parse(v) : NaN)).filter((t) => !Number.isNaN(t));
  const count = times.length;
  const missing = values.length - count;
  if (count === 0) return { kind: 'date', column, granularity: 'day', count, missing, min: null, max: null, buckets: [] };
  const min = times.reduce((a, b) => Math.min(a, b));
  const max = times.reduce((a, b) => Math.max(a, b));
  const dayOf = (t: number) => Math.floor(t / DAY_MS);
  const weekly = dayOf(max) - dayOf(min) > MAX_DAILY_SPAN_DAYS;
  // Day 0 (1970-01-01) was a Thursday: shift by 3 so weeks start on Monday.
  const bucketOf = (t: number) => (weekly ? Math.floor((dayOf(t) + 3) / 7) : dayOf(t));
  const startDay = (b: number) => (weekly ? b * 7 - 3 : b);
  const first = bucketOf(min);
  const counts = new Array<number>(bucketOf(max) - first + 1).fill(0);
  for (const t of times) counts[bucketOf(t) - first]++;
  return {
    kind: 'date',
    column,
    granularity: weekly ? 'week' : 'day',
    count,
    missing,
    min: new Date(min).toISOString(),
    max: new Date(max).toISOString(),
    buckets: counts.map((n, i) => ({ start: new Date(startDay(first + i) * DAY_MS).toISOString().slice(0, 10), count: n })),
  };
}

function categoryDistribution(values: MetaValue[], column: string): MetaDistribution {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const v of values) {
    if (v === null || v === undefined || v === '') missing++;
    else counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  }
  const sorted = [...counts].map(([value, count]) => ({ value, count }));
  sorted.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const rest = sorted.slice(TOP_CATEGORY_VALUES);
  return {
    kind: 'category',
    column,
    values: sorted.slice(0, TOP_CATEGORY_VALUES),
    other: { count: rest.reduce((s, v) => s + v.count, 0), distinct: rest.length },
    distinct: sorted.length,
    missing,
  };
}

/**
 * Distribution of one meta column by its type: number → histogram and min/max/mean, date →
 * counts per day (or week for long spans), anything else → top values. Values that do not fit
 * the type (and null, missing, '') count as `missing`.
 */
export function metaDistribution(rows: readonly Pick<DataRow, 'meta'>[], column: ColumnSchema): MetaDistribution {
  const values = rows.map((row) => row.meta[column.name] ?? null);
  if (column.type === 'number') return numberDistribution(values, column.name);
  if (column.type === 'date') return dateDistribution(values, column.name);
  return categoryDistribution(values, column.name);
}

/** What the Data page's exploration shows of a version. */
export interface ExploreReport {
  lengths: TextLengthReport;
  terms: ClassTerms[];
  /** One distribution per category, number and date column of the schema, the timestamp column left out. */
  meta: MetaDistribution[];
}

export function exploreDataset(rows: readonly Pick<DataRow, 'text' | 'label' | 'meta'>[], schema: readonly ColumnSchema[]): ExploreReport {
  const timestamp = findTimestampColumn(schema);
  const metaColumns = schema.filter((c) => (c.type === 'category' || c.type === 'number' || c.type === 'date') && c.name !== timestamp);
  return {
    lengths: textLengthByClass(rows),
    terms: topTermsByClass(rows, { k: 12 }),
    meta: metaColumns.map((c) => metaDistribution(rows, c)),
  };
}
