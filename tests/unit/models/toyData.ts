/**
 * A small, separable text-like problem for the model tests: `classes` classes, each with
 * `indicatorsPerClass` indicator features of its own; every row has two of its class's indicators
 * and a few shared noise features, with TF-IDF-like positive values, l2-normalised.
 */
import { createRng, randomInt } from '../../../src/lib/core/random';
import { csrFromRows, type CsrMatrix } from '../../../src/lib/core/models/csr';

export interface ToyData {
  x: CsrMatrix;
  y: Int32Array;
  featureNames: string[];
  classNames: string[];
}

export const TOY_CLASSES = 3;
export const TOY_INDICATORS = 8;
export const TOY_NOISE = 46;
export const TOY_COLS = TOY_CLASSES * TOY_INDICATORS + TOY_NOISE;

export function toyData(rows: number, seed: string): ToyData {
  const rng = createRng(seed);
  const entries = [];
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = randomInt(rng, 0, TOY_CLASSES - 1);
    y[i] = c;
    const cells = new Map<number, number>();
    while (cells.size < 2) cells.set(c * TOY_INDICATORS + randomInt(rng, 0, TOY_INDICATORS - 1), 0.5 + rng());
    const noise = randomInt(rng, 2, 5);
    for (let k = 0; k < noise; k++) cells.set(TOY_CLASSES * TOY_INDICATORS + randomInt(rng, 0, TOY_NOISE - 1), 0.3 + rng());
    let norm = 0;
    for (const v of cells.values()) norm += v * v;
    norm = Math.sqrt(norm);
    entries.push({ indices: [...cells.keys()], data: [...cells.values()].map((v) => v / norm) });
  }
  const featureNames = Array.from({ length: TOY_COLS }, (_, j) =>
    j < TOY_CLASSES * TOY_INDICATORS ? `c${Math.floor(j / TOY_INDICATORS)}_w${j % TOY_INDICATORS}` : `noise${j - TOY_CLASSES * TOY_INDICATORS}`,
  );
  return { x: csrFromRows(entries, TOY_COLS), y, featureNames, classNames: ['alpha', 'beta', 'gamma'] };
}
