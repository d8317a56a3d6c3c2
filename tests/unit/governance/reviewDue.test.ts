import { describe, expect, it } from 'vitest';
import { reviewDue, soonestReview } from '$lib/core/governance/reviewDue';

const DAY = 86_400_000;
const due = '2027-03-01T12:00:00.000Z';
const lapses = '2027-03-15T12:00:00.000Z';
const at = (iso: string) => Date.parse(iso);

describe('reviewDue', () => {
  it('counts whole days left, rounded up, before the due date', () => {
    expect(reviewDue(due, lapses, at(due) - 12 * DAY)).toEqual({ kind: 'due', text: 'due in 12 days', at: due, days: 12 });
    expect(reviewDue(due, lapses, at(due) - 11.5 * DAY).text).toBe('due in 12 days');
    expect(reviewDue(due, lapses, at(due) - 1).text).toBe('due in 1 day');
  });

  it('is overdue from the due date until the approval lapses', () => {
    expect(reviewDue(due, lapses, at(due))).toEqual({ kind: 'overdue', text: 'overdue since 2027-03-01', at: due, days: 0 });
    expect(reviewDue(due, lapses, at(lapses) - 1)).toMatchObject({ kind: 'overdue', days: -13 });
  });

  it('is lapsed from the lapse date on', () => {
    expect(reviewDue(due, lapses, at(lapses))).toEqual({ kind: 'lapsed', text: 'lapsed on 2027-03-15', at: lapses, days: 0 });
    expect(reviewDue(due, lapses, at(lapses) + 40 * DAY)).toMatchObject({ kind: 'lapsed', days: -40 });
  });

  it('says "not scheduled" without an approval', () => {
    expect(reviewDue(null, null, at(due))).toEqual({ kind: 'none', text: 'not scheduled', at: null, days: null });
  });
});

describe('soonestReview', () => {
  it('puts lapsed before overdue before the nearest due date, and none last', () => {
    const now = at(due) - 5 * DAY;
    const later = reviewDue('2027-06-01T00:00:00.000Z', '2027-06-15T00:00:00.000Z', now);
    const sooner = reviewDue(due, lapses, now);
    expect(soonestReview([later, sooner, reviewDue(null, null, now)])).toBe(sooner);
    const overdue = reviewDue('2027-02-20T00:00:00.000Z', '2027-03-10T00:00:00.000Z', now);
    expect(soonestReview([sooner, overdue])).toBe(overdue);
    const lapsed = reviewDue('2027-01-01T00:00:00.000Z', '2027-01-10T00:00:00.000Z', now);
    expect(soonestReview([overdue, lapsed, sooner])).toBe(lapsed);
    expect(soonestReview([]).kind).toBe('none');
  });
});
