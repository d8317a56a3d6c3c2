/**
 * The business figures (businessMetrics.ts) as Prometheus families, for both exports:
 * - the endpoint's `GET /metrics` (serving/prometheus.ts): counters since monitoring began —
 *   automatic decisions, the wrong ones outcomes caught, the right ones they confirmed — and
 *   gauges of the threshold and of the last 24 hours' net value per day. The counters are
 *   recounted from the minute buckets at each scrape at the project's CURRENT threshold: raising
 *   the threshold lowers them, which Prometheus reads as a counter reset (rate() stays right
 *   from then on); lowering it raises them in one step.
 * - the monitoring export of a window (interop/prometheusAggregates.ts): every figure as a gauge
 *   "in this window", like the rest of that file.
 * Every value is in the unit the project named (a `unit` label says which); money per day only
 * when the project gives money per unit (a `currency` label).
 */
import type { Labels, MetricFamily, Sample } from '../serving/prometheus';
import type { BusinessFigures } from './businessMetrics';

/** One project's figures for `/metrics`: since monitoring began, and over the last 24 hours. */
export interface EndpointBusiness {
  projectId: string;
  allTime: BusinessFigures;
  lastDay: BusinessFigures;
}

const ENDPOINT_PREFIX = 'lifecycle_lab_business';

/** The `/metrics` families of the projects' business figures (see the file comment). */
export function endpointBusinessFamilies(projects: readonly EndpointBusiness[]): MetricFamily[] {
  const per = (pick: (p: EndpointBusiness) => number | null, extra: (p: EndpointBusiness) => Labels = () => ({})): Sample[] =>
    projects.flatMap((p) => {
      const value = pick(p);
      return value === null ? [] : [{ labels: { project_id: p.projectId, ...extra(p) }, value }];
    });
  const counter = (name: string, help: string, samples: Sample[]): MetricFamily => ({ type: 'counter', name: `${ENDPOINT_PREFIX}_${name}`, help, samples });
  const gauge = (name: string, help: string, samples: Sample[]): MetricFamily => ({ type: 'gauge', name: `${ENDPOINT_PREFIX}_${name}`, help, samples });
  return [
    counter('automatic_decisions_total', 'Served answers with confidence at or above the project\'s automatic-decision threshold (recounted at the current threshold).', per((p) => p.allTime.automatic)),
    counter('automatic_wrong_total', 'Automatic decisions whose outcome (feedback or a label given in the app) showed them wrong.', per((p) => p.allTime.caughtWrong)),
    counter('automatic_right_total', 'Automatic decisions whose outcome confirmed them.', per((p) => p.allTime.confirmedRight)),
    gauge('automatic_threshold', 'Confidence at or above which an answer is an automatic decision (0 to 1).', per((p) => p.allTime.threshold)),
    gauge('net_value_per_day', 'Estimated net value of the automatic decisions of the last 24 hours, in the project\'s unit per day (outcomes not yet known counted at their expected accuracy).',
      per((p) => p.lastDay.valuePerDay, (p) => ({ unit: p.lastDay.unit }))),
    gauge('net_money_per_day', 'The same net value per day in money, for projects that give money per unit.',
      per((p) => p.lastDay.money?.valuePerDay ?? null, (p) => ({ currency: p.lastDay.money?.currency ?? '' }))),
  ];
}

/** The window families' names after `<prefix>_business_` (the dashboard reads them too). */
export const WINDOW_BUSINESS_SUFFIX = {
  threshold: 'automatic_threshold',
  automatic: 'automatic_decisions',
  share: 'automatic_share',
  wrong: 'automatic_wrong',
  right: 'automatic_right',
  pending: 'automatic_pending',
  value: 'value',
  valuePerDay: 'value_per_day',
  moneyPerDay: 'money_per_day',
} as const;

/** The window's business figures as gauges named `<prefix>_business_…` (see the file comment). */
export function windowBusinessFamilies(prefix: string, f: BusinessFigures, labels: Labels): MetricFamily[] {
  const gauge = (suffix: keyof typeof WINDOW_BUSINESS_SUFFIX, help: string, value: number | null, extra: Labels = {}): MetricFamily => ({
    type: 'gauge',
    name: `${prefix}_business_${WINDOW_BUSINESS_SUFFIX[suffix]}`,
    help,
    samples: value === null ? [] : [{ labels: { ...labels, ...extra }, value }],
  });
  const unit = { unit: f.unit };
  return [
    gauge('threshold', 'Confidence at or above which an answer counted as an automatic decision (0 to 1).', f.threshold),
    gauge('automatic', 'Served answers in the window decided automatically (confidence at or above the threshold).', f.automatic),
    gauge('share', 'Automatic decisions / served answers in the window (only where there were answers).', f.automaticShare),
    gauge('wrong', 'Automatic decisions in the window whose outcome showed them wrong.', f.caughtWrong),
    gauge('right', 'Automatic decisions in the window whose outcome confirmed them.', f.confirmedRight),
    gauge('pending', 'Automatic decisions in the window without an outcome yet.', f.pending),
    gauge('value', 'Estimated value of the window\'s automatic decisions, in the project\'s unit (unknown outcomes at their expected accuracy).', f.value, unit),
    gauge('valuePerDay', 'That value scaled to 24 hours by the window\'s length, in the project\'s unit per day.', f.valuePerDay, unit),
    gauge('moneyPerDay', 'The value per day in money, for projects that give money per unit.', f.money?.valuePerDay ?? null, { currency: f.money?.currency ?? '' }),
  ];
}
