/**
 * Integer seeds for TF.js, derived from a run's seed.
 *
 * TF.js's random ops (initializers, `tf.dropout`, `tf.randomUniform`) take a numeric seed and
 * treat 0 like "no seed" in places (then they fall back to `Math.random`), so derived seeds are
 * kept in [1, 2^31 − 1].
 */
import { hashSeed } from '../random';

/** A TF.js seed in [1, 2^31 − 1] for `purpose` (e.g. `'init:hidden_1'`) within run `seed`. */
export function deriveSeed(seed: string | number, purpose: string): number {
  return (hashSeed(`${seed}:${purpose}`) % 0x7ffffffe) + 1;
}

/** Turns a uniform draw in [0, 1) into a TF.js seed in [1, 2^31 − 1]. */
export function seedFromUniform(u: number): number {
  return Math.floor(u * 0x7ffffffe) + 1;
}
