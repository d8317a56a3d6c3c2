/**
 * "Is it real?" — before acting on a quality drop, check that it is not an artefact of the
 * monitoring itself (the first step of the regression drill):
 * - **volume**: predict requests per hour in the window against the window before; a collapse or
 *   a surge means the traffic (or its logging) changed, not only the model;
 * - **logging gaps**: minutes with answered predict requests but no logged prediction, and
 *   minutes with a health probe the endpoint has no log of — the log lost entries, so the
 *   figures are computed from part of the traffic;
 * - **outcome delay**: the median time from a prediction to its outcome, and the share of
 *   predictions still without one — accuracy read before the outcomes arrive is read from a few,
 *   and often the easy, cases.
 * Pure: the caller reads the logs (db/artefactFacts.ts) and passes them with the window.
 */
import { quantile } from '../data/explore';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Volume per hour this far from the previous window's (either way) asks for a look: ×2 or ÷2. */
export const VOLUME_CHANGE_FACTOR = 2;
/** More than this share of predictions without an outcome makes a measured accuracy provisional. */
export const PENDING_OUTCOME_SHARE = 0.5;

export interface ArtefactInput {
  /** The window [from, to) in ms since the epoch; the previous window is the same length before it. */
  from: number;
  to: number;
  /** Request logs of the window and of the previous one. */
  requests: readonly { at: string; route: string; status: number }[];
  /** Served predictions of the window (shadow scores left out by the caller or here). */
  predictions: readonly { at: string; route?: string; outcome?: string; outcomeAt?: string }[];
  /** The health probes of the window. */
  probes: readonly { at: string; ok: boolean }[];
}

export type CheckStatus = 'ok' | 'look';

export interface ArtefactCheck {
  id: 'volume' | 'logging' | 'outcomes';
  title: string;
  status: CheckStatus;
  /** One sentence with the figures. */
  finding: string;
}

export interface ArtefactReport {
  volume: { perHour: number; previousPerHour: number };
  logging: { minutesWithoutLogs: number; probesWithoutLogs: number; firstGapAt: string | null };
  outcomes: { predictions: number; withOutcome: number; pendingShare: number | null; medianDelayMs: number | null };
  checks: ArtefactCheck[];
}

const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / MINUTE_MS);
const inWindow = (iso: string, from: number, to: number) => {
  const t = Date.parse(iso);
  return t >= from && t < to;
};

/** "3 s", "4.5 min", "2.1 h", "1.5 days". */
export function formatDelay(ms: number): string {
  if (ms < MINUTE_MS) return `${Math.round(ms / 1000)} s`;
  if (ms < HOUR_MS) return `${(ms / MINUTE_MS).toFixed(1)} min`;
  if (ms < 48 * HOUR_MS) return `${(ms / HOUR_MS).toFixed(1)} h`;
  return `${(ms / (24 * HOUR_MS)).toFixed(1)} days`;
}

export function checkArtefacts(input: ArtefactInput): ArtefactReport {
  const { from, to } = input;
  const hours = (to - from) / HOUR_MS;
  const predict = input.requests.filter((r) => r.route === '/api/v1/predict');
  const current = predict.filter((r) => inWindow(r.at, from, to));
  const previous = predict.filter((r) => inWindow(r.at, from - (to - from), from));
  const volume = { perHour: current.length / hours, previousPerHour: previous.length / hours };

  // Minutes with an answered predict request but no logged prediction; probes with no health request logged in their minute.
  const loggedMinutes = new Set(input.predictions.map((p) => minuteOf(p.at)));
  const answeredMinutes = [...new Set(current.filter((r) => r.status === 200).map((r) => minuteOf(r.at)))].sort((a, b) => a - b);
  const gaps = answeredMinutes.filter((m) => !loggedMinutes.has(m));
  const healthMinutes = new Set(input.requests.filter((r) => r.route === '/api/v1/health' && inWindow(r.at, from, to)).map((r) => minuteOf(r.at)));
  const probesWithoutLogs = input.probes.filter((p) => p.ok && inWindow(p.at, from, to) && !healthMinutes.has(minuteOf(p.at))).length;
  const logging = { minutesWithoutLogs: gaps.length, probesWithoutLogs, firstGapAt: gaps.length ? new Date(gaps[0] * MINUTE_MS).toISOString() : null };

  const served = input.predictions.filter((p) => p.route !== 'shadow' && inWindow(p.at, from, to));
  const graded = served.filter((p) => p.outcome !== undefined);
  const delays = Float64Array.from(graded.filter((p) => p.outcomeAt), (p) => Math.max(0, Date.parse(p.outcomeAt!) - Date.parse(p.at))).sort();
  const outcomes = {
    predictions: served.length,
    withOutcome: graded.length,
    pendingShare: served.length ? (served.length - graded.length) / served.length : null,
    medianDelayMs: delays.length ? quantile(delays, 0.5) : null,
  };

  const ratio = volume.previousPerHour > 0 ? volume.perHour / volume.previousPerHour : null;
  // Without traffic in the window before there is nothing to compare with: not a finding either way.
  const volumeLook = ratio !== null && (ratio >= VOLUME_CHANGE_FACTOR || ratio <= 1 / VOLUME_CHANGE_FACTOR);
  const perHour = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
  const checks: ArtefactCheck[] = [
    {
      id: 'volume',
      title: 'Request volume',
      status: volumeLook ? 'look' : 'ok',
      finding: `${perHour(volume.perHour)} predict requests per hour, against ${perHour(volume.previousPerHour)} in the window before` +
        (ratio === null ? ' (no traffic then: nothing to compare with).' : ` (×${ratio.toFixed(2)}).`),
    },
    {
      id: 'logging',
      title: 'Logging gaps',
      status: gaps.length || probesWithoutLogs ? 'look' : 'ok',
      finding: gaps.length || probesWithoutLogs
        ? `${gaps.length} minute${gaps.length === 1 ? '' : 's'} with answered requests but no logged prediction${logging.firstGapAt ? ` (first ${logging.firstGapAt.slice(0, 16).replace('T', ' ')} UTC)` : ''}, and ${probesWithoutLogs} healthy probe${probesWithoutLogs === 1 ? '' : 's'} with no log: the figures miss part of the traffic.`
        : 'Every minute with answered requests has logged predictions, and every healthy probe is in the log.',
    },
    {
      id: 'outcomes',
      title: 'Outcome delay',
      status: outcomes.pendingShare !== null && outcomes.pendingShare > PENDING_OUTCOME_SHARE ? 'look' : 'ok',
      finding: outcomes.predictions === 0
        ? 'No predictions in this window.'
        : `${graded.length.toLocaleString('en-US')} of ${served.length.toLocaleString('en-US')} predictions have an outcome (${((1 - outcomes.pendingShare!) * 100).toFixed(0)} %)` +
          (outcomes.medianDelayMs !== null ? `; outcomes arrive a median ${formatDelay(outcomes.medianDelayMs)} after the prediction.` : '.') +
          (outcomes.pendingShare! > PENDING_OUTCOME_SHARE ? ' Accuracy here is read from the few that arrived.' : ''),
    },
  ];
  return { volume, logging, outcomes, checks };
}
