/**
 * The regression drill's seeded situation, as data: what the project is, which tickets each
 * dataset version holds, and what traffic each version served. Every start builds the same
 * situation from these seeds (db/practice/drillRegressionSeed.ts, state/practice/drillRegressionTemplate.ts).
 *
 * The story: v1 was trained on the help desk's history and served well. Then an upstream change
 * started dropping the subject and cutting bodies at `BUG_BODY_CHARS` characters (the loop's
 * "upstream pipeline bug", core/scenarios/scenarioTraffic.ts) — both in the export the scheduled
 * retrain reads and in the requests forwarded to the endpoint. v2, retrained on the newest export
 * only, went live at once. The sizes are chosen so the drop is plain: in the app (this template,
 * default training settings), v1 is right on 95 % of the intact tickets whose outcome came back,
 * 79 % of its answers confident enough to route automatically; v2 on 83 % of the broken ones, 61 %
 * automatic. Rolled back, v1 does better on the broken tickets too (about 90 %, measured with the
 * same training in node), and the request contract then refuses them.
 */
import { SAMPLE_PROJECT } from '../scenarios/sampleProject';

export const DRILL_REGRESSION = {
  name: 'Drill — the router that got worse',
  description:
    'Routes incoming support tickets to the Billing, Technical Issue or General Inquiry queue. Version 2 of the router went live today, after the scheduled retrain on the newest help desk export; since then fewer tickets are routed right.',
  /** Generated tickets: their traffic can be generated too (the Deploy page's scenarios). */
  scenario: SAMPLE_PROJECT.scenario,
  rowWord: SAMPLE_PROJECT.rowWord,
  /** The history v1 was trained on. */
  history: { seed: 'drill-regression-history', count: 1200, start: '2026-01-05T00:00:00Z', days: 90 },
  /** The newest export, after the upstream bug: the only data v2 was trained on. */
  export: { seed: 'drill-regression-export', count: 400, start: '2026-04-05T00:00:00Z', days: 28 },
  splitSeed: 'drill-regression-split',
  trainingSeed: 'drill-regression-training',
  modelName: 'Ticket router',
  /** Requests each version served, their seeds, and the share whose true label came back. */
  before: { scenario: 'steady', count: 200, seed: 'drill-regression-before' },
  after: { scenario: 'pipeline-bug', count: 200, seed: 'drill-regression-after' },
  feedbackShare: 0.8,
} as const;

/** The ids of the newest export's tickets continue the history's (`T-001201`, …). */
export function exportTicketId(index: number): string {
  return `T-${String(DRILL_REGRESSION.history.count + index + 1).padStart(6, '0')}`;
}
