/**
 * Requests, answers and accuracy per segment route (core/serving/segmentRouting.ts), from the
 * endpoint's logs: what the Monitor page shows for a deployment that routes by segment. Logs
 * without a route (written before routing, or by a deployment without it) are left out; shadow
 * scores answer nobody, so they are not answers.
 */
export interface RouteStats {
  /** `field=value` or `default`. */
  route: string;
  /** Predict requests answered on this route (any status). */
  requests: number;
  /** Predictions returned on this route (one per text). */
  answers: number;
  /** Answers whose true outcome is known. */
  withOutcome: number;
  correct: number;
  /** correct / withOutcome; null while no outcome is known. */
  accuracy: number | null;
  /** The versions that answered on this route (ids, in first-seen order). */
  versionIds: string[];
}

export function segmentRouteStats(
  requests: readonly { segmentRoute?: string }[],
  answers: readonly { segmentRoute?: string; route?: string; modelVersionId: string; label: string; outcome?: string }[],
): RouteStats[] {
  const byRoute = new Map<string, RouteStats>();
  const of = (route: string) => {
    let s = byRoute.get(route);
    if (!s) byRoute.set(route, (s = { route, requests: 0, answers: 0, withOutcome: 0, correct: 0, accuracy: null, versionIds: [] }));
    return s;
  };
  for (const r of requests) if (r.segmentRoute !== undefined) of(r.segmentRoute).requests++;
  for (const a of answers) {
    if (a.segmentRoute === undefined || a.route === 'shadow') continue;
    const s = of(a.segmentRoute);
    s.answers++;
    if (!s.versionIds.includes(a.modelVersionId)) s.versionIds.push(a.modelVersionId);
    if (a.outcome !== undefined) {
      s.withOutcome++;
      if (a.outcome === a.label) s.correct++;
    }
  }
  const stats = [...byRoute.values()].map((s) => ({ ...s, accuracy: s.withOutcome ? s.correct / s.withOutcome : null }));
  // Named routes in order, the default last: it is what no route took.
  return stats.sort((a, b) => (a.route === 'default' ? 1 : b.route === 'default' ? -1 : a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
}
