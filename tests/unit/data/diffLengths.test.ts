import { describe, expect, it } from 'vitest';
import { diffDatasets, summarizeDiff } from '$lib/core/data/diff';
import type { DataRow } from '$lib/core/data/dataset';
import { scenarioTraffic } from '$lib/core/scenarios/scenarioTraffic';

const schema = [{ name: 'subject', type: 'text' as const }, { name: 'body', type: 'text' as const }];
const row = (key: string, text: string, meta: DataRow['meta']): DataRow => ({ key, text, label: 'x', meta });

describe('the data diff shows what an upstream cut does to the data', () => {
  it('reports mean and median text length and each metadata column’s missing share, A vs B', () => {
    const a = [row('1', 'abcd', { subject: 's', tier: 'pro' }), row('2', 'abcdefgh', { subject: 's', tier: null }), row('3', '😀😀', { subject: 's', tier: 'free' })];
    const b = [row('4', 'ab', { subject: null }), row('5', 'abcd', { subject: '  ' }), row('6', 'abcdef', { subject: 's' }), row('7', 'ab', {})];
    const diff = diffDatasets({ rows: a, schema }, { rows: b, schema });
    // Lengths in characters: an emoji is one. A: 4, 8, 2 → mean 14/3, median 4; B: 2, 4, 6, 2 → mean 3.5, median 3.
    expect(diff.textLength.a.mean).toBeCloseTo(14 / 3, 10);
    expect(diff.textLength.a.median).toBe(4);
    expect(diff.textLength.b).toEqual({ mean: 3.5, median: 3 });
    expect(diff.missing).toEqual([
      { column: 'subject', shareA: 0, shareB: 0.75 },
      { column: 'tier', shareA: 1 / 3, shareB: 1 },
    ]);
    expect(summarizeDiff(diff)).toContain('median text 4 → 3 characters');
    expect(summarizeDiff(diff)).toContain('subject missing 0 % → 75 %');
  });

  it('shows the pipeline bug: shorter texts and a missing subject', () => {
    const toRows = (scenario: 'steady' | 'pipeline-bug') =>
      scenarioTraffic({ scenario, count: 400, seed: 'diff', changeAfter: 0 }).map((r) => row(`${scenario}-${r.ref}`, [r.fields.subject, r.fields.body].filter(Boolean).join('\n\n'), { subject: r.fields.subject ?? null }));
    const diff = diffDatasets({ rows: toRows('steady'), schema }, { rows: toRows('pipeline-bug'), schema });
    expect(diff.textLength.b.median).toBeLessThanOrEqual(80);
    expect(diff.textLength.a.median).toBeGreaterThan(120);
    expect(diff.missing).toEqual([{ column: 'subject', shareA: 0, shareB: 1 }]);
  });
});
