/**
 * Column-oriented extracts of the impression logs for drift analysis: the reference window (by
 * default weeks 0–3, before any default drift starts, and distributed like model v1's training
 * history) against the current window (the latest weeks). Each column says whether it is numeric
 * or categorical, so a drift report can pick KS / Wasserstein or chi-square / Jensen–Shannon.
 *
 * Names follow the labelled `Impression` fields. Under the default covariate shift `userAgeBand`,
 * `device` and `region` drift; `hour`, `day`, `tenureDays` and `position` never do;
 * `itemCategory` and `predictedCtr` move as a consequence (different users get different items);
 * `clicked` (the target) moves with both drifts.
 */
import type { CtrScenarioConfig } from './config';
import type { WeekWindow } from './ctrModel';
import type { ImpressionWeek } from './impressions';
import { logsInWindow, type CtrScenarioState } from './scenario';
import { AGE_BANDS, DAYS, DEVICES, ITEM_CATEGORIES, REGIONS } from './vocabulary';

/** 'feature': a model input or user attribute; 'prediction': the model's output; 'target': the outcome. */
export type ColumnRole = 'feature' | 'prediction' | 'target';

export type FeatureColumn =
  | { name: string; role: ColumnRole; kind: 'numeric'; values: Float64Array }
  | { name: string; role: ColumnRole; kind: 'categorical'; values: string[]; categories: readonly string[] };

const CLICK_LABELS = ['0', '1'] as const;

function numeric(logs: readonly ImpressionWeek[], name: string, role: ColumnRole, field: (log: ImpressionWeek) => ArrayLike<number>): FeatureColumn {
  const values = new Float64Array(logs.reduce((s, log) => s + log.count, 0));
  let at = 0;
  for (const log of logs) {
    values.set(field(log) as ArrayLike<number>, at);
    at += log.count;
  }
  return { name, role, kind: 'numeric', values };
}

function categorical(
  logs: readonly ImpressionWeek[],
  name: string,
  role: ColumnRole,
  categories: readonly string[],
  field: (log: ImpressionWeek) => ArrayLike<number>,
): FeatureColumn {
  const values: string[] = [];
  for (const log of logs) {
    const codes = field(log);
    for (let i = 0; i < log.count; i++) values.push(categories[codes[i]]);
  }
  return { name, role, kind: 'categorical', values, categories };
}

/** Every column of the impressions logged in `window`. */
export function windowColumns(state: CtrScenarioState, window: WeekWindow): FeatureColumn[] {
  const logs = logsInWindow(state, window);
  return [
    categorical(logs, 'userAgeBand', 'feature', AGE_BANDS, (l) => l.ageBand),
    categorical(logs, 'device', 'feature', DEVICES, (l) => l.device),
    categorical(logs, 'region', 'feature', REGIONS, (l) => l.region),
    numeric(logs, 'tenureDays', 'feature', (l) => l.tenureDays),
    numeric(logs, 'hour', 'feature', (l) => l.hour),
    categorical(logs, 'day', 'feature', DAYS, (l) => l.day),
    numeric(logs, 'position', 'feature', (l) => l.position),
    categorical(logs, 'itemCategory', 'feature', ITEM_CATEGORIES, (l) => l.category),
    numeric(logs, 'predictedCtr', 'prediction', (l) => l.predictedCtr),
    categorical(logs, 'clicked', 'target', CLICK_LABELS, (l) => l.clicked),
  ];
}

/** The reference window: weeks 0–3 unless given. */
export function referenceWindow(state: CtrScenarioState, window: WeekWindow = { fromWeek: 0, toWeek: 3 }): FeatureColumn[] {
  return windowColumns(state, window);
}

/** The last `weeks` simulated weeks. */
export function currentWindow(state: CtrScenarioState, weeks = 3): FeatureColumn[] {
  if (state.week === 0) throw new Error('No week has been simulated yet.');
  return windowColumns(state, { fromWeek: Math.max(0, state.week - weeks), toWeek: state.week - 1 });
}

/** The column names the configured covariate shift moves (ground truth for the facilitator). */
export function shiftedColumns(config: CtrScenarioConfig): string[] {
  const { covariate } = config.drifts;
  if (!covariate.enabled || covariate.strength === 0) return [];
  return covariate.columns.map((c) => (c === 'ageBand' ? 'userAgeBand' : c));
}
