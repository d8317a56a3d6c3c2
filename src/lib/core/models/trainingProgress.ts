/**
 * What the training progress bar says at each moment of a job. The worker reports the train
 * phase before the first batch as epoch 0 of 0 batches; read literally that was "-2 % · epoch 0
 * of 50 · batch 0 of 0", so until a batch has run the bar says "Preparing…" at 0 %. An L-BFGS run
 * counts iterations (one pass over all rows each, no batches) up to a cap it usually stops before.
 */
import type { TrainingUnit } from './catalog';

export interface TrainingProgressFacts {
  phase: 'load' | 'vectorize' | 'train' | 'evaluate' | 'latency' | 'compare' | 'save';
  /** Absent: epochs (progress reported before L-BFGS existed). */
  unit?: TrainingUnit;
  /** The epoch (or iteration) in progress, 1-based, and the cap. */
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  /** Estimated time left in the job (training and the phases after it), ms. */
  etaMs: number | null;
  backend: 'webgl' | 'cpu' | null;
}

export interface TrainingProgressView {
  /** True while the train phase has not finished a batch yet. */
  preparing: boolean;
  /** Epochs done (fractional), between 0 and `total`. */
  done: number;
  total: number;
  /**
   * "epoch 3 of 50 · batch 4 of 10 · about 12 s left · on WebGL", or "iteration 12 of at most 100 ·
   * about 2 s left · on the CPU"; no such facts while preparing.
   */
  detail: string;
}

export function trainingProgressView(p: TrainingProgressFacts): TrainingProgressView {
  const total = Math.max(1, p.epochs);
  const training = p.phase === 'train';
  const preparing = training && (p.epoch < 1 || p.batches < 1);
  const raw = training ? (preparing ? 0 : p.epoch - 1 + p.batch / p.batches) : p.phase === 'load' || p.phase === 'vectorize' ? 0 : total;
  const parts: string[] = [];
  if (training && !preparing) {
    if (p.unit === 'iteration') parts.push(`iteration ${p.epoch} of at most ${p.epochs}`);
    else parts.push(`epoch ${p.epoch} of ${p.epochs}`, `batch ${p.batch} of ${p.batches}`);
    if (p.etaMs !== null) parts.push(`about ${Math.ceil(p.etaMs / 1000)} s left`);
  }
  if (p.backend) parts.push(`on ${p.backend === 'webgl' ? 'WebGL' : 'the CPU'}`);
  return { preparing, done: Math.min(total, Math.max(0, raw)), total, detail: parts.join(' · ') };
}
