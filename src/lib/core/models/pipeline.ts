/**
 * The training pipeline on already-loaded rows: TF-IDF features, training, evaluation on
 * validation and test against the majority baseline, latency. Used by the compute worker (which
 * adds loading and storing), the benchmark and the tests — the same code everywhere.
 *
 * Latency is timed on the code that serves: the stored model behind the endpoint's pure-JS
 * predictor (`serving/inference.ts`), not TF.js, so the latency criterion judges what users get.
 */
import type * as tf from '@tensorflow/tfjs';
import type { DataRow } from '../data/dataset';
import type { Slice } from '../data/slices';
import { TfidfVectorizer } from '../text/tfidf';
import { preview } from '../data/recordFields';
import { evaluateSplit, toMeasuredMetrics, type SplitEval } from '../eval/evaluate';
import { compareToBaseline, majorityBaseline } from '../eval/baseline';
import { LATENCY_BLOCK, latencySettled, percentiles } from '../eval/latency';
import type { MeasuredMetrics } from '../lifecycle/criteria';
import { buildModel, getModelFamily, type ModelParams } from './families';
import { trainModel, type TrainingUnit, type TrainResult } from './train';
import type { WorkFacts } from './timeLeft';
import { predictProba } from './predict';
import { topTermsPerClass } from './explain';
import { serializeModel, type SerializedModel } from './serialize';
import { createPredictor, INFERENCE_BACKEND } from '../serving/inference';
import type { Curves, RunEvaluation, SplitSummary, VectorizerSettings } from './runReport';

/**
 * At most this many test texts are timed one at a time for the latency percentiles; the timing
 * stops earlier, in blocks, once p50 and p99 have settled (`latencySettled`). The run records
 * how many were timed (`evaluation.latency.samples`).
 */
export const LATENCY_SAMPLES = 300;
/**
 * Test texts scored in one call for the batch throughput: the same work at any size (the whole
 * test split of a million rows took seconds to say the same). 300 served predictions take a few
 * ms, so the rate is good to a few percent on the browser's 0.1 ms clock; 1,000 said the same
 * at three times the cost, inside the timed training job.
 */
export const THROUGHPUT_TEXTS = 300;
const CELL_EXAMPLES = 10;

export interface PipelineInput {
  train: readonly DataRow[];
  validation: readonly DataRow[];
  test: readonly DataRow[];
  family: string;
  params: unknown;
  vectorizer: VectorizerSettings;
  seed: string | number;
  /** Clock in ms (the worker passes `performance.now`): every timing and latency figure reads it. */
  now: () => number;
  slices?: readonly Slice[];
  shouldStop?: () => boolean;
  onPhase?: (phase: 'vectorize' | 'train' | 'evaluate' | 'latency') => void;
  onEpoch?: (curves: Curves) => void;
  /**
   * After each step: 1-based epoch (or L-BFGS iteration) and batch, the cap on epochs (or
   * iterations), and the facts the time-left estimate reads (timeLeft.ts).
   */
  onBatch?: (progress: { unit: TrainingUnit; epoch: number; batch: number; batches: number; elapsedMs: number; epochs: number; work: WorkFacts }) => void;
  /** At most how many single predictions to time (default LATENCY_SAMPLES; 0 skips); fewer once settled. */
  latencySamples?: number;
  /**
   * Once the model is built, before it trains: the size of its stored files is fixed from here on
   * (float32 weights, the fitted vectorizer), so the caller may check for room while it trains.
   */
  onModelBuilt?: (built: { weightBytes: number; vectorizer: TfidfVectorizer }) => void;
}

export interface PipelineResult {
  /** The trained model; the caller disposes it. */
  model: tf.LayersModel;
  /** The same model as stored and served. */
  serialized: SerializedModel;
  vectorizer: TfidfVectorizer;
  classes: string[];
  params: ModelParams;
  curves: Curves;
  training: TrainResult;
  evaluation: RunEvaluation;
  measured: MeasuredMetrics;
  timings: { vectorizeMs: number; trainMs: number; evaluateMs: number; latencyMs: number };
}

const snippet = (text: string) => preview(text, 220);

/** A split's evaluation in the stored shape, with example tickets per confusion cell. */
export function summarizeSplit(e: SplitEval, rows: readonly DataRow[], classes: readonly string[]): SplitSummary {
  const k = classes.length;
  const cellExamples = Array.from({ length: k }, () => Array.from({ length: k }, () => [] as SplitSummary['cellExamples'][0][0]));
  rows.forEach((row, i) => {
    const cell = cellExamples[classes.indexOf(row.label!)][e.predictions[i]];
    if (cell.length < CELL_EXAMPLES) cell.push({ key: row.key, text: snippet(row.text), confidence: e.confidences[i] });
  });
  return {
    n: e.n,
    accuracy: e.accuracy,
    macroF1: e.macroF1,
    microF1: e.microF1,
    weightedF1: e.weightedF1,
    precisionMacro: e.precisionMacro,
    recallMacro: e.recallMacro,
    ece: e.ece,
    perClass: e.report.perClass.map((c) => ({ label: c.className, precision: c.precision, recall: c.recall, f1: c.f1, support: c.support })),
    confusion: e.confusion,
    cellExamples,
    reliability: e.reliability.bins.map((b) => ({ lo: b.lower, hi: b.upper, count: b.count, confidence: b.meanConfidence, accuracy: b.accuracy })),
    abstain: e.abstain.grid.map((p) => ({ threshold: p.threshold, coverage: p.coverage, accuracy: p.accuracy })),
    perSlice: e.perSlice.map((s) => ({ sliceId: s.sliceId, name: s.name, n: s.n, accuracy: s.accuracy, macroF1: s.macroF1 })),
  };
}

export async function runPipeline(input: PipelineInput): Promise<PipelineResult> {
  const labelled = [...input.train, ...input.validation, ...input.test];
  if (labelled.some((r) => r.label === null)) throw new Error('The pipeline takes labelled rows only.');
  const classes = [...new Set(labelled.map((r) => r.label!))].sort();
  if (classes.length < 2) throw new Error('A classifier needs labelled rows of at least two classes.');
  if (!input.train.length || !input.test.length) throw new Error('The train and test splits both need labelled rows.');
  const family = getModelFamily(input.family);
  const checked = family.validate(input.params);
  if (!checked.ok) throw new Error(checked.errors.join(' '));
  const labelsOf = (rows: readonly DataRow[]) => Int32Array.from(rows, (r) => classes.indexOf(r.label!));
  const stop = () => input.shouldStop?.() ?? false;
  const { now } = input;

  input.onPhase?.('vectorize');
  const t0 = now();
  const v = input.vectorizer;
  const vectorizer = new TfidfVectorizer({ ngramRange: [1, v.ngramMax], minDf: v.minDf, maxFeatures: v.maxFeatures, sublinearTf: v.sublinearTf, stopWords: v.stopWords ? 'english' : null });
  const xTrain = vectorizer.fitTransform(input.train.map((r) => r.text));
  const xVal = vectorizer.transform(input.validation.map((r) => r.text));
  const xTest = vectorizer.transform(input.test.map((r) => r.text));
  const yTrain = labelsOf(input.train);
  const yVal = labelsOf(input.validation);
  const yTest = labelsOf(input.test);
  const vectorizeMs = now() - t0;

  const { model, params } = buildModel(input.family, vectorizer.vocabularySize, classes.length, checked.params, input.seed);
  try {
    input.onModelBuilt?.({ weightBytes: model.countParams() * Float32Array.BYTES_PER_ELEMENT, vectorizer });
    input.onPhase?.('train');
    const curves: Curves = { loss: [], valLoss: [], accuracy: [], valAccuracy: [] };
    const training = await trainModel({
      model,
      train: { x: xTrain, y: yTrain },
      ...(input.validation.length ? { validation: { x: xVal, y: yVal } } : {}),
      numClasses: classes.length,
      params,
      seed: input.seed,
      now,
      shouldStop: stop,
      onEpoch: (e) => {
        curves.loss.push(e.loss);
        curves.accuracy.push(e.accuracy);
        if (e.valLoss !== null) curves.valLoss.push(e.valLoss);
        if (e.valAccuracy !== null) curves.valAccuracy.push(e.valAccuracy);
        input.onEpoch?.(curves);
      },
      onBatch: (b) =>
        input.onBatch?.({
          unit: b.unit,
          epoch: b.epoch + 1,
          batch: b.batch + 1,
          batches: b.batchesPerEpoch,
          elapsedMs: b.elapsedMs,
          epochs: b.work.unit === 'iteration' ? b.work.maxIterations : b.work.maxEpochs,
          // The rows scored after training, for the time left of the whole job (timeLeft.ts).
          work: { ...b.work, rows: xTrain.rows, laterRows: xVal.rows + xTest.rows },
        }),
    });
    const finalCurves: Curves = { loss: training.history.loss, valLoss: training.history.valLoss, accuracy: training.history.accuracy, valAccuracy: training.history.valAccuracy };

    input.onPhase?.('evaluate');
    const t1 = now();
    const evalVal = input.validation.length ? evaluateSplit({ classes, yTrue: yVal, probs: predictProba(model, xVal), rows: input.validation, slices: input.slices ?? [] }) : null;
    const evalTest = evaluateSplit({ classes, yTrue: yTest, probs: predictProba(model, xTest), rows: input.test, slices: input.slices ?? [] });
    const baseline = majorityBaseline(yTrain, yTest, classes)!;
    const verdict = compareToBaseline(evalTest, baseline);
    const evaluateMs = now() - t1;

    input.onPhase?.('latency');
    const serialized = await serializeModel(model);
    const t2 = now();
    const predictor = createPredictor({ model: serialized, vectorizer: vectorizer.toJSON(), classes });
    const samples: number[] = [];
    const count = input.latencySamples ?? LATENCY_SAMPLES;
    for (let i = 0; i < count; i++) {
      const texts = [input.test[i % input.test.length].text];
      const s = now();
      predictor.predict(texts);
      samples.push(now() - s);
      if (samples.length % LATENCY_BLOCK === 0 && latencySettled(samples)) break;
    }
    const latency = percentiles(samples) ?? { p50: NaN, p95: NaN, p99: NaN, mean: NaN };
    const batchTexts = input.test.slice(0, THROUGHPUT_TEXTS).map((r) => r.text);
    const b0 = now();
    predictor.predict(batchTexts);
    const batchPerSecond = (batchTexts.length / Math.max(now() - b0, 1e-3)) * 1000;
    const latencyMs = now() - t2;

    const evaluation: RunEvaluation = {
      classes,
      validation: evalVal ? summarizeSplit(evalVal, input.validation, classes) : null,
      test: summarizeSplit(evalTest, input.test, classes),
      baseline: { label: baseline.className, accuracy: baseline.accuracy, macroF1: baseline.macroF1, verdict: verdict.verdict, warning: verdict.warning },
      latency: { p50: latency.p50, p95: latency.p95, p99: latency.p99, mean: latency.mean, samples: samples.length, batchPerSecond, backend: INFERENCE_BACKEND },
      ...(family.linear
        ? { topTerms: topTermsPerClass(model, vectorizer.featureNames(), classes, 12).map((c) => ({ label: c.className, terms: c.terms.map((t) => ({ term: t.term, weight: t.weight })) })) }
        : {}),
    };
    const measured = toMeasuredMetrics({ validation: evalVal ?? undefined, test: evalTest }, samples.length ? latency : undefined);
    return { model, serialized, vectorizer, classes, params, curves: finalCurves, training, evaluation, measured, timings: { vectorizeMs, trainMs: training.timings.totalMs, evaluateMs, latencyMs } };
  } catch (error) {
    model.dispose();
    throw error;
  }
}
