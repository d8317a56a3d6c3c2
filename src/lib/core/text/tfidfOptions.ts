/**
 * Options of the TF-IDF vectorizer: defaults, validation (shared by the constructor and
 * `fromJSON`) and the document-frequency bounds, all following scikit-learn's `TfidfVectorizer`.
 */

export interface TfidfOptions {
  /** Word n-gram lengths `[min, max]`, `1 <= min <= max`; default `[1, 1]`. */
  ngramRange?: [number, number];
  /**
   * Ignore terms in fewer documents than this: an integer ≥ 1 is a document count, a number in
   * [0, 1) a proportion of the documents. Default 1. (sklearn's float `min_df=1.0`, "every
   * document", cannot be told apart from the integer 1 in JavaScript: pass the document count.)
   */
  minDf?: number;
  /**
   * Ignore terms in more documents than this: a number in [0, 1] is a proportion of the documents
   * (so `1` means all of them, sklearn's default `max_df=1.0`), an integer ≥ 2 a document count.
   * Default 1. (sklearn's integer `max_df=1`, "terms of a single document", cannot be told apart
   * from 1.0 in JavaScript: pass a proportion p with 1 ≤ p·n < 2 instead.)
   */
  maxDf?: number;
  /** Keep only this many terms, the most frequent over the corpus (total count); default null (all). */
  maxFeatures?: number | null;
  /** Use `1 + ln(tf)` instead of the raw count; default false. */
  sublinearTf?: boolean;
  /** Remove sklearn's English stop words (after lowercasing, before n-grams); default null. */
  stopWords?: 'english' | null;
  /** Lowercase before tokenizing; default true. */
  lowercase?: boolean;
  /** `idf = ln((1 + n) / (1 + df)) + 1` when true (default), `ln(n / df) + 1` when false. */
  smoothIdf?: boolean;
  /** Row normalisation; default 'l2'. Rows of all zeros stay zero. */
  norm?: 'l2' | 'l1' | null;
}

export type ResolvedTfidfOptions = { [K in keyof TfidfOptions]-?: Exclude<TfidfOptions[K], undefined> };

export const DEFAULT_TFIDF_OPTIONS: Readonly<ResolvedTfidfOptions> = Object.freeze({
  ngramRange: [1, 1] as [number, number],
  minDf: 1,
  maxDf: 1,
  maxFeatures: null,
  sublinearTf: false,
  stopWords: null,
  lowercase: true,
  smoothIdf: true,
  norm: 'l2',
});

const OPTION_KEYS = new Set(Object.keys(DEFAULT_TFIDF_OPTIONS));

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

function isBoolean(value: unknown, key: string, where: string): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`${where}: ${key} must be true or false, got ${describe(value)}`);
  return value;
}

/** Fills defaults and checks every option; throws a TypeError/RangeError naming the bad one. */
export function resolveTfidfOptions(options: unknown, where = 'TfidfVectorizer'): ResolvedTfidfOptions {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!OPTION_KEYS.has(key)) throw new TypeError(`${where}: unknown option ${JSON.stringify(key)}`);
  }
  const pick = <K extends keyof ResolvedTfidfOptions>(key: K): unknown =>
    given[key] === undefined ? DEFAULT_TFIDF_OPTIONS[key] : given[key];

  const ngramRange = pick('ngramRange');
  if (
    !Array.isArray(ngramRange) ||
    ngramRange.length !== 2 ||
    !ngramRange.every((n) => Number.isInteger(n) && n >= 1)
  ) {
    throw new TypeError(`${where}: ngramRange must be [min, max] with integers ≥ 1, got ${describe(ngramRange)}`);
  }
  const [minN, maxN] = ngramRange as [number, number];
  if (minN > maxN) {
    throw new RangeError(
      `${where}: Invalid value for ngramRange=${describe(ngramRange)}: lower boundary larger than the upper boundary.`,
    );
  }

  const minDf = pick('minDf');
  if (typeof minDf !== 'number' || !(minDf >= 0) || (minDf >= 1 && !Number.isInteger(minDf)) || !Number.isFinite(minDf)) {
    throw new RangeError(`${where}: minDf must be a proportion in [0, 1) or a document count ≥ 1, got ${describe(minDf)}`);
  }
  const maxDf = pick('maxDf');
  if (typeof maxDf !== 'number' || !(maxDf >= 0) || (maxDf > 1 && !Number.isInteger(maxDf)) || !Number.isFinite(maxDf)) {
    throw new RangeError(`${where}: maxDf must be a proportion in [0, 1] or a document count ≥ 2, got ${describe(maxDf)}`);
  }
  const maxFeatures = pick('maxFeatures');
  if (maxFeatures !== null && !(Number.isInteger(maxFeatures) && (maxFeatures as number) >= 1)) {
    throw new RangeError(`${where}: maxFeatures must be null or an integer ≥ 1, got ${describe(maxFeatures)}`);
  }
  const stopWords = pick('stopWords');
  if (stopWords !== null && stopWords !== 'english') {
    throw new TypeError(`${where}: stopWords must be 'english' or null, got ${describe(stopWords)}`);
  }
  const norm = pick('norm');
  if (norm !== null && norm !== 'l1' && norm !== 'l2') {
    throw new TypeError(`${where}: norm must be 'l2', 'l1' or null, got ${describe(norm)}`);
  }
  return {
    ngramRange: [minN, maxN],
    minDf,
    maxDf,
    maxFeatures: maxFeatures as number | null,
    sublinearTf: isBoolean(pick('sublinearTf'), 'sublinearTf', where),
    stopWords,
    lowercase: isBoolean(pick('lowercase'), 'lowercase', where),
    smoothIdf: isBoolean(pick('smoothIdf'), 'smoothIdf', where),
    norm,
  };
}

/**
 * sklearn's `max_doc_count` / `min_doc_count`: a proportion times the number of documents (a
 * float, compared as is), or the count itself. `maxDf` 1 is the proportion 1.0 (all documents).
 */
export function documentCountBounds(options: ResolvedTfidfOptions, documents: number): { min: number; max: number } {
  const min = options.minDf < 1 ? options.minDf * documents : options.minDf;
  const max = options.maxDf <= 1 ? options.maxDf * documents : options.maxDf;
  return { min, max };
}
