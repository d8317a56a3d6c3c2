import { describe, it, expect } from 'vitest';
import { cramersV, labelAssociation, normalizedMutualInformation } from '$lib/core/data/association';
import { classMixBySlice } from '$lib/core/data/bias';

// Reference numbers from scipy 1.10.1 `scipy.stats.contingency.association(t, method='cramer')`
// and scikit-learn 1.2.1 `normalized_mutual_info_score(values, labels)` (arithmetic mean).
const REFERENCE: [string, number[][], number, number][] = [
  ['perfect', [[40, 0], [0, 60]], 1, 1],
  ['near-perfect 3 × 3', [[50, 2, 0], [1, 45, 3], [0, 2, 47]], 0.9206045469892917, 0.8002031851376773],
  ['moderate 2 × 2', [[30, 10], [12, 28]], 0.450563556889583, 0.15204852416237274],
  ['independent', [[10, 10, 10], [11, 9, 10]], 0.04087595596566439, 0.0009333437685214198],
  ['3 values × 2 classes', [[20, 5], [5, 20], [10, 10]], 0.50709255283711, 0.15412610009343192],
];

describe('association measures', () => {
  it.each(REFERENCE)('%s matches scipy and scikit-learn', (_name, table, v, nmi) => {
    expect(cramersV(table)).toBeCloseTo(v, 12);
    expect(normalizedMutualInformation(table)).toBeCloseTo(nmi, 12);
  });

  it('has no V for a single value or class', () => {
    expect(cramersV([[5, 7]])).toBeNull();
    expect(cramersV([[5], [7]])).toBeNull();
    expect(normalizedMutualInformation([[5, 7]])).toBe(0);
  });
});

/** Labelled rows whose `group` is `groupOf(label, i)`. */
function rows(labels: string[], groupOf: (label: string, i: number) => string) {
  return labels.map((label, i) => ({ label, meta: { group: groupOf(label, i) } }));
}
const LABELS = Array.from({ length: 120 }, (_, i) => ['ham', 'spam', 'promo'][i % 3]);

describe('labelAssociation', () => {
  it('names a column equal to the label as a likely label leak, with the measure and why', () => {
    const a = labelAssociation(classMixBySlice(rows(LABELS, (l) => `g-${l}`), 'group'));
    expect(a).toMatchObject({ column: 'group', rows: 120, values: 3, level: 'leak' });
    expect(a.cramersV).toBeCloseTo(1, 12);
    expect(a.normalizedMutualInformation).toBeCloseTo(1, 12);
    expect(a.message).toMatch(/Likely label leak or proxy: “group” predicts the label almost perfectly \(Cramér's V 1\.00/);
    expect(a.message).toMatch(/learns the column instead of the content/);
    expect(a.message).toMatch(/protected attribute/);
  });

  it('warns about a strong but imperfect association', () => {
    // group matches the label for 3 rows in 4, else a fixed other group.
    const a = labelAssociation(classMixBySlice(rows(LABELS, (l, i) => (i % 4 === 0 ? 'g-other' : `g-${l}`)), 'group'));
    expect(a.level).toBe('strong');
    expect(a.cramersV!).toBeGreaterThanOrEqual(0.5);
    expect(a.cramersV!).toBeLessThan(0.9);
    expect(a.message).toMatch(/“group” goes strongly with the label \(Cramér's V 0\.\d\d/);
  });

  it('says nothing of an unrelated column', () => {
    const a = labelAssociation(classMixBySlice(rows(LABELS, (_l, i) => (i % 2 ? 'a' : 'b')), 'group'));
    expect(a).toMatchObject({ level: 'weak', message: null });
  });

  it('does not judge a column with a value per few rows (an id kept as a category)', () => {
    const a = labelAssociation(classMixBySlice(rows(LABELS, (_l, i) => `id-${i}`), 'group'));
    expect(a.cramersV).toBeCloseTo(1, 12);
    expect(a).toMatchObject({ level: 'unjudged', message: null });
  });

  it('does not judge a handful of rows', () => {
    const a = labelAssociation(classMixBySlice(rows(LABELS.slice(0, 12), (l) => l), 'group'));
    expect(a.level).toBe('unjudged');
  });
});
