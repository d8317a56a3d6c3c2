/**
 * When an approval must be reviewed again, in words — the one rule the inventory and the Monitor
 * alert (reReviewAlerts.ts) count days by, from a gate state's `dueAt` / `lapsesAt` (gateState.ts)
 * and an injected `now` (ms):
 *
 * - before `dueAt`: "due in N days" (whole days, rounded up: "due in 1 day" under a day left);
 * - from `dueAt` until `lapsesAt`: "overdue since <date>" (still serving, not promotable);
 * - from `lapsesAt`: "lapsed on <date>" (no longer allowed, serving included);
 * - no approval (no `dueAt`): "not scheduled".
 */

export type ReviewDueKind = 'due' | 'overdue' | 'lapsed' | 'none';

export interface ReviewDue {
  kind: ReviewDueKind;
  /** "due in 12 days", "overdue since 2027-03-05", "lapsed on 2027-04-04", "not scheduled". */
  text: string;
  /** The date the text is about (ISO): the due date, or the lapse date once lapsed; null for none. */
  at: string | null;
  /** Whole days until `at` (negative once past); null for none. */
  days: number | null;
}

const DAY_MS = 86_400_000;
const day = (iso: string) => iso.slice(0, 10);

export function reviewDue(dueAt: string | null, lapsesAt: string | null, now: number): ReviewDue {
  if (!dueAt) return { kind: 'none', text: 'not scheduled', at: null, days: null };
  const due = Date.parse(dueAt);
  if (now < due) {
    const days = Math.ceil((due - now) / DAY_MS);
    return { kind: 'due', text: `due in ${days} ${days === 1 ? 'day' : 'days'}`, at: dueAt, days };
  }
  if (lapsesAt && now >= Date.parse(lapsesAt)) {
    return { kind: 'lapsed', text: `lapsed on ${day(lapsesAt)}`, at: lapsesAt, days: Math.ceil((Date.parse(lapsesAt) - now) / DAY_MS) };
  }
  return { kind: 'overdue', text: `overdue since ${day(dueAt)}`, at: dueAt, days: Math.ceil((due - now) / DAY_MS) };
}

/** Of several reviews, the one that needs attention first: lapsed, then overdue, then the nearest due date. */
export function soonestReview(reviews: readonly ReviewDue[]): ReviewDue {
  const rank: Record<ReviewDueKind, number> = { lapsed: 0, overdue: 1, due: 2, none: 3 };
  return reviews.reduce<ReviewDue>(
    (best, r) => (rank[r.kind] < rank[best.kind] || (rank[r.kind] === rank[best.kind] && r.at !== null && best.at !== null && r.at < best.at) ? r : best),
    { kind: 'none', text: 'not scheduled', at: null, days: null },
  );
}
