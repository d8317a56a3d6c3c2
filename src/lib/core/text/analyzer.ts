/**
 * scikit-learn's word analyzer (`CountVectorizer(analyzer='word')`): preprocess (lowercase),
 * tokenize, drop stop words, then form word n-grams (`_word_ngrams`). Also the code-point string
 * order Python's `sorted` uses, which decides the vectorizer's column order.
 */
import { ENGLISH_STOP_WORDS, tokenize } from './tokenize';

export interface AnalyzerOptions {
  /** Smallest and largest n-gram length, `1 <= min <= max`. */
  ngramRange: readonly [number, number];
  /** Stop words are removed after tokenizing and before forming n-grams (sklearn's order). */
  stopWords: 'english' | null;
  lowercase: boolean;
}

/**
 * The pattern inside `tokenize` (sklearn's `(?u)\b\w\w+\b`, see tokenize.ts), for
 * `lowercase: false`, where the text must be tokenized without lowercasing it first.
 */
const CASE_PRESERVING_TOKEN_PATTERN = /[\p{L}\p{N}_]{2,}/gu;

/** Tokens of one text, lowercased unless `lowercase` is false (sklearn lowercases before tokenizing). */
export function wordTokens(text: string, lowercase: boolean): string[] {
  return lowercase ? tokenize(text) : (text.match(CASE_PRESERVING_TOKEN_PATTERN) ?? []);
}

/**
 * sklearn's `_word_ngrams`: for `[1, 1]` the tokens themselves; otherwise all n-grams for n in
 * `min..max` (capped at the number of tokens), tokens joined by one space, unigrams first, then
 * bigrams in order of position, and so on.
 */
export function wordNgrams(tokens: readonly string[], minN: number, maxN: number): string[] {
  if (maxN === 1) return minN === 1 ? tokens.slice() : [];
  const count = tokens.length;
  const terms: string[] = minN === 1 ? tokens.slice() : [];
  const from = Math.max(2, minN);
  const to = Math.min(maxN, count);
  for (let n = from; n <= to; n++) {
    for (let i = 0; i + n <= count; i++) {
      let gram = tokens[i];
      for (let k = 1; k < n; k++) gram += ' ' + tokens[i + k];
      terms.push(gram);
    }
  }
  return terms;
}

/** The terms (features) of one text, with repeats, in sklearn's order. */
export function analyze(text: string, options: AnalyzerOptions): string[] {
  let tokens = wordTokens(text, options.lowercase);
  if (options.stopWords === 'english') tokens = tokens.filter((t) => !ENGLISH_STOP_WORDS.has(t));
  const [minN, maxN] = options.ngramRange;
  return minN === 1 && maxN === 1 ? tokens : wordNgrams(tokens, minN, maxN);
}

/**
 * Orders strings by Unicode code point, as Python compares `str`. JavaScript's default `sort` and
 * `<` compare UTF-16 code units, which agree except that surrogates (U+D800–U+DFFF, which encode
 * U+10000 and above) sort below U+E000–U+FFFF; when both differing units are ≥ U+D800 they are
 * shifted so that surrogates come last.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Sorts in place by code point; uses the (faster) default sort when no string has a surrogate. */
export function sortByCodePoint(strings: string[]): string[] {
  return strings.some((s) => SURROGATE.test(s)) ? strings.sort(compareCodePoints) : strings.sort();
}
