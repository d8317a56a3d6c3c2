/**
 * TF-IDF vectorizer matching scikit-learn's `TfidfVectorizer` (word analyzer, default token
 * pattern), in plain TypeScript with typed-array output, so a model trained here sees the same
 * features as the Python baseline learners may compare against.
 *
 * What sklearn does, and so what this does:
 * - Terms: tokens (see `tokenize.ts`) minus stop words, then word n-grams joined by one space.
 * - Vocabulary: every term of the training texts; terms in fewer than `minDf` or more than
 *   `maxDf` documents are dropped, then, if `maxFeatures` is set, only the `maxFeatures` terms
 *   with the highest total count are kept. Columns are the kept terms in code-point order.
 * - Ties at the `maxFeatures` cut: sklearn ranks the code-point sorted vocabulary (after
 *   minDf/maxDf) with numpy's default `(-tf).argsort()` and keeps the first `maxFeatures`. That
 *   sort is not stable, so which tied terms survive is whatever numpy's introsort leaves; we run
 *   the same introsort (`numpyArgsort.ts`) and keep the same terms as sklearn 1.2 on numpy 1.24.
 *   Only a numpy that sorts indices with SIMD code (newer releases on some processors) can keep
 *   other terms among those tied at the cut.
 * - idf = ln((1 + n) / (1 + df)) + 1 with `smoothIdf` (default), ln(n / df) + 1 without, where n
 *   is the number of training documents and df a term's document frequency among them.
 * - Weight = tf · idf, tf the raw count in the document or 1 + ln(count) with `sublinearTf`, then
 *   each row is divided by its l2 (or l1) norm; rows with no known term stay empty.
 * - Errors with sklearn's messages: an empty vocabulary, `maxDf` below `minDf`, nothing left
 *   after pruning. Terms unseen in training are ignored by `transform`.
 * Arithmetic is float64 (as sklearn's default dtype); the matrices store float32.
 */
import { analyze, compareCodePoints, sortByCodePoint } from './analyzer';
import { appendTokenIds, IdList, TermTable } from './termTable';
import { CsrBuilder, type CsrMatrix } from './sparse';
import { numpyArgsort } from './numpyArgsort';
import { documentCountBounds, resolveTfidfOptions, type ResolvedTfidfOptions, type TfidfOptions } from './tfidfOptions';

export type { CsrMatrix } from './sparse';
export type { ResolvedTfidfOptions, TfidfOptions } from './tfidfOptions';

/** The vectorizer as plain JSON: vocabulary in column order and full-precision idf per column. */
export interface SerializedTfidf {
  kind: 'tfidf';
  version: 1;
  options: ResolvedTfidfOptions;
  vocabulary: string[];
  idf: number[];
}

interface FittedState {
  /** Terms in column order (code-point sorted). */
  terms: string[];
  columns: Map<string, number>;
  /** float64 idf per column. */
  idf: Float64Array;
}

/** One counting pass over a corpus; term ids are provisional (order of first appearance). */
interface CorpusCounts {
  terms: string[];
  documentFrequency: Int32Array;
  /** Total count of each term over the corpus (what `maxFeatures` ranks by). */
  termFrequency: Int32Array;
  /** Provisional id of every term occurrence, documents in order (only when asked for). */
  occurrences: Int32Array;
  /** `occurrences` of document d end at `documentEnds[d]`. */
  documentEnds: Int32Array;
}

const NOT_FITTED = 'TfidfVectorizer is not fitted yet: call fit() or fitTransform() first';

function checkTexts(texts: unknown, where: string): asserts texts is readonly string[] {
  if (typeof texts === 'string') {
    throw new TypeError(`${where}: Iterable over raw text documents expected, string object received.`);
  }
  if (!Array.isArray(texts)) throw new TypeError(`${where}: expected an array of strings`);
}

function textAt(texts: readonly string[], d: number, where: string): string {
  const text = texts[d];
  if (typeof text !== 'string') throw new TypeError(`${where}: document ${d} is ${typeof text}, not a string`);
  return text;
}

/** Whether terms are the lowercased tokens themselves: then they are read without a string per token (termTable.ts). */
function wordsOnly(options: ResolvedTfidfOptions): boolean {
  return options.lowercase && options.stopWords === null && options.ngramRange[0] === 1 && options.ngramRange[1] === 1;
}

/** Appends the id in `table` of every term of `text`, in order (−1 for an unknown term unless `add`). */
function appendTermIds(text: string, options: ResolvedTfidfOptions, table: TermTable, add: boolean, out: IdList): void {
  if (wordsOnly(options)) return appendTokenIds(text, table, add, out);
  for (const term of analyze(text, options)) out.push(table.id(term, 0, term.length, add));
}

function countCorpus(texts: readonly string[], options: ResolvedTfidfOptions, keepOccurrences: boolean): CorpusCounts {
  const table = new TermTable();
  // Per provisional id, grown with the table.
  let documentFrequency: Int32Array = new Int32Array(1024);
  let termFrequency: Int32Array = new Int32Array(1024);
  let lastDocument: Int32Array = new Int32Array(1024).fill(-1);
  const list = new IdList();
  const documentEnds = new Int32Array(texts.length);
  for (let d = 0; d < texts.length; d++) {
    const from = list.length;
    appendTermIds(textAt(texts, d, 'TfidfVectorizer.fit'), options, table, true, list);
    if (table.terms.length > termFrequency.length) {
      const size = Math.max(table.terms.length, termFrequency.length * 2);
      documentFrequency = grow(documentFrequency, size, 0);
      termFrequency = grow(termFrequency, size, 0);
      lastDocument = grow(lastDocument, size, -1);
    }
    const ids = list.data;
    for (let i = from; i < list.length; i++) {
      const id = ids[i];
      termFrequency[id]++;
      if (lastDocument[id] !== d) {
        lastDocument[id] = d;
        documentFrequency[id]++;
      }
    }
    if (!keepOccurrences) list.length = 0;
    documentEnds[d] = list.length;
  }
  return { terms: table.terms, documentFrequency, termFrequency, occurrences: list.data, documentEnds };
}

function grow(a: Int32Array, size: number, fill: number): Int32Array {
  const grown = new Int32Array(size).fill(fill);
  grown.set(a);
  return grown;
}

/**
 * sklearn's `_sort_features` + `_limit_features`: the kept provisional ids in column order.
 * Throws sklearn's errors when there is nothing to keep.
 */
function selectTerms(counts: CorpusCounts, options: ResolvedTfidfOptions, documents: number): number[] {
  if (counts.terms.length === 0) {
    throw new Error('empty vocabulary; perhaps the documents only contain stop words');
  }
  const bounds = documentCountBounds(options, documents);
  if (bounds.max < bounds.min) {
    throw new RangeError(
      `max_df corresponds to < documents than min_df (maxDf=${options.maxDf} → ${bounds.max} and ` +
        `minDf=${options.minDf} → ${bounds.min} of ${documents} documents)`,
    );
  }
  const { terms, documentFrequency: df, termFrequency: tf } = counts;
  // Filtered before sorting (the same terms in the same order as sklearn's sort, then filter):
  // min_df drops most of a real corpus's terms (typos, ids, names), and sorting them all was most
  // of this step. A term's provisional id is its index in `terms`.
  const ids = new Map<string, number>();
  for (let id = 0; id < terms.length; id++) if (df[id] <= bounds.max && df[id] >= bounds.min) ids.set(terms[id], id);
  let kept = sortByCodePoint([...ids.keys()]).map((term) => ids.get(term) as number);
  const limit = options.maxFeatures;
  if (limit !== null && kept.length > limit) {
    // sklearn: mask_inds = (-tfs[mask]).argsort()[:limit], positions in the code-point order.
    const ranked = numpyArgsort(Float64Array.from(kept, (id) => -tf[id]));
    const top = new Uint8Array(kept.length);
    for (let r = 0; r < limit; r++) top[ranked[r]] = 1;
    kept = kept.filter((_, position) => top[position] === 1);
  }
  if (kept.length === 0) {
    throw new Error('After pruning, no terms remain. Try a lower min_df or a higher max_df.');
  }
  return kept;
}

function computeIdf(documentFrequency: ArrayLike<number>, documents: number, smooth: boolean): Float64Array {
  const idf = new Float64Array(documentFrequency.length);
  for (let c = 0; c < idf.length; c++) {
    idf[c] = smooth
      ? Math.log((documents + 1) / (documentFrequency[c] + 1)) + 1
      : Math.log(documents / documentFrequency[c]) + 1;
  }
  return idf;
}

/**
 * Accumulates the columns of one document, then turns them into weighted, normalised
 * (column, weight) pairs, columns ascending. Scratch buffers are sized to the vocabulary once.
 */
class RowEncoder {
  readonly columns: Int32Array;
  readonly weights: Float64Array;
  private readonly counts: Float64Array;
  private size = 0;

  constructor(
    private readonly idf: Float64Array,
    private readonly options: ResolvedTfidfOptions,
  ) {
    this.counts = new Float64Array(idf.length);
    this.columns = new Int32Array(idf.length);
    this.weights = new Float64Array(idf.length);
  }

  add(column: number): void {
    if (this.counts[column]++ === 0) this.columns[this.size++] = column;
  }

  /** Computes the row into `columns`/`weights[0 .. k)`, resets the counts and returns k. */
  finish(): number {
    const k = this.size;
    this.size = 0;
    const { columns, weights, counts, idf } = this;
    if (k <= 16) {
      for (let i = 1; i < k; i++) {
        const c = columns[i];
        let j = i - 1;
        while (j >= 0 && columns[j] > c) {
          columns[j + 1] = columns[j];
          j--;
        }
        columns[j + 1] = c;
      }
    } else {
      columns.subarray(0, k).sort();
    }
    const sublinear = this.options.sublinearTf;
    for (let j = 0; j < k; j++) {
      const c = columns[j];
      const tf = sublinear ? Math.log(counts[c]) + 1 : counts[c];
      counts[c] = 0;
      weights[j] = tf * idf[c];
    }
    const norm = this.options.norm;
    if (norm !== null) {
      let sum = 0;
      if (norm === 'l2') for (let j = 0; j < k; j++) sum += weights[j] * weights[j];
      else for (let j = 0; j < k; j++) sum += Math.abs(weights[j]);
      if (sum !== 0) {
        if (norm === 'l2') sum = Math.sqrt(sum);
        for (let j = 0; j < k; j++) weights[j] /= sum;
      }
    }
    return k;
  }

  writeTo(builder: CsrBuilder): void {
    builder.pushRow(this.columns, this.weights, this.finish());
  }
}

export class TfidfVectorizer {
  /** The resolved options (defaults filled in). */
  readonly options: Readonly<ResolvedTfidfOptions>;
  private state: FittedState | null = null;
  /** Scratch for the current state, made on first use (vocabulary-sized, so reused). */
  private encoder: RowEncoder | null = null;
  /** The vocabulary as a term table (ids = columns), for transform; made on first use. */
  private columns: TermTable | null = null;
  private scratch: IdList | null = null;

  constructor(options?: TfidfOptions) {
    const resolved = resolveTfidfOptions(options);
    Object.freeze(resolved.ngramRange);
    this.options = Object.freeze(resolved);
  }

  /** Learns the vocabulary and idf from the texts; replaces any earlier fit (only on success). */
  fit(texts: readonly string[]): this {
    checkTexts(texts, 'TfidfVectorizer.fit');
    this.setState(this.learn(countCorpus(texts, this.options, false), texts.length).state);
    return this;
  }

  /** Rows of tf-idf weights, one per text, over the fitted vocabulary (`cols = vocabularySize`). */
  transform(texts: readonly string[]): CsrMatrix {
    checkTexts(texts, 'TfidfVectorizer.transform');
    const state = this.fitted();
    const encoder = this.rowEncoder();
    const builder = new CsrBuilder(texts.length, state.terms.length, texts.length * 16);
    const columns = this.columnTable();
    const list = new IdList();
    for (let d = 0; d < texts.length; d++) {
      list.length = 0;
      appendTermIds(textAt(texts, d, 'TfidfVectorizer.transform'), this.options, columns, false, list);
      this.encodeColumns(list, encoder);
      encoder.writeTo(builder);
    }
    return builder.finish();
  }

  /** `fit(texts)` then `transform(texts)`, analysing each text once. */
  fitTransform(texts: readonly string[]): CsrMatrix {
    checkTexts(texts, 'TfidfVectorizer.fitTransform');
    const counts = countCorpus(texts, this.options, true);
    const { state, columnOfId } = this.learn(counts, texts.length);
    this.setState(state);
    const encoder = this.rowEncoder();
    const builder = new CsrBuilder(texts.length, state.terms.length, counts.documentEnds[texts.length - 1] ?? 0);
    let start = 0;
    for (let d = 0; d < texts.length; d++) {
      const end = counts.documentEnds[d];
      for (let i = start; i < end; i++) {
        const column = columnOfId[counts.occurrences[i]];
        if (column >= 0) encoder.add(column);
      }
      encoder.writeTo(builder);
      start = end;
    }
    return builder.finish();
  }

  /** One document as (column, weight) pairs, columns ascending, for explanations. */
  transformOne(text: string): { indices: Int32Array; data: Float32Array } {
    if (typeof text !== 'string') throw new TypeError(`TfidfVectorizer.transformOne: expected a string, got ${typeof text}`);
    const encoder = this.rowEncoder();
    // One list reused per vectorizer: the served predictor calls this once per request.
    const list = (this.scratch ??= new IdList());
    list.length = 0;
    appendTermIds(text, this.options, this.columnTable(), false, list);
    this.encodeColumns(list, encoder);
    const k = encoder.finish();
    return { indices: encoder.columns.slice(0, k), data: new Float32Array(encoder.weights.subarray(0, k)) };
  }

  get isFitted(): boolean {
    return this.state !== null;
  }

  /** Number of columns; 0 before fitting. */
  get vocabularySize(): number {
    return this.state?.terms.length ?? 0;
  }

  /** Feature names in column order (sklearn: sorted vocabulary). A copy. */
  featureNames(): string[] {
    return this.fitted().terms.slice();
  }

  /** Column of a term, or -1 when it is not in the vocabulary. */
  columnOf(term: string): number {
    return this.fitted().columns.get(term) ?? -1;
  }

  /** idf per column, as float32. A copy. */
  idf(): Float32Array {
    return Float32Array.from(this.fitted().idf);
  }

  toJSON(): SerializedTfidf {
    const state = this.fitted();
    return {
      kind: 'tfidf',
      version: 1,
      options: { ...this.options, ngramRange: [this.options.ngramRange[0], this.options.ngramRange[1]] },
      vocabulary: state.terms.slice(),
      idf: Array.from(state.idf),
    };
  }

  /** Restores a vectorizer from `toJSON()` output (parsed JSON); throws a clear error on bad input. */
  static fromJSON(json: unknown): TfidfVectorizer {
    const where = 'TfidfVectorizer.fromJSON';
    if (json === null || typeof json !== 'object' || Array.isArray(json)) {
      throw new TypeError(`${where}: expected an object, got ${json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json}`);
    }
    const doc = json as Record<string, unknown>;
    if (doc.kind !== 'tfidf') throw new TypeError(`${where}: expected kind "tfidf", got ${JSON.stringify(doc.kind)}`);
    if (doc.version !== 1) throw new TypeError(`${where}: unsupported version ${JSON.stringify(doc.version)} (this build reads version 1)`);
    if (doc.options === null || typeof doc.options !== 'object') throw new TypeError(`${where}: options must be an object`);
    const vectorizer = new TfidfVectorizer(resolveTfidfOptions(doc.options, where));

    const { vocabulary, idf } = doc;
    if (!Array.isArray(vocabulary) || vocabulary.length === 0) {
      throw new TypeError(`${where}: vocabulary must be a non-empty array of strings`);
    }
    if (!Array.isArray(idf) || idf.length !== vocabulary.length) {
      throw new TypeError(`${where}: idf must be an array of numbers, one per vocabulary term (${vocabulary.length})`);
    }
    const terms: string[] = [];
    const columns = new Map<string, number>();
    const weights = new Float64Array(idf.length);
    for (let c = 0; c < vocabulary.length; c++) {
      const term: unknown = vocabulary[c];
      if (typeof term !== 'string' || term.length === 0) throw new TypeError(`${where}: vocabulary[${c}] is not a non-empty string`);
      if (c > 0 && compareCodePoints(terms[c - 1], term) >= 0) {
        throw new RangeError(
          `${where}: vocabulary must be sorted by code point without duplicates; ` +
            `${JSON.stringify(term)} at ${c} follows ${JSON.stringify(terms[c - 1])}`,
        );
      }
      const value: unknown = idf[c];
      if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
        throw new RangeError(`${where}: idf[${c}] must be a finite number > 0, got ${JSON.stringify(value)}`);
      }
      terms.push(term);
      columns.set(term, c);
      weights[c] = value;
    }
    vectorizer.setState({ terms, columns, idf: weights });
    return vectorizer;
  }

  private setState(state: FittedState): void {
    this.state = state;
    this.encoder = null;
    this.columns = null;
  }

  /** The fitted vocabulary as a term table whose ids are the columns, made on first use. */
  private columnTable(): TermTable {
    this.columns ??= TermTable.of(this.fitted().terms);
    return this.columns;
  }

  /** Adds the known columns of `list` (−1: a term not in the vocabulary) to the row. */
  private encodeColumns(list: IdList, encoder: RowEncoder): void {
    for (let i = 0; i < list.length; i++) if (list.data[i] >= 0) encoder.add(list.data[i]);
  }

  private rowEncoder(): RowEncoder {
    this.encoder ??= new RowEncoder(this.fitted().idf, this.options);
    return this.encoder;
  }

  private fitted(): FittedState {
    if (this.state === null) throw new Error(NOT_FITTED);
    return this.state;
  }

  /** Vocabulary and idf from the counts, plus the map from provisional ids to columns (-1: dropped). */
  private learn(counts: CorpusCounts, documents: number): { state: FittedState; columnOfId: Int32Array } {
    const kept = selectTerms(counts, this.options, documents);
    const columnOfId = new Int32Array(counts.terms.length).fill(-1);
    const terms: string[] = [];
    const columns = new Map<string, number>();
    const df = new Float64Array(kept.length);
    kept.forEach((id, column) => {
      columnOfId[id] = column;
      terms.push(counts.terms[id]);
      columns.set(counts.terms[id], column);
      df[column] = counts.documentFrequency[id];
    });
    const idf = computeIdf(df, documents, this.options.smoothIdf);
    return { state: { terms, columns, idf }, columnOfId };
  }
}
