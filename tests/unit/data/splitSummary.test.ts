import { describe, it, expect } from 'vitest';
import { assignSplits, timeSplit } from '$lib/core/data/split';
import { SPLIT_MIX_WARN_DISTANCE, splitMixWarnings, summarizeSplits, type SplitPart } from '$lib/core/data/splitSummary';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 1);

/** 100 e-mails a day apart: the first 85 alternate ham/spam, the newest 15 are spam but one. */
function skewedCorpus() {
  return Array.from({ length: 100 }, (_, i) => ({
    key: `m${String(i).padStart(3, '0')}`,
    label: i < 85 ? (i % 2 ? 'spam' : 'ham') : i === 90 ? 'ham' : 'spam',
    timestamp: new Date(START + i * DAY).toISOString(),
  }));
}

/** A part with the given class counts (no dates). */
const part = (split: SplitPart['split'], counts: number[]): SplitPart => ({ split, rows: counts.reduce((a, b) => a + b, 0), counts, from: null, to: null });

describe('summarizeSplits', () => {
  it('gives each split of a time split its size, time range and class counts, and warns about a one-class test split', () => {
    const rows = skewedCorpus();
    const summary = summarizeSplits(rows, assignSplits(rows, { method: 'time', ratios: [0.7, 0.15, 0.15], seed: 's' }));
    expect(summary.labels).toEqual(['ham', 'spam']);
    expect(summary.parts.map((p) => [p.split, p.rows, p.counts, p.from, p.to])).toEqual([
      ['train', 70, [35, 35], START, START + 69 * DAY],
      ['validation', 15, [8, 7], START + 70 * DAY, START + 84 * DAY],
      ['test', 15, [1, 14], START + 85 * DAY, START + 99 * DAY],
    ]);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatchObject({ split: 'test', kind: 'mix', label: 'spam' });
    expect(summary.warnings[0].distance).toBeCloseTo(14 / 15 - 0.5, 10);
    expect(summary.warnings[0].text).toContain('differs from train\'s by 43 points (total variation distance): “spam” is 93 % of test but 50 % of train');
  });

  it('shows rows a time split leaves out as their own part, with their dates when some have one', () => {
    const rows = [...skewedCorpus().slice(0, 10), { key: 'x1', label: 'ham', timestamp: undefined }, { key: 'x2', label: null, timestamp: 'not a date' }];
    const summary = summarizeSplits(rows, timeSplit(rows, [0.8, 0.1, 0.1], 'leave-out'));
    expect(summary.labels).toEqual(['ham', 'spam', null]);
    expect(summary.parts.map((p) => [p.split, p.rows, p.counts, p.from])).toEqual([
      ['train', 8, [4, 4, 0], START],
      ['validation', 1, [1, 0, 0], START + 8 * DAY],
      ['test', 1, [0, 1, 0], START + 9 * DAY],
      ['none', 2, [1, 0, 1], null],
    ]);
  });

  it('has no warnings for a stratified split, and no time range without dates', () => {
    const rows = skewedCorpus().map(({ key, label }) => ({ key, label }));
    const summary = summarizeSplits(rows, assignSplits(rows, { method: 'stratified', ratios: [0.7, 0.15, 0.15], seed: 'seed' }));
    expect(summary.parts.map((p) => p.rows)).toEqual([70, 15, 15]);
    expect(summary.parts.every((p) => p.from === null && p.to === null)).toBe(true);
    expect(summary.warnings).toEqual([]);
  });
});

describe('splitMixWarnings', () => {
  it(`warns from a total variation distance of ${SPLIT_MIX_WARN_DISTANCE}, not below`, () => {
    const train = part('train', [50, 50]);
    expect(splitMixWarnings(['a', 'b'], [train, part('validation', [70, 30]), part('test', [69, 31])]).map((w) => [w.split, w.kind, w.label])).toEqual([
      ['validation', 'mix', 'a'],
    ]);
  });

  it('ignores unlabelled rows and empty splits', () => {
    const parts = [part('train', [50, 50, 900]), part('validation', [5, 5, 0]), part('test', [0, 0, 0])];
    expect(splitMixWarnings(['a', 'b', null], parts)).toEqual([]);
  });

  it('names a class missing from a split where train would put at least one row', () => {
    const parts = [part('train', [45, 45, 10]), part('validation', [10, 10, 0]), part('test', [5, 4, 0])];
    const warnings = splitMixWarnings(['a', 'b', 'rare'], parts);
    // Validation expects 2 "rare" rows (10 % of 20); test expects 0.9, so its absence is no news.
    expect(warnings.map((w) => [w.split, w.kind, w.label])).toEqual([['validation', 'absent', 'rare']]);
    expect(warnings[0].text).toBe('No “rare” rows in validation, though they are 10 % of train.');
  });
});
