import { describe, expect, it } from 'vitest';
import { direction, minimizeLbfgs, type LbfgsIteration } from '$lib/core/models/lbfgs';
import { createRng } from '$lib/core/random';

/** Mean binary logistic loss + ‖w‖²/(2·C·n) on dense rows (the bias, last, unpenalized), with its gradient. */
function logistic(x: number[][], y: number[], C: number) {
  const n = x.length;
  const d = x[0].length;
  return (w: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = w[d];
      for (let j = 0; j < d; j++) z += x[i][j] * w[j];
      const s = y[i] === 1 ? 1 : -1;
      const m = s * z;
      loss += m > 0 ? Math.log1p(Math.exp(-m)) : -m + Math.log1p(Math.exp(m));
      const dz = -s / (1 + Math.exp(m));
      for (let j = 0; j < d; j++) g[j] += (dz * x[i][j]) / n;
      g[d] += dz / n;
    }
    let penalty = 0;
    for (let j = 0; j < d; j++) {
      penalty += w[j] * w[j];
      g[j] += w[j] / (C * n);
    }
    return loss / n + penalty / (2 * C * n);
  };
}

function problem(n: number, noise: number, seed: string) {
  const rng = createRng(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [rng() * 2 - 1, rng() * 2 - 1, rng() * 2 - 1];
    const clean = row[0] + 0.5 * row[1] - 0.25 > 0 ? 1 : 0;
    x.push(row);
    y.push(rng() < noise ? 1 - clean : clean);
  }
  return { x, y };
}

describe('minimizeLbfgs', () => {
  it.each([
    ['separable', 0],
    ['noisy', 0.2],
  ] as const)('converges on a %s problem with a monotonically decreasing objective and the gradient under the tolerance', async (_, noise) => {
    const { x, y } = problem(400, noise, `lbfgs-${noise}`);
    const f = logistic(x, y, 1);
    const start = new Float64Array(4);
    const seen: LbfgsIteration[] = [];
    const result = await minimizeLbfgs(f, start, { maxIterations: 500, gradientTolerance: 1e-8, relativeDecrease: 0, onIteration: (s) => void seen.push(s) });
    expect(result.stop).toBe('gradient');
    expect(result.iterations).toBe(seen.length);
    const values = [f(start, new Float64Array(4)), ...seen.map((s) => s.value)];
    values.slice(1).forEach((v, i) => expect(v).toBeLessThanOrEqual(values[i]));
    const g = new Float64Array(4);
    expect(f(result.w, g)).toBe(result.value);
    expect(Math.max(...g.map(Math.abs))).toBeLessThanOrEqual(1e-8);
    expect(Array.from(start)).toEqual([0, 0, 0, 0]);
  });

  it('stops at the iteration cap, or when the objective no longer falls', async () => {
    const { x, y } = problem(200, 0.1, 'cap');
    const f = logistic(x, y, 1);
    expect(await minimizeLbfgs(f, new Float64Array(4), { maxIterations: 2, gradientTolerance: 0 })).toMatchObject({ iterations: 2, stop: 'iterations' });
    const relaxed = await minimizeLbfgs(f, new Float64Array(4), { maxIterations: 500, gradientTolerance: 0, relativeDecrease: 1e-3 });
    expect(relaxed.stop).toBe('decrease');
    expect(relaxed.iterations).toBeLessThan(500);
  });

  it('is exact on a quadratic within a few iterations and passes errors of the objective through', async () => {
    // f = Σ k·(w_k − k)², minimum at w = (1, 2, 3).
    const quadratic = (w: Float64Array, g: Float64Array) => {
      let v = 0;
      for (let k = 0; k < 3; k++) {
        v += (k + 1) * (w[k] - (k + 1)) ** 2;
        g[k] = 2 * (k + 1) * (w[k] - (k + 1));
      }
      return v;
    };
    const result = await minimizeLbfgs(quadratic, new Float64Array(3), { maxIterations: 50, gradientTolerance: 1e-9, relativeDecrease: 0 });
    Array.from(result.w).forEach((v, k) => expect(v).toBeCloseTo(k + 1, 8));
    expect(result.iterations).toBeLessThan(15);
    const failing = async () => {
      throw new Error('cancelled');
    };
    await expect(minimizeLbfgs(failing, new Float64Array(3), { maxIterations: 5 })).rejects.toThrow('cancelled');
  });

  it('reaches the same minimum in fewer iterations when scaled by the inverse Hessian diagonal, on badly scaled columns', async () => {
    // Columns 100× apart in size, as TF-IDF's common and rare terms are.
    const { x: raw, y } = problem(400, 0.1, 'scaled');
    const x = raw.map(([a, b, c]) => [a * 10, b, c / 10]);
    const n = x.length;
    const C = 1;
    const f = logistic(x, y, C);
    // At w = 0 every p is ½: the Hessian's diagonal is ¼·Σ xᵢⱼ² / n (+ 1/(C·n) on the weights).
    const scaling = Float64Array.from([0, 1, 2, 3], (j) => 1 / (j < 3 ? x.reduce((sum, row) => sum + row[j] ** 2, 0) / (4 * n) + 1 / (C * n) : 1 / 4));
    const options = { maxIterations: 500, gradientTolerance: 1e-7, relativeDecrease: 0 };
    const plain = await minimizeLbfgs(f, new Float64Array(4), options);
    const scaled = await minimizeLbfgs(f, new Float64Array(4), { ...options, scaling });
    expect([plain.stop, scaled.stop]).toEqual(['gradient', 'gradient']);
    expect(scaled.evaluations).toBeLessThan(plain.evaluations * 0.75);
    Array.from(scaled.w).forEach((v, j) => expect(Math.abs(v - plain.w[j])).toBeLessThan(1e-3 * Math.max(1, Math.abs(plain.w[j]))));
    expect(Math.abs(scaled.value - plain.value)).toBeLessThan(1e-10);
  });

  it('refuses a scaling of the wrong length or with an entry that is not positive', async () => {
    const f = logistic(problem(20, 0, 'bad').x, problem(20, 0, 'bad').y, 1);
    await expect(minimizeLbfgs(f, new Float64Array(4), { maxIterations: 5, scaling: new Float64Array(3).fill(1) })).rejects.toThrow('4 positive finite entries');
    await expect(minimizeLbfgs(f, new Float64Array(4), { maxIterations: 5, scaling: Float64Array.of(1, 0, 1, 1) })).rejects.toThrow('positive');
  });
});

/**
 * The textbook two-loop recursion, one loop per dot product and per update (Nocedal & Wright,
 * Algorithm 7.4), with H₀ = γ·diag(d) (d all ones: γI).
 */
function textbookDirection(g: Float64Array, s: Float64Array[], y: Float64Array[], rho: number[], d: Float64Array = g.map(() => 1)): Float64Array {
  const q = g.slice();
  const dotOf = (a: Float64Array, b: Float64Array) => a.reduce((sum, v, i) => sum + v * b[i], 0);
  const alpha: number[] = [];
  for (let j = s.length - 1; j >= 0; j--) {
    alpha[j] = rho[j] * dotOf(s[j], q);
    for (let i = 0; i < q.length; i++) q[i] -= alpha[j] * y[j][i];
  }
  const last = s.length - 1;
  const dg = g.map((v, i) => v * d[i]);
  const gamma = last >= 0 ? dotOf(s[last], y[last]) / y[last].reduce((sum, v, i) => sum + d[i] * v * v, 0) : 1 / Math.sqrt(dotOf(dg, dg));
  for (let i = 0; i < q.length; i++) q[i] *= d[i];
  for (let i = 0; i < q.length; i++) q[i] *= gamma;
  for (let j = 0; j < s.length; j++) {
    const c = alpha[j] - rho[j] * dotOf(y[j], q);
    for (let i = 0; i < q.length; i++) q[i] += c * s[j][i];
  }
  return q.map((v) => -v);
}

describe('direction', () => {
  it.each([0, 1, 2, 7])('is the textbook two-loop recursion to the last bit with %i pairs', (pairs) => {
    const rng = createRng(`direction-${pairs}`);
    const vector = () => Float64Array.from({ length: 257 }, () => rng() * 2 - 1);
    const g = vector();
    const s = Array.from({ length: pairs }, vector);
    const y = s.map((sj) => sj.map((v) => v * (0.5 + rng()) + (rng() - 0.5) * 0.1));
    const rho = s.map((sj, j) => 1 / sj.reduce((sum, v, i) => sum + v * y[j][i], 0));
    const before = [g.slice(), ...s.map((v) => v.slice()), ...y.map((v) => v.slice())];
    expect(Array.from(direction(g, s, y, rho))).toEqual(Array.from(textbookDirection(g, s, y, rho)));
    expect([g, ...s, ...y]).toEqual(before);
  });

  it.each([0, 1, 7])('is the textbook recursion with a diagonal H₀ = γD to the last bit with %i pairs', (pairs) => {
    const rng = createRng(`direction-scaled-${pairs}`);
    const vector = () => Float64Array.from({ length: 257 }, () => rng() * 2 - 1);
    const g = vector();
    const s = Array.from({ length: pairs }, vector);
    const y = s.map((sj) => sj.map((v) => v * (0.5 + rng()) + (rng() - 0.5) * 0.1));
    const rho = s.map((sj, j) => 1 / sj.reduce((sum, v, i) => sum + v * y[j][i], 0));
    const d = Float64Array.from({ length: 257 }, () => 10 ** (rng() * 4 - 2));
    const scaled = direction(g, s, y, rho, d);
    expect(Array.from(scaled)).toEqual(Array.from(textbookDirection(g, s, y, rho, d)));
    expect(Array.from(scaled)).not.toEqual(Array.from(direction(g, s, y, rho)));
  });
});
