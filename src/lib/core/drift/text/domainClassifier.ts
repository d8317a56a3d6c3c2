/**
 * Text drift by domain classifier, after Evidently's text content drift: can a model tell
 * reference texts from current ones? TF-IDF features (our `TfidfVectorizer` with Evidently's
 * settings: sublinear tf, max_df 0.5, English stop words), an L2 logistic regression
 * (`logisticRegression.ts`) trained on a seeded stratified 2/3 of the texts, and ROC AUC on the
 * held-out third. AUC ≈ 0.5: indistinguishable; drift when AUC > threshold (Evidently's 0.55).
 * The largest positive weights are the words most characteristic of the current texts, the most
 * negative those of the reference.
 */
import { stratifiedSplit } from '../../data/split';
import { TfidfVectorizer } from '../../text/tfidf';
import type { TfidfOptions } from '../../text/tfidfOptions';
import { decisionFunction, fitLogisticRegression } from './logisticRegression';
// One ROC AUC in the code base (mid-rank Mann–Whitney, as sklearn's roc_auc_score); it lives with
// the CTR metrics for now.
import { rocAuc } from '../../eval/binary';

export interface DomainClassifierOptions {
  /** Seeds the split (recorded with the result). */
  seed: string | number;
  /** AUC above which the texts count as drifted; default 0.55. */
  threshold?: number;
  /** Share of each side held out for the AUC; default 1/3. */
  testShare?: number;
  /** Characteristic words per side; default 10. */
  topWords?: number;
  /** Inverse regularisation strength of the classifier; default 1. */
  c?: number;
  /** Vectorizer settings; default Evidently's { sublinearTf: true, maxDf: 0.5, stopWords: 'english' }. */
  vectorizer?: TfidfOptions;
}

export interface CharacteristicWord {
  term: string;
  /** The classifier's weight: > 0 points to current, < 0 to reference. */
  weight: number;
}

export interface DomainClassifierResult {
  /** ROC AUC on the held-out texts (current = positive class). */
  auc: number;
  drifted: boolean;
  threshold: number;
  seed: string | number;
  trainSize: number;
  testSize: number;
  vocabularySize: number;
  /** Most characteristic of the current texts, strongest first. */
  currentWords: CharacteristicWord[];
  /** Most characteristic of the reference texts, strongest first. */
  referenceWords: CharacteristicWord[];
  /** L-BFGS iterations of the classifier. */
  iterations: number;
}

export const DEFAULT_DOMAIN_AUC_THRESHOLD = 0.55;
const EVIDENTLY_VECTORIZER: TfidfOptions = { sublinearTf: true, maxDf: 0.5, stopWords: 'english' };

export function domainClassifier(referenceTexts: readonly string[], currentTexts: readonly string[], options: DomainClassifierOptions): DomainClassifierResult {
  if (referenceTexts.length < 2 || currentTexts.length < 2) throw new Error('The domain classifier needs at least two reference and two current texts.');
  const threshold = options.threshold ?? DEFAULT_DOMAIN_AUC_THRESHOLD;
  const testShare = options.testShare ?? 1 / 3;
  const topWords = options.topWords ?? 10;
  const texts = [...referenceTexts, ...currentTexts];
  const labels = Uint8Array.from(texts, (_, i) => (i < referenceTexts.length ? 0 : 1));
  const width = String(texts.length).length;
  const rows = texts.map((_, i) => ({ key: String(i).padStart(width, '0'), label: labels[i] ? 'current' : 'reference' }));
  const split = stratifiedSplit(rows, { ratios: [1 - testShare, 0, testShare], seed: options.seed });
  const train = split.flatMap((s, i) => (s === 'train' ? [i] : []));
  const test = split.flatMap((s, i) => (s === 'test' ? [i] : []));

  const vectorizer = new TfidfVectorizer(options.vectorizer ?? EVIDENTLY_VECTORIZER);
  const xTrain = vectorizer.fitTransform(train.map((i) => texts[i]));
  const xTest = vectorizer.transform(test.map((i) => texts[i]));
  const model = fitLogisticRegression(
    xTrain,
    train.map((i) => labels[i]),
    { c: options.c },
  );
  const auc = rocAuc(
    decisionFunction(xTest, model.weights, model.bias),
    test.map((i) => labels[i]),
  );

  const terms = vectorizer.featureNames();
  const byWeight = Array.from(model.weights, (weight, j) => ({ term: terms[j], weight })).filter((w) => w.weight !== 0);
  byWeight.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  return {
    auc,
    drifted: auc > threshold,
    threshold,
    seed: options.seed,
    trainSize: train.length,
    testSize: test.length,
    vocabularySize: terms.length,
    currentWords: byWeight.filter((w) => w.weight > 0).slice(0, topWords),
    referenceWords: byWeight
      .filter((w) => w.weight < 0)
      .reverse()
      .slice(0, topWords),
    iterations: model.iterations,
  };
}
