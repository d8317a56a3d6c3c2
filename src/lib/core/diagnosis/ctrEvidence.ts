/**
 * The evidence of a CTR drift diagnosis, computed from the weekly summaries the lab shows:
 * (1) is the drop real or a monitoring artefact, (3) which segments' actual CTR left what the
 * model predicts (concept drift), (4) what each remediation did to the weeks after it.
 * (Step 2, the data-drift table, is the drift engine's report.)
 */
import type { ScenarioAction, WeekSummary, SegmentDimension } from '../scenarios/ctr';

export interface WeekWindow {
  fromWeek: number;
  toWeek: number;
}

export interface WindowStats {
  window: WeekWindow;
  impressions: number;
  clicks: number;
  ctr: number;
  meanPredictedCtr: number;
  /** Impression-weighted means of the weekly figures. */
  latencyP95Ms: number;
  errorRate: number;
}

/** Totals of the summarized weeks inside `window`; null when none are. */
export function windowStats(summaries: readonly WeekSummary[], window: WeekWindow): WindowStats | null {
  const weeks = summaries.filter((s) => s.week >= window.fromWeek && s.week <= window.toWeek);
  if (!weeks.length) return null;
  let impressions = 0;
  let clicks = 0;
  let predicted = 0;
  let latency = 0;
  let errors = 0;
  for (const w of weeks) {
    impressions += w.impressions;
    clicks += w.clicks;
    predicted += w.meanPredictedCtr * w.impressions;
    latency += w.latencyP95Ms * w.impressions;
    errors += w.errorRate * w.impressions;
  }
  return { window, impressions, clicks, ctr: clicks / impressions, meanPredictedCtr: predicted / impressions, latencyP95Ms: latency / impressions, errorRate: errors / impressions };
}

/** Relative change b / a − 1 (0.1 = +10 %). */
const change = (a: number, b: number) => b / a - 1;

export interface DropCheck {
  baseline: WindowStats;
  recent: WindowStats;
  ctrChange: number;
  volumeChange: number;
  latencyChange: number;
  /** Percentage points. */
  errorRateChangePp: number;
  /** Weeks whose volume is under half the median week, and days with no logged impression. */
  gaps: { week: number; day: number | null; impressions: number }[];
  verdict: 'real' | 'artefact' | 'no-drop';
  explanation: string;
}

/** A CTR move smaller than this is noise at these volumes. */
export const DROP_THRESHOLD = 0.05;

/**
 * Step 1: compare the first weeks with the latest ones. The drop counts as real when CTR fell
 * while traffic volume, logging and the technical metrics held; a gap in logging or a volume
 * collapse makes it a suspected artefact to fix before any diagnosis.
 * `daily[w]` is the impressions per weekday of week w (optional).
 */
export function checkDrop(summaries: readonly WeekSummary[], options: { baselineWeeks?: number; recentWeeks?: number; daily?: readonly (readonly number[])[] } = {}): DropCheck | null {
  const nb = options.baselineWeeks ?? 3;
  const nr = options.recentWeeks ?? 3;
  if (summaries.length < nb + nr) return null;
  const last = summaries[summaries.length - 1].week;
  const baseline = windowStats(summaries, { fromWeek: summaries[0].week, toWeek: summaries[0].week + nb - 1 })!;
  const recent = windowStats(summaries, { fromWeek: last - nr + 1, toWeek: last })!;
  const volumes = summaries.map((s) => s.impressions).sort((a, b) => a - b);
  const median = volumes[Math.floor(volumes.length / 2)];
  const gaps: DropCheck['gaps'] = summaries.filter((s) => s.impressions < median / 2).map((s) => ({ week: s.week, day: null, impressions: s.impressions }));
  options.daily?.forEach((days, w) => days.forEach((n, d) => n === 0 && gaps.push({ week: summaries[w]?.week ?? w, day: d, impressions: 0 })));
  const ctrChange = change(baseline.ctr, recent.ctr);
  const volumeChange = change(baseline.impressions / nb, recent.impressions / nr);
  const latencyChange = change(baseline.latencyP95Ms, recent.latencyP95Ms);
  const errorRateChangePp = (recent.errorRate - baseline.errorRate) * 100;
  const pct = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`;
  let verdict: DropCheck['verdict'];
  let explanation: string;
  if (ctrChange > -DROP_THRESHOLD) {
    verdict = 'no-drop';
    explanation = `CTR moved ${pct(ctrChange)} between weeks ${baseline.window.fromWeek}–${baseline.window.toWeek} and ${recent.window.fromWeek}–${recent.window.toWeek}: within noise, nothing to diagnose yet.`;
  } else if (gaps.length || volumeChange < -0.3 || errorRateChangePp > 1) {
    verdict = 'artefact';
    explanation = `CTR fell ${pct(ctrChange)}, but the logs are suspect (${gaps.length} gap${gaps.length === 1 ? '' : 's'}, volume ${pct(volumeChange)}, error rate ${errorRateChangePp >= 0 ? '+' : ''}${errorRateChangePp.toFixed(2)} pp): fix the monitoring before diagnosing the model.`;
  } else {
    verdict = 'real';
    explanation =
      `CTR fell ${pct(ctrChange)} while traffic volume (${pct(volumeChange)}), p95 latency (${pct(latencyChange)}) and error rate (${errorRateChangePp >= 0 ? '+' : ''}${errorRateChangePp.toFixed(2)} pp) held and no logging gap shows: ` +
      'the drop is real, not a monitoring artefact. Look at the data and at the segments next.';
  }
  return { baseline, recent, ctrChange, volumeChange, latencyChange, errorRateChangePp, gaps, verdict, explanation };
}

export interface SegmentFinding {
  key: string;
  impressions: number;
  /** Share of the window's traffic. */
  share: number;
  actualCtr: number;
  predictedCtr: number;
  /** predicted − actual, in CTR points: how much the model over-promises. */
  gap: number;
  /** The segment's actual CTR in the baseline window, and the change since. */
  baselineCtr: number | null;
  ctrChange: number | null;
}

function segmentTotals(summaries: readonly WeekSummary[], dimension: SegmentDimension, window: WeekWindow) {
  const totals = new Map<string, { impressions: number; clicks: number; predicted: number }>();
  for (const s of summaries) {
    if (s.week < window.fromWeek || s.week > window.toWeek) continue;
    for (const seg of s.segments[dimension]) {
      const t = totals.get(seg.key) ?? { impressions: 0, clicks: 0, predicted: 0 };
      t.impressions += seg.impressions;
      t.clicks += seg.clicks;
      if (seg.impressions > 0) t.predicted += seg.meanPredictedCtr * seg.impressions;
      totals.set(seg.key, t);
    }
  }
  return totals;
}

/**
 * Step 3: actual against predicted CTR per segment in `current`, with each segment's CTR change
 * since `baseline`; segments under `minImpressions` are left out (too noisy). Sorted by how much
 * the model over-promises: concept drift shows as a segment whose CTR fell while its predicted
 * CTR did not.
 */
export function segmentFindings(
  summaries: readonly WeekSummary[],
  dimension: SegmentDimension,
  baseline: WeekWindow,
  current: WeekWindow,
  minImpressions = 500,
): SegmentFinding[] {
  const base = segmentTotals(summaries, dimension, baseline);
  const cur = segmentTotals(summaries, dimension, current);
  const total = [...cur.values()].reduce((n, t) => n + t.impressions, 0);
  const out: SegmentFinding[] = [];
  for (const [key, t] of cur) {
    if (t.impressions < minImpressions) continue;
    const b = base.get(key);
    const actualCtr = t.clicks / t.impressions;
    const predictedCtr = t.predicted / t.impressions;
    const baselineCtr = b && b.impressions >= minImpressions ? b.clicks / b.impressions : null;
    out.push({
      key,
      impressions: t.impressions,
      share: t.impressions / total,
      actualCtr,
      predictedCtr,
      gap: predictedCtr - actualCtr,
      baselineCtr,
      ctrChange: baselineCtr === null ? null : change(baselineCtr, actualCtr),
    });
  }
  return out.sort((a, b) => b.gap - a.gap);
}

export interface ActionEffect {
  action: ScenarioAction;
  /** "Retrained on weeks 6–8", "Rolled back", … */
  label: string;
  before: WindowStats | null;
  after: WindowStats | null;
  ctrChange: number | null;
}

export function describeAction(action: ScenarioAction): string {
  if (action.type === 'rollback') return `Rolled back to the previous model before week ${action.atWeek}`;
  const trained = `weeks ${action.window.fromWeek}–${action.window.toWeek}`;
  if (action.reason === 'retrain') return `Retrained on ${trained} before week ${action.atWeek}`;
  if (action.reason === 'changeFeatures') return `Changed the features (${action.features.join(', ')}) and retrained on ${trained} before week ${action.atWeek}`;
  return `Deployed a challenger trained on ${trained} before week ${action.atWeek}`;
}

/** Step 4's effect: CTR over up to `span` weeks before each action against the weeks after it (until the next action). */
export function actionEffects(summaries: readonly WeekSummary[], actions: readonly ScenarioAction[], span = 3): ActionEffect[] {
  return actions.map((action, i) => {
    const next = actions[i + 1]?.atWeek ?? Infinity;
    const before = windowStats(summaries, { fromWeek: action.atWeek - span, toWeek: action.atWeek - 1 });
    const after = windowStats(summaries, { fromWeek: action.atWeek, toWeek: Math.min(action.atWeek + span - 1, next - 1) });
    return { action, label: describeAction(action), before, after, ctrChange: before && after ? change(before.ctr, after.ctr) : null };
  });
}
