import { describe, expect, it } from 'vitest';
import { cohenKappa, kappaReading, observedAgreement, productionAgreement, type LabelChange } from '$lib/core/loop/agreement';
import type { DataRow } from '$lib/core/data/dataset';
import type { ProductionSource } from '$lib/core/loop/productionRows';

// Reference values: sklearn.metrics.cohen_kappa_score (scikit-learn 1.2) and numpy mean(a == b) on these vectors.
const THREE = {
  a: ['Billing', 'Billing', 'Technical', 'General', 'Billing', 'Technical', 'Technical', 'General', 'Billing', 'Technical', 'General', 'Billing'],
  b: ['Billing', 'Technical', 'Technical', 'General', 'Billing', 'Technical', 'General', 'General', 'Billing', 'Billing', 'General', 'Billing'],
  kappa: 0.6210526315789473,
  observed: 0.75,
};
const WORSE_THAN_CHANCE = { a: ['a', 'a', 'b', 'b', 'a', 'b'], b: ['b', 'b', 'a', 'a', 'a', 'b'], kappa: -0.33333333333333326, observed: 0.3333333333333333 };
/** Each side uses a class the other never does. */
const UNSHARED = { a: ['a', 'a', 'a', 'b', 'c'], b: ['a', 'a', 'b', 'b', 'd'], kappa: 0.4117647058823528, observed: 0.6 };

describe('Cohen’s kappa and observed agreement (against scikit-learn)', () => {
  it.each([['three classes', THREE], ['worse than chance', WORSE_THAN_CHANCE], ['classes one side never uses', UNSHARED]])('%s', (_, c) => {
    expect(cohenKappa(c.a, c.b)).toBeCloseTo(c.kappa, 12);
    expect(observedAgreement(c.a, c.b)).toBeCloseTo(c.observed, 12);
  });

  it('is undefined (sklearn: NaN) when both sides use one and the same class, and for no rows', () => {
    expect(cohenKappa(['a', 'a', 'a'], ['a', 'a', 'a'])).toBeNull();
    expect(observedAgreement(['a', 'a', 'a'], ['a', 'a', 'a'])).toBe(1);
    expect(cohenKappa([], [])).toBeNull();
    expect(observedAgreement([], [])).toBeNull();
    expect(() => cohenKappa(['a'], [])).toThrow();
  });

  it('reads kappa in the Landis & Koch bands', () => {
    expect(kappaReading(-0.1, 50)).toBe('less agreement than chance');
    expect(kappaReading(0.15, 50)).toBe('slight agreement');
    expect(kappaReading(0.3, 50)).toBe('fair agreement');
    expect(kappaReading(0.5, 50)).toBe('moderate agreement');
    expect(kappaReading(THREE.kappa, 50)).toBe('substantial agreement');
    expect(kappaReading(0.9, 50)).toBe('almost perfect agreement');
    expect(kappaReading(0.9, 12)).toBe('almost perfect agreement (few rows: read with care)');
    expect(kappaReading(null, 0)).toBe('no rows to compare yet');
  });
});

const row = (key: string, label: string | null, source: ProductionSource | null, predicted?: string): Pick<DataRow, 'key' | 'label' | 'meta'> => ({
  key, label, meta: source ? { source, prediction_id: key, served_version: 'Router v1', ...(predicted ? { predicted_label: predicted } : {}), confidence: 0.8 } : {},
});
const change = (rowKey: string, previousLabel: string | null, label: string | null, at: string, id?: number): LabelChange => ({ rowKey, previousLabel, label, at, ...(id ? { id } : {}) });

describe('productionAgreement', () => {
  it('pairs feedback, in-app labels and the model from rows and their label changes', () => {
    const rows = [
      row('old1', 'Billing', null), // imported: not counted
      row('f1', 'Billing', 'feedback', 'Billing'),
      row('f2', 'Technical', 'feedback', 'Billing'),
      row('f3', 'General', 'feedback', 'Technical'), // relabelled by a person: feedback said Technical
      row('f4', 'Billing', 'feedback', 'Technical'), // confirmed by a person
      row('a1', 'Technical', 'labelled in app', 'Technical'),
      row('a2', 'General', 'labelled in app', 'Billing'),
      row('u1', 'Billing', 'unlabelled', 'Technical'), // labelled in the queue
      row('u2', null, 'unlabelled', 'Billing'), // nobody labelled it
      row('u3', null, 'unlabelled', 'General'), // labelled, then the label undone
    ];
    const changes = [
      change('f3', 'General', 'General', '2026-03-02T10:00:00.000Z', 9), // a later change of the same row
      change('f3', 'Technical', 'General', '2026-03-02T10:00:00.000Z', 4),
      change('f4', 'Billing', 'Billing', '2026-03-02T11:00:00.000Z'),
      change('u1', null, 'Billing', '2026-03-02T12:00:00.000Z'),
      change('u3', null, 'General', '2026-03-02T12:00:00.000Z', 1),
      change('u3', 'General', null, '2026-03-02T12:01:00.000Z', 2),
      change('old1', 'Technical', 'Billing', '2026-03-02T12:00:00.000Z'),
    ];
    const report = productionAgreement(rows, changes);
    expect(report.productionRows).toBe(9);
    const [fm, am, fa] = report.pairs;
    // Feedback vs model: f1 (B,B) f2 (T,B) f3 (T,T: the feedback label, before the person's change) f4 (B,T).
    expect(fm).toMatchObject({ id: 'feedback-model', n: 4, observed: 0.5 });
    expect(fm.kappa).toBeCloseTo(cohenKappa(['Billing', 'Technical', 'Technical', 'Billing'], ['Billing', 'Billing', 'Technical', 'Technical'])!, 12);
    expect(fm.kappa).toBeCloseTo(0, 12); // sklearn: 0.0
    expect(fm.disagreements).toEqual([{ first: 'Billing', second: 'Technical', count: 1 }, { first: 'Technical', second: 'Billing', count: 1 }]);
    // In the app vs model: f3 (G,T) f4 (B,T) a1 (T,T) a2 (G,B) u1 (B,T).
    expect(am).toMatchObject({ id: 'app-model', n: 5, observed: 0.2 });
    expect(am.kappa).toBeCloseTo(-0.05263157894736836, 12); // sklearn cohen_kappa_score
    expect(am.disagreements[0]).toEqual({ first: 'Billing', second: 'Technical', count: 2 });
    // Feedback vs a person: f3 (T→G), f4 (B kept).
    expect(fa).toMatchObject({ id: 'feedback-app', n: 2, observed: 0.5, disagreements: [{ first: 'Technical', second: 'General', count: 1 }] });
    expect(fa.kappa).toBeCloseTo(0.33333333333333337, 12); // sklearn cohen_kappa_score
  });

  it('counts nothing when no row has a production source', () => {
    const report = productionAgreement([row('a', 'Billing', null), row('b', null, null)], [change('a', null, 'Billing', '2026-03-02T12:00:00.000Z')]);
    expect(report.productionRows).toBe(0);
    expect(report.pairs.map((p) => [p.id, p.n, p.observed, p.kappa, p.reading])).toEqual([
      ['feedback-model', 0, null, null, 'no rows to compare yet'],
      ['app-model', 0, null, null, 'no rows to compare yet'],
      ['feedback-app', 0, null, null, 'no rows to compare yet'],
    ]);
  });
});
