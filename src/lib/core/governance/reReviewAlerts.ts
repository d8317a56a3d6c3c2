/**
 * The Monitor stage's alert about approvals that need looking at again, from the governance
 * overview: an approval whose re-review is overdue (it still serves until it lapses, but the
 * version may not be promoted, deployed or start a canary: mayProceed.ts), one that has lapsed
 * (it may not serve), and — as a softer notice — one due within {@link RE_REVIEW_SOON_DAYS} days.
 * Most urgent first: lapsed, then overdue, then soon; by date within each.
 */
import type { GovernanceOverview } from './overview';
import { counted } from '../words';
import { reviewDue } from './reviewDue';

/** An approval whose re-review falls due within this many days is mentioned ahead of time. */
export const RE_REVIEW_SOON_DAYS = 14;

const day = (iso: string) => iso.slice(0, 10);

export interface ReReviewAlert {
  level: 'lapsed' | 'overdue' | 'soon';
  gateName: string;
  /** The version's label ("Ticket router v1"). */
  label: string;
  dueAt: string;
  lapsesAt: string;
  /** One sentence: what is due, since or by when, and what it means now. */
  text: string;
}

const ORDER = { lapsed: 0, overdue: 1, soon: 2 } as const;

export function reReviewAlerts(overview: GovernanceOverview, now: number): ReReviewAlert[] {
  const alerts: ReReviewAlert[] = [];
  for (const { gate, objects } of overview.gates) {
    for (const { object, state } of objects) {
      if (!state.dueAt || !state.lapsesAt) continue;
      const { dueAt, lapsesAt } = state;
      const what = `${gate.name} of ${object.label}`;
      if (state.status === 'lapsed') {
        alerts.push({ level: 'lapsed', gateName: gate.name, label: object.label, dueAt, lapsesAt, text: `${what}: the approval lapsed on ${day(lapsesAt)} — it may not serve or be promoted until re-approved.` });
      } else if (state.status === 'due') {
        alerts.push({ level: 'overdue', gateName: gate.name, label: object.label, dueAt, lapsesAt, text: `${what}: re-review overdue since ${day(dueAt)} — it may not be promoted or deployed, and stops serving on ${day(lapsesAt)} unless re-approved.` });
      } else if (state.status === 'approved') {
        const { days } = reviewDue(dueAt, lapsesAt, now);
        if (days !== null && days <= RE_REVIEW_SOON_DAYS) alerts.push({ level: 'soon', gateName: gate.name, label: object.label, dueAt, lapsesAt, text: `${what}: re-review due on ${day(dueAt)} (in ${counted(days, 'day')}).` });
      }
    }
  }
  return alerts.sort((a, b) => ORDER[a.level] - ORDER[b.level] || Date.parse(a.dueAt) - Date.parse(b.dueAt));
}
