import { describe, it, expect } from 'vitest';
import { ShingleJaccard, findNearDuplicateConflicts, lshBanding } from '$lib/core/data/nearDuplicates';
import { normalizeText } from '$lib/core/data/leakage';
import { createRng, pick, shuffleInPlace } from '$lib/core/random';

describe('ShingleJaccard', () => {
  const j = new ShingleJaccard(1);

  it('compares sets of character 5-grams', () => {
    expect(j.similarity('abcdef', 'abcdeg')).toBe(1 / 3); // {abcde, bcdef} vs {abcde, bcdeg}
    expect(j.similarity('abcdefgh', 'abcdefgh')).toBe(1);
    expect(j.similarity('abcdefgh', 'zyxwvuts')).toBe(0);
    expect(j.similarity('abcdefg', 'bcdefgh')).toBe(0.5); // {abcde, bcdef, cdefg} vs {bcdef, cdefg, defgh}
  });

  it('treats a text shorter than 5 characters as one shingle and ignores repeats', () => {
    expect(j.similarity('abc', 'abc')).toBe(1);
    expect(j.similarity('abc', 'abd')).toBe(0);
    expect(j.similarity('aaaaaaaaa', 'aaaaa')).toBe(1);
  });

  it('handles texts longer than its scratch space', () => {
    const long = 'lorem ipsum dolor sit amet '.repeat(200);
    expect(j.similarity(long, long + 'x')).toBe(j.similarity(long + 'x', long));
    expect(j.similarity(long, long)).toBe(1);
  });
});

describe('lshBanding', () => {
  it('uses the fewest bands that still catch a pair at the threshold 99 % of the time', () => {
    expect(lshBanding(0.8)).toMatchObject({ bands: 20, rowsPerBand: 6 });
    expect(lshBanding(0.8).recallAtThreshold).toBeCloseTo(1 - (1 - 0.8 ** 6) ** 20, 12);
    expect(lshBanding(0.9)).toMatchObject({ bands: 12, rowsPerBand: 10 });
    expect(lshBanding(0.5)).toMatchObject({ bands: 40, rowsPerBand: 3 });
    expect(lshBanding(0.3)).toMatchObject({ bands: 60, rowsPerBand: 2 });
    expect(lshBanding(0.01)).toMatchObject({ bands: 120, rowsPerBand: 1 });
  });
});

describe('findNearDuplicateConflicts', () => {
  const base = 'My invoice for March is wrong, please fix the amount';
  const typo = 'My invoice for March is wromg, please fix the amount';

  it('reports near-identical texts with different labels, with exact similarity', () => {
    const similarity = new ShingleJaccard().similarity(normalizeText(base), normalizeText(typo));
    expect(similarity).toBeGreaterThanOrEqual(0.8);
    const report = findNearDuplicateConflicts([
      { key: 'r1', text: base, label: 'Billing' },
      { key: 'r2', text: typo, label: 'Technical' },
      { key: 'r3', text: `  ${base.toUpperCase()} `, label: 'Billing' },
      { key: 'r4', text: base, label: 'General' },
      { key: 'r5', text: 'The app crashes when I open settings', label: 'General' },
      { key: 'r6', text: base, label: null },
      { key: 'r7', text: '   ', label: 'Technical' },
      { key: 'r8', text: '', label: 'Billing' },
    ]);
    expect(report.pairs).toEqual([
      { a: 'r1', b: 'r4', similarity: 1, labels: ['Billing', 'General'] },
      { a: 'r3', b: 'r4', similarity: 1, labels: ['Billing', 'General'] },
      { a: 'r1', b: 'r2', similarity, labels: ['Billing', 'Technical'] },
      { a: 'r2', b: 'r3', similarity, labels: ['Technical', 'Billing'] },
      { a: 'r2', b: 'r4', similarity, labels: ['Technical', 'General'] },
    ]);
    expect(report).toMatchObject({ totalPairs: 5, truncated: false, distinctTexts: 3, complete: true });
  });

  it('ignores near duplicates that agree, and pairs below the threshold', () => {
    const rows = [
      { key: 'a', text: base, label: 'Billing' },
      { key: 'b', text: typo, label: 'Billing' },
      { key: 'c', text: 'My invoice for April is right, thanks for the amount', label: 'Technical' },
    ];
    // a–b agree, so they are never even checked; a–c and b–c have Jaccard 0.23.
    expect(findNearDuplicateConflicts(rows)).toMatchObject({ pairs: [], candidatesChecked: 0 });
    expect(findNearDuplicateConflicts(rows, { threshold: 0.2 }).pairs.map((p) => [p.a, p.b])).toEqual([['a', 'c'], ['b', 'c']]);
  });

  it('caps the list but counts every pair', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, text: base, label: i % 2 ? 'A' : 'B' }));
    const report = findNearDuplicateConflicts(rows, { maxPairs: 3 });
    expect(report).toMatchObject({ totalPairs: 25, truncated: true });
    expect(report.pairs).toHaveLength(3);
  });

  it('stops at the work budget and says so', () => {
    const rows = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, text: `Where is my order number ${1000 + i}? It has not arrived yet`, label: i % 2 ? 'A' : 'B' }));
    const full = findNearDuplicateConflicts(rows);
    expect(full.complete).toBe(true);
    expect(full.candidatesChecked).toBeGreaterThan(500); // of 30 × 30 cross-label pairs
    expect(full.totalPairs).toBeGreaterThan(100);
    const cut = findNearDuplicateConflicts(rows, { maxCandidates: 10 });
    expect(cut).toMatchObject({ complete: false, candidatesChecked: 10 });
    expect(cut.totalPairs).toBeLessThanOrEqual(10);
  });

  it('rejects a threshold outside (0, 1]', () => {
    expect(() => findNearDuplicateConflicts([], { threshold: 0 })).toThrow(/threshold/);
    expect(() => findNearDuplicateConflicts([], { threshold: 1.5 })).toThrow(/threshold/);
  });

  // Random texts and edited copies with another label, checked against all pairs by brute force.
  const WORDS = 'invoice refund charge account login error crash password billing plan upgrade cancel order shipping delivery payment card bank app screen button email phone support ticket question answer price discount renewal trial'.split(' ');
  function corpus(count: number) {
    const rng = createRng('near-duplicate-corpus');
    const rows: { key: string; text: string; label: string }[] = [];
    for (let i = 0; i < count; i++) {
      const text = Array.from({ length: 8 + Math.floor(rng() * 20) }, () => pick(rng, WORDS)).join(' ');
      rows.push({ key: `o${i}`, text, label: pick(rng, ['A', 'B', 'C']) });
      let edited = text;
      for (let e = 1 + Math.floor(rng() * 8); e > 0; e--) {
        const p = Math.floor(rng() * edited.length);
        edited = edited.slice(0, p) + pick(rng, ['x', 'q', 'z']) + edited.slice(p + 1);
      }
      rows.push({ key: `e${i}`, text: edited, label: pick(rng, ['A', 'B', 'C']) });
    }
    return rows;
  }

  it('finds the same pairs as a brute-force comparison', () => {
    const rows = corpus(150);
    const jaccard = new ShingleJaccard();
    const texts = rows.map((r) => normalizeText(r.text));
    const expected: string[] = [];
    for (let i = 0; i < rows.length; i++) {
      for (let k = i + 1; k < rows.length; k++) {
        if (rows[i].label !== rows[k].label && jaccard.similarity(texts[i], texts[k]) >= 0.8) {
          expected.push([rows[i].key, rows[k].key].sort().join('|'));
        }
      }
    }
    expect(expected.length).toBeGreaterThan(20);
    for (const seed of [1, 2, 3]) {
      const found = findNearDuplicateConflicts(rows, { seed, maxPairs: Infinity }).pairs.map((p) => `${p.a}|${p.b}`);
      expect(found.sort(), `seed ${seed}`).toEqual(expected.sort());
    }
  });

  it('does not depend on row order', () => {
    const rows = corpus(60);
    const shuffled = shuffleInPlace(createRng('order'), [...rows]);
    expect(findNearDuplicateConflicts(shuffled, { seed: 9 })).toEqual(findNearDuplicateConflicts(rows, { seed: 9 }));
  });
});
