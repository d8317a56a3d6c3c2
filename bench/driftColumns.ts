/**
 * Seeded columns for the drift-report benchmark (bench/browser/driftReport.ts): 20 columns of
 * `rows` values on each side — 12 numeric (normal, log-normal, uniform, bimodal, exponential,
 * a 0–4 count that is tested as categories, …) and 8 categorical (2 to 200 categories) — with a
 * shift in 4 numeric and 2 categorical columns, so the report has both drifted and stable
 * columns. Same seed, same columns. Runs in the bench page's worker (no DOM) and in Node.
 */
import type { DriftColumnInput } from '$lib/core/drift/report';
import { createRng, type Rng } from '$lib/core/random';

const normal = (rng: Rng) => {
  let s = 0;
  for (let k = 0; k < 12; k++) s += rng();
  return s - 6;
};

type NumericMaker = (rng: Rng, shifted: boolean) => number;

const NUMERIC: { name: string; make: NumericMaker }[] = [
  { name: 'age', make: (r, s) => 40 + 12 * normal(r) + (s ? 3 : 0) },
  { name: 'income', make: (r) => Math.exp(10 + 0.5 * normal(r)) },
  { name: 'session_minutes', make: (r, s) => -Math.log(1 - r()) * (s ? 14 : 10) },
  { name: 'page_views', make: (r) => Math.floor(-Math.log(1 - r()) * 6) },
  { name: 'basket_value', make: (r, s) => Math.exp(3.5 + 0.8 * normal(r)) * (s ? 1.25 : 1) },
  { name: 'latency_ms', make: (r) => 20 + 5 * normal(r) },
  { name: 'score', make: (r) => r() },
  { name: 'bimodal', make: (r, s) => (r() < (s ? 0.6 : 0.4) ? -2 : 2) + normal(r) },
  { name: 'discount', make: (r) => Math.round(r() * 50) / 100 },
  { name: 'tenure_days', make: (r) => Math.floor(r() * 1500) },
  { name: 'temperature', make: (r) => 15 + 8 * normal(r) },
  { name: 'items_in_cart', make: (r) => Math.min(4, Math.floor(-Math.log(1 - r()) * 1.2)) },
];

const CATEGORICAL: { name: string; levels: number; shift: boolean }[] = [
  { name: 'device', levels: 3, shift: true },
  { name: 'region', levels: 8, shift: false },
  { name: 'plan', levels: 4, shift: false },
  { name: 'browser', levels: 6, shift: false },
  { name: 'channel', levels: 5, shift: true },
  { name: 'country', levels: 60, shift: false },
  { name: 'category', levels: 200, shift: false },
  { name: 'is_new', levels: 2, shift: false },
];
const SHIFTED_NUMERIC = new Set(['age', 'session_minutes', 'basket_value', 'bimodal']);

/** A skewed category index in [0, levels): low indices are common. Shifted sides favour the last ones. */
function category(rng: Rng, levels: number, shifted: boolean): number {
  const u = Math.pow(rng(), 1.6);
  const i = Math.min(levels - 1, Math.floor(u * levels));
  return shifted && rng() < 0.5 ? levels - 1 - i : i;
}

/** 12 numeric + 8 categorical columns, `rows` values per side. */
export function driftBenchColumns(rows: number, seed = 'drift-bench'): DriftColumnInput[] {
  const columns: DriftColumnInput[] = [];
  for (const { name, make } of NUMERIC) {
    const shifted = SHIFTED_NUMERIC.has(name);
    const side = (s: string, shift: boolean) => {
      const rng = createRng(`${seed}:${name}:${s}`);
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) out[i] = make(rng, shift);
      return out;
    };
    columns.push({ name, kind: 'numeric', reference: side('reference', false), current: side('current', shifted) });
  }
  for (const { name, levels, shift } of CATEGORICAL) {
    const labels = Array.from({ length: levels }, (_, i) => `${name}-${i}`);
    const side = (s: string, shifted: boolean) => {
      const rng = createRng(`${seed}:${name}:${s}`);
      return Array.from({ length: rows }, () => labels[category(rng, levels, shifted)]);
    };
    columns.push({ name, kind: 'categorical', reference: side('reference', false), current: side('current', shift) });
  }
  return columns;
}
