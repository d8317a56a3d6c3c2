/**
 * Out-of-vocabulary rate: the share of the current texts' tokens that never occur in the
 * reference vocabulary — new products, error codes, slang the model has never seen. Tokens are
 * the vectorizer's (`tokenize`: lowercased, sklearn's default token pattern).
 */
import { tokenize } from '../../text/tokenize';

export interface OovToken {
  token: string;
  count: number;
}

export interface OovResult {
  /** oovTokens / totalTokens (0 for no tokens). */
  rate: number;
  oovTokens: number;
  totalTokens: number;
  /** Current texts with at least one unknown token. */
  textsWithOov: number;
  texts: number;
  /** The most frequent unknown tokens, most frequent first (ties by token). */
  topTokens: OovToken[];
}

/** Every token of the texts: a reference vocabulary for `oovRate`. */
export function vocabularyOf(texts: readonly string[]): Set<string> {
  const vocabulary = new Set<string>();
  for (const text of texts) for (const token of tokenize(text)) vocabulary.add(token);
  return vocabulary;
}

/**
 * OOV rate of `currentTexts` against a reference vocabulary (a `vocabularyOf(referenceTexts)`,
 * or a fitted vectorizer's `featureNames()` to count what the model cannot see).
 */
export function oovRate(referenceVocabulary: ReadonlySet<string> | Iterable<string>, currentTexts: readonly string[], options: { top?: number } = {}): OovResult {
  const vocabulary = referenceVocabulary instanceof Set ? (referenceVocabulary as ReadonlySet<string>) : new Set(referenceVocabulary);
  const unknown = new Map<string, number>();
  let total = 0;
  let oov = 0;
  let textsWithOov = 0;
  for (const text of currentTexts) {
    let any = false;
    for (const token of tokenize(text)) {
      total++;
      if (!vocabulary.has(token)) {
        oov++;
        any = true;
        unknown.set(token, (unknown.get(token) ?? 0) + 1);
      }
    }
    if (any) textsWithOov++;
  }
  const topTokens = [...unknown.entries()]
    .map(([token, count]) => ({ token, count }))
    .sort((a, b) => b.count - a.count || (a.token < b.token ? -1 : a.token > b.token ? 1 : 0))
    .slice(0, options.top ?? 10);
  return { rate: total ? oov / total : 0, oovTokens: oov, totalTokens: total, textsWithOov, texts: currentTexts.length, topTokens };
}
