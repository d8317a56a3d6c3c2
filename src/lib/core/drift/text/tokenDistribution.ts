/**
 * Drift of the word distribution: Jensen–Shannon distance (natural log, as the column test)
 * between the unigram distributions of the reference and current texts over their joint
 * vocabulary, with the tokens whose share moved most.
 */
import { ENGLISH_STOP_WORDS, tokenize } from '../../text/tokenize';
import { jensenShannonDistance } from '../jensenShannon';

export interface TokenShift {
  token: string;
  referenceShare: number;
  currentShare: number;
}

export interface TokenDistributionDrift {
  /** In [0, √ln 2]; 0 = same word frequencies. */
  distance: number;
  referenceTokens: number;
  currentTokens: number;
  vocabularySize: number;
  /** Largest |current − reference| share first. */
  topShifts: TokenShift[];
}

export interface TokenDistributionOptions {
  /** Drop sklearn's English stop words first; default true. */
  removeStopWords?: boolean;
  /** How many shifted tokens to list; default 10. */
  top?: number;
}

function counts(texts: readonly string[], removeStopWords: boolean): { counts: Map<string, number>; total: number } {
  const map = new Map<string, number>();
  let total = 0;
  for (const text of texts) {
    for (const token of tokenize(text)) {
      if (removeStopWords && ENGLISH_STOP_WORDS.has(token)) continue;
      map.set(token, (map.get(token) ?? 0) + 1);
      total++;
    }
  }
  return { counts: map, total };
}

export function tokenDistributionDrift(referenceTexts: readonly string[], currentTexts: readonly string[], options: TokenDistributionOptions = {}): TokenDistributionDrift {
  const removeStopWords = options.removeStopWords ?? true;
  const ref = counts(referenceTexts, removeStopWords);
  const cur = counts(currentTexts, removeStopWords);
  if (ref.total === 0 || cur.total === 0) throw new Error('Both sets of texts need at least one token to compare word distributions.');
  const vocabulary = [...new Set([...ref.counts.keys(), ...cur.counts.keys()])].sort();
  const p = Float64Array.from(vocabulary, (t) => ref.counts.get(t) ?? 0);
  const q = Float64Array.from(vocabulary, (t) => cur.counts.get(t) ?? 0);
  const topShifts = vocabulary
    .map((token, i) => ({ token, referenceShare: p[i] / ref.total, currentShare: q[i] / cur.total }))
    .sort((a, b) => Math.abs(b.currentShare - b.referenceShare) - Math.abs(a.currentShare - a.referenceShare))
    .slice(0, options.top ?? 10);
  return { distance: jensenShannonDistance(p, q), referenceTokens: ref.total, currentTokens: cur.total, vocabularySize: vocabulary.length, topShifts };
}
