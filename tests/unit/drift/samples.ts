/**
 * Deterministic samples for the drift tests, built only from mulberry32 draws (`createRng`) and
 * exact arithmetic (sums, floors), so the Python scripts that produced the reference numbers
 * (quoted in each test) rebuild the very same doubles:
 *
 *   def mulberry32(seed):            # seed: FNV-1a of the string, as hashSeed
 *       a = seed
 *       while True:
 *           a = (a + 0x6D2B79F5) & 0xFFFFFFFF
 *           t = a
 *           t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
 *           t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
 *           yield ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296
 *   def bell(seed, n, mean=0.0, sd=1.0):   # Irwin–Hall: sum of 12 uniforms − 6
 *       r = mulberry32(fnv1a(seed)); out = []
 *       for _ in range(n):
 *           s = 0.0
 *           for _ in range(12): s += next(r)
 *           out.append((s - 6) * sd + mean)
 *       return out
 *   def categories(seed, n, labels, weights):   # first label whose cumulative weight exceeds u·total
 */
import { createRng } from '$lib/core/random';

/** Roughly normal values: (Σ of 12 uniforms − 6)·sd + mean. */
export function bell(seed: string, n: number, mean = 0, sd = 1): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < 12; k++) s += rng();
    out[i] = (s - 6) * sd + mean;
  }
  return out;
}

/** floor(x / step) · step for every value: creates ties. */
export function floored(values: Float64Array, step: number): Float64Array {
  return values.map((v) => Math.floor(v / step) * step);
}

/** Labels drawn with the given weights: the first whose cumulative weight exceeds u·total. */
export function categories(seed: string, n: number, labels: readonly string[], weights: readonly number[]): string[] {
  const rng = createRng(seed);
  const total = weights.reduce((a, b) => a + b, 0);
  return Array.from({ length: n }, () => {
    const u = rng() * total;
    let cumulative = 0;
    for (let i = 0; i < labels.length; i++) {
      cumulative += weights[i];
      if (u < cumulative) return labels[i];
    }
    return labels[labels.length - 1];
  });
}

/** Relative difference, 0 when equal (also for equal infinities and zeros). */
export function relDiff(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.abs(expected);
}
