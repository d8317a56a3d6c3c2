/**
 * Messages of the compute worker (TF.js), carried by rpc.ts: the backend measurement, training a run, retraining the champion as a challenger,
 * predicting with a run's model, and scoring a dataset version's queue rows with one.
 */
import type { Slice } from '$lib/core/data/slices';
import type { QueueCandidate, RowScore } from '$lib/core/loop/labelOrder';
import type { DatasetVersionRecord, ModelVersionRecord, RunRecord } from '$lib/db/records';

import type { BackendDecision, BackendMeasurement, BackendPreference, ComputeBackend } from '$lib/core/compute/backendChoice';

export type BackendName = ComputeBackend;
export type { BackendPreference };

/** This device's backend measurement (from the cache or made now) and the choice it gives. */
export interface BackendReport {
  measurements: BackendMeasurement[];
  decision: BackendDecision;
  /** ISO time of the measurement. */
  measuredAt: string;
  /** How long measuring took, ms. */
  tookMs: number;
  /** False when read back from an earlier measurement of this device and build. */
  fresh: boolean;
  tfVersion: string;
}

export type { Curves, RunEvaluation, SplitSummary, VectorizerSettings } from '$lib/core/models/runReport';
import type { Curves, VectorizerSettings } from '$lib/core/models/runReport';
import type { TrainingUnit } from '$lib/core/models/catalog';

export interface TrainRequest {
  type: 'train';
  projectId: string;
  datasetVersionId: string;
  family: string;
  params: Record<string, string | number | boolean | number[]>;
  vectorizer: VectorizerSettings;
  seed: string;
  /** 'auto': the backend measured fastest on this device; a name: a person's choice for this run. */
  preferred: BackendPreference;
  slices: Slice[];
}

/**
 * Retrain the project's champion (its family, parameters, vectorizer settings and seed) on the
 * newest dataset version as it is, as a challenger (workers/retrainRun.ts). Labelled rows without
 * a split are placed beforehand, by the data worker's `retrainSplit`.
 */
export interface RetrainRequest {
  type: 'retrain';
  projectId: string;
  preferred: BackendPreference;
  slices: Slice[];
  /** Who retrains, for the audit trail and the alias move. */
  by: string;
}

/** What a retrain stored — the run (with its comparison) and the challenger version — and the dataset version it trained on. */
export interface RetrainResult {
  datasetVersion: DatasetVersionRecord;
  run: RunRecord;
  version: ModelVersionRecord;
}

export interface TrainProgress {
  /** 'compare': a retrain scoring champion and challenger on the same rows. */
  phase: 'load' | 'vectorize' | 'train' | 'evaluate' | 'latency' | 'compare' | 'save';
  /** What `epoch` / `epochs` count: L-BFGS runs count iterations (absent = epochs). */
  unit?: TrainingUnit;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  elapsedMs: number;
  /** Estimated time left in the job: training and the phases after it (core/models/timeLeft.ts). */
  etaMs: number | null;
  curves: Curves;
  backend: BackendName | null;
}

export interface Prediction {
  classes: string[];
  probabilities: number[];
  label: string;
  latencyMs: number;
  /** Terms that pushed the text toward the predicted class (linear models). */
  contributions: { term: string; weight: number }[];
}

/** Scores the labelling queue's candidates (core/loop/labelOrder.ts) of a dataset version with a run's model. */
export interface ScoreRowsRequest {
  type: 'scoreRows';
  runId: string;
  datasetVersionId: string;
}

export interface ScoreProgress {
  phase: 'score';
  /** Rows scored so far, of `total`. */
  done: number;
  total: number;
}

/** The candidates of a version as the job read them, and the model's score of each. */
export interface RowScores {
  runId: string;
  datasetVersionId: string;
  classes: string[];
  candidates: QueueCandidate[];
  scores: Map<string, RowScore>;
  elapsedMs: number;
}

export type ComputeRequest =
  /** `again`: measure now even when this device and build were measured before. */
  | { type: 'backends'; again: boolean }
  | TrainRequest
  | RetrainRequest
  | { type: 'predict'; runId: string; text: string }
  | ScoreRowsRequest;

export interface ComputeResults {
  backends: BackendReport;
  train: RunRecord;
  retrain: RetrainResult;
  predict: Prediction;
  scoreRows: RowScores;
}

/** Progress per request type (never: the request reports none). */
export interface ComputeProgressOf {
  backends: never;
  train: TrainProgress;
  retrain: TrainProgress;
  predict: never;
  scoreRows: ScoreProgress;
}

export type ComputeProgress = ComputeProgressOf[ComputeRequest['type']];
