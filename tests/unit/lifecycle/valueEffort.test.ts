import { describe, expect, it } from 'vitest';
import {
  markerPlaces, movedBy, predictionReview, quadrantOf, scoresAt, valueEffortProblems, withoutMissingLinks, placementText,
  type ValueEffortItem,
} from '$lib/core/lifecycle/valueEffort';

const item = (id: string, value: number, effort: number, extra: Partial<ValueEffortItem> = {}): ValueEffortItem => ({
  id, title: `Item ${id}`, owner: 'Ana', value, effort, expected: '', criterionIds: [], keyResultIds: [], ...extra,
});

describe('quadrantOf', () => {
  it('names the four corners', () => {
    expect(quadrantOf({ value: 10, effort: 1 })).toBe('quick-win');
    expect(quadrantOf({ value: 10, effort: 10 })).toBe('big-bet');
    expect(quadrantOf({ value: 1, effort: 1 })).toBe('fill-in');
    expect(quadrantOf({ value: 1, effort: 10 })).toBe('money-pit');
  });

  it('puts 5 on the low side and 6 on the high side of each axis', () => {
    expect(quadrantOf({ value: 6, effort: 5 })).toBe('quick-win');
    expect(quadrantOf({ value: 6, effort: 6 })).toBe('big-bet');
    expect(quadrantOf({ value: 5, effort: 5 })).toBe('fill-in');
    expect(quadrantOf({ value: 5, effort: 6 })).toBe('money-pit');
  });

  it('crosses a line with one arrow key at the boundary, and stays put at the edges', () => {
    expect(quadrantOf(movedBy({ value: 5, effort: 5 }, 'ArrowUp')!)).toBe('quick-win');
    expect(quadrantOf(movedBy({ value: 6, effort: 5 }, 'ArrowRight')!)).toBe('big-bet');
    expect(quadrantOf(movedBy({ value: 6, effort: 6 }, 'ArrowDown')!)).toBe('money-pit');
    expect(quadrantOf(movedBy({ value: 5, effort: 6 }, 'ArrowLeft')!)).toBe('fill-in');
    expect(movedBy({ value: 10, effort: 1 }, 'ArrowUp')).toEqual({ value: 10, effort: 1 });
    expect(movedBy({ value: 1, effort: 1 }, 'ArrowLeft')).toEqual({ value: 1, effort: 1 });
    expect(movedBy({ value: 1, effort: 10 }, 'ArrowRight')).toEqual({ value: 1, effort: 10 });
    expect(movedBy({ value: 3, effort: 3 }, 'Enter')).toBeNull();
  });
});

describe('scoresAt', () => {
  it('reads effort left to right and value bottom to top, one cell per score', () => {
    expect(scoresAt(0, 0)).toEqual({ effort: 1, value: 10 });
    expect(scoresAt(1, 1)).toEqual({ effort: 10, value: 1 });
    // Just left of and at the middle line: the last low and the first high effort.
    expect(scoresAt(0.4999, 0.5001)).toEqual({ effort: 5, value: 5 });
    expect(scoresAt(0.5, 0.4999)).toEqual({ effort: 6, value: 6 });
    // A drag past the edge stays on the plot.
    expect(scoresAt(-0.3, 1.7)).toEqual({ effort: 1, value: 1 });
  });
});

describe('markerPlaces', () => {
  it('gives items in one cell distinct places inside it, in more columns when the cell is wide', () => {
    const same = ['a', 'b', 'c', 'e', 'f'].map((id) => item(id, 7, 3));
    const square = markerPlaces([...same.slice(0, 3), item('d', 2, 9)]);
    const wide = markerPlaces(same, 1.5);
    for (const [places, ids, width, height] of [[square, ['a', 'b', 'c'], 0.5, 0.5], [wide, ['a', 'b', 'c', 'e', 'f'], 1 / 3, 0.5]] as const) {
      const inCell = ids.map((id) => places.get(id)!);
      expect(new Set(inCell.map((p) => `${p.x},${p.y}`)).size).toBe(ids.length);
      for (const p of inCell) {
        expect([p.width, p.height]).toEqual([width, height]);
        expect(scoresAt(p.x, p.y)).toEqual({ effort: 3, value: 7 });
      }
    }
    expect(square.get('d')).toMatchObject({ width: 1, height: 1 });
    expect(scoresAt(square.get('d')!.x, square.get('d')!.y)).toEqual({ effort: 9, value: 2 });
  });
});

describe('valueEffortProblems', () => {
  const criteria = new Set(['acc']);
  const krs = new Set(['kr1']);
  it('accepts valid items with links and an outcome', () => {
    const ok = [item('a', 7, 3, { criterionIds: ['acc'], keyResultIds: ['kr1'], outcome: { moved: 'yes', note: '', at: '2026-03-01T00:00:00.000Z' } })];
    expect(valueEffortProblems(ok, criteria, krs)).toEqual([]);
  });

  it('refuses scores off the scale, blank titles, repeated ids and links to nothing, with pointers', () => {
    const bad = [item('a', 0, 3.5, { title: ' ' }), item('a', 11, 3, { criterionIds: ['gone'], keyResultIds: ['kr9'], outcome: { moved: 'maybe' as never, note: '', at: 'soon' } })];
    expect(valueEffortProblems(bad, criteria, krs, '/canvas/valueEffort').map((p) => p.path)).toEqual([
      '/canvas/valueEffort/0/title', '/canvas/valueEffort/0/value', '/canvas/valueEffort/0/effort',
      '/canvas/valueEffort/1/id', '/canvas/valueEffort/1/value', '/canvas/valueEffort/1/criterionIds/0', '/canvas/valueEffort/1/keyResultIds/0',
      '/canvas/valueEffort/1/outcome/moved', '/canvas/valueEffort/1/outcome/at',
    ]);
    expect(valueEffortProblems('x', criteria, krs)).toEqual([{ path: '', message: 'must be a list of items.' }]);
  });

  it('drops links to removed criteria and key results', () => {
    expect(withoutMissingLinks([item('a', 1, 1, { criterionIds: ['acc', 'gone'], keyResultIds: ['kr1', 'kr2'] })], criteria, krs)[0]).toMatchObject({ criterionIds: ['acc'], keyResultIds: ['kr1'] });
  });
});

describe('predictionReview', () => {
  it('counts delivered items that moved their metric per quadrant', () => {
    const at = '2026-03-01T00:00:00.000Z';
    const review = predictionReview([
      item('a', 8, 2, { outcome: { moved: 'yes', note: '', at } }),
      item('b', 9, 1, { outcome: { moved: 'no', note: '', at } }),
      item('c', 7, 4),
      item('d', 2, 9, { outcome: { moved: 'partly', note: '', at } }),
    ]);
    expect(review.find((r) => r.quadrant === 'quick-win')).toEqual({ quadrant: 'quick-win', items: 3, delivered: 2, moved: 1, partly: 0 });
    expect(review.find((r) => r.quadrant === 'money-pit')).toEqual({ quadrant: 'money-pit', items: 1, delivered: 1, moved: 0, partly: 1 });
    expect(placementText(item('a', 8, 2))).toBe('Item a: value 8, effort 2 — quick win');
  });
});
