/**
 * Objectives and key results: what the project is for, in outcomes a PM can check. A key result
 * is measured by what the app already measures — success criteria (criteria.ts, by id) and the
 * business targets (monitor/businessValue.ts) — so its progress is read from the same figures
 * the Model and Monitor stages judge, never typed in by hand.
 */
import { BUSINESS_METRICS, type BusinessMetricId } from '../monitor/businessAlerts';
import type { BusinessTargets } from '../monitor/businessValue';
import { pointer, preview, type DocumentProblem } from '../documents/problems';

export interface KeyResult {
  id: string;
  /** The result in words ("Agents triage half of the queue automatically"). */
  text: string;
  /** Success criteria (by id) whose targets measure this result. */
  criterionIds: string[];
  /** Business targets that measure it. */
  businessMetrics: BusinessMetricId[];
}

export interface Objective {
  id: string;
  text: string;
  keyResults: KeyResult[];
}

export const OBJECTIVE_TEXT_MAX = 300;
export const MAX_OBJECTIVES = 20;
export const MAX_KEY_RESULTS = 10;

export const BUSINESS_METRIC_TITLE: Record<BusinessMetricId, string> = {
  automatic_share: 'Share of answers decided automatically',
  net_value_per_day: 'Estimated net value per day',
};

const isId = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 100;

function textProblem(v: unknown): string | null {
  if (typeof v !== 'string' || v.trim() === '') return 'must be a non-empty text.';
  if (v.length > OBJECTIVE_TEXT_MAX) return `is ${v.length} characters long; at most ${OBJECTIVE_TEXT_MAX}.`;
  return null;
}

/**
 * Why `objectives` cannot be stored, as pointers under `base`; [] when it can. Ids are unique
 * across objectives and key results; every attached criterion must be one of `criterionIds`.
 */
export function objectivesProblems(objectives: unknown, criterionIds: ReadonlySet<string>, base = ''): DocumentProblem[] {
  const problems: DocumentProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  if (!Array.isArray(objectives)) return [{ path: base, message: 'must be a list of objectives.' }];
  if (objectives.length > MAX_OBJECTIVES) fail(base, `holds ${objectives.length} objectives; at most ${MAX_OBJECTIVES}.`);
  const ids = new Set<string>();
  const claim = (id: unknown, at: string) => {
    if (!isId(id)) fail(pointer(at, 'id'), 'must be a non-empty id of at most 100 characters.');
    else if (ids.has(id)) fail(pointer(at, 'id'), `repeats the id ${preview(id)}.`);
    else ids.add(id);
  };
  objectives.forEach((o: Partial<Objective>, i) => {
    const at = pointer(base, i);
    claim(o?.id, at);
    const text = textProblem(o?.text);
    if (text) fail(pointer(at, 'text'), text);
    if (!Array.isArray(o?.keyResults)) return fail(pointer(at, 'keyResults'), 'must be a list.');
    if (o.keyResults.length > MAX_KEY_RESULTS) fail(pointer(at, 'keyResults'), `holds ${o.keyResults.length} key results; at most ${MAX_KEY_RESULTS}.`);
    o.keyResults.forEach((k: Partial<KeyResult>, j) => {
      const kat = pointer(at, 'keyResults', j);
      claim(k?.id, kat);
      const ktext = textProblem(k?.text);
      if (ktext) fail(pointer(kat, 'text'), ktext);
      if (!Array.isArray(k?.criterionIds)) fail(pointer(kat, 'criterionIds'), 'must be a list.');
      else k.criterionIds.forEach((c, n) => {
        if (!criterionIds.has(c)) fail(pointer(kat, 'criterionIds', n), `names no success criterion of this project (${preview(c)}).`);
      });
      if (!Array.isArray(k?.businessMetrics)) fail(pointer(kat, 'businessMetrics'), 'must be a list.');
      else k.businessMetrics.forEach((m, n) => {
        if (!(BUSINESS_METRICS as readonly unknown[]).includes(m)) fail(pointer(kat, 'businessMetrics', n), `must be one of ${BUSINESS_METRICS.join(', ')}; got ${preview(m)}.`);
      });
    });
  });
  return problems;
}

/** Every key result's id, across objectives. */
export function keyResultIds(objectives: readonly Objective[]): Set<string> {
  return new Set(objectives.flatMap((o) => o.keyResults.map((k) => k.id)));
}

/** The objectives without links to criteria that no longer exist (a criterion was removed). */
export function withoutMissingCriteria(objectives: readonly Objective[], criterionIds: ReadonlySet<string>): Objective[] {
  return objectives.map((o) => ({ ...o, keyResults: o.keyResults.map((k) => ({ ...k, criterionIds: k.criterionIds.filter((c) => criterionIds.has(c)) })) }));
}

/** A deep copy (records and documents never share lists). */
export function copyObjectives(objectives: readonly Objective[]): Objective[] {
  return objectives.map((o) => ({ id: o.id, text: o.text, keyResults: o.keyResults.map((k) => ({ id: k.id, text: k.text, criterionIds: [...k.criterionIds], businessMetrics: [...k.businessMetrics] })) }));
}

/** A success criterion as judged against the measured figures (the PM summary's criteria rows). */
export interface JudgedCriterion {
  id: string;
  text: string;
  status: 'pass' | 'fail' | 'unmeasured';
  measured: number | null;
  /** The metric's unit (criterionMetrics.ts). */
  unit: 'ratio' | 'ms';
}

/** The business targets and what the traffic measured against them; `measured` null without traffic. */
export interface BusinessMeasured {
  targets: BusinessTargets;
  unit: string;
  measured: { automaticShare: number | null; valuePerDay: number | null } | null;
}

export interface MeasureProgress {
  kind: 'criterion' | 'business';
  id: string;
  text: string;
  /** `no-target`: a business metric without a target set; `missing`: a criterion id no longer set. */
  status: 'met' | 'missed' | 'unmeasured' | 'no-target' | 'missing';
  measured: number | null;
  /** The business target (the criterion's threshold is in its text); null otherwise. */
  target: number | null;
  /** How `measured` reads: a ratio, milliseconds, or an amount in the business unit per day. */
  unit: 'ratio' | 'ms' | 'amount';
  /** For an amount: what value is counted in ("minutes"). */
  amountUnit?: string;
}

export type KeyResultStatus = 'met' | 'partly-met' | 'not-met' | 'unmeasured' | 'no-measures';

export interface KeyResultProgress {
  id: string;
  text: string;
  measures: MeasureProgress[];
  /** Measures met, out of `counted` (the measures with a target). */
  met: number;
  counted: number;
  /** met / counted; null when nothing is counted. */
  fraction: number | null;
  status: KeyResultStatus;
}

export interface ObjectiveProgress {
  id: string;
  text: string;
  keyResults: KeyResultProgress[];
}

function businessMeasure(metric: BusinessMetricId, business: BusinessMeasured): MeasureProgress {
  const target = metric === 'automatic_share' ? business.targets.automaticShare : business.targets.netValuePerDay;
  const measured = business.measured ? (metric === 'automatic_share' ? business.measured.automaticShare : business.measured.valuePerDay) : null;
  const text = BUSINESS_METRIC_TITLE[metric] + (target === null ? '' : metric === 'automatic_share' ? ` ≥ ${Math.round(target * 1000) / 10} %` : ` ≥ ${target} ${business.unit}`);
  // Both business targets are floors (businessAlerts.ts).
  const status = target === null ? 'no-target' : measured === null ? 'unmeasured' : measured >= target ? 'met' : 'missed';
  return { kind: 'business', id: metric, text, status, measured, target, ...(metric === 'automatic_share' ? { unit: 'ratio' } : { unit: 'amount', amountUnit: business.unit }) };
}

/**
 * How far each key result is: each attached measure met, missed or not measured yet, and the
 * key result met when all its measures with a target are met, partly met when some are,
 * unmeasured when none was judged yet.
 */
export function objectivesProgress(objectives: readonly Objective[], criteria: readonly JudgedCriterion[], business: BusinessMeasured): ObjectiveProgress[] {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const criterionMeasure = (id: string): MeasureProgress => {
    const c = byId.get(id);
    if (!c) return { kind: 'criterion', id, text: 'A success criterion that is no longer set', status: 'missing', measured: null, target: null, unit: 'ratio' };
    const status = c.status === 'pass' ? 'met' : c.status === 'fail' ? 'missed' : 'unmeasured';
    return { kind: 'criterion', id, text: c.text, status, measured: c.measured, target: null, unit: c.unit };
  };
  return objectives.map((o) => ({
    id: o.id,
    text: o.text,
    keyResults: o.keyResults.map((k) => {
      const measures = [...k.criterionIds.map(criterionMeasure), ...k.businessMetrics.map((m) => businessMeasure(m, business))];
      // A business metric without a target cannot be met: it is shown, not counted.
      const counted = measures.filter((m) => m.status !== 'no-target').length;
      const met = measures.filter((m) => m.status === 'met').length;
      const judged = measures.filter((m) => m.status === 'met' || m.status === 'missed').length;
      const status: KeyResultStatus = !measures.length ? 'no-measures' : judged === 0 ? 'unmeasured' : met === counted ? 'met' : met > 0 ? 'partly-met' : 'not-met';
      return { id: k.id, text: k.text, measures, met, counted, fraction: counted ? met / counted : null, status };
    }),
  }));
}

export const KEY_RESULT_STATUS_TEXT: Record<KeyResultStatus, string> = {
  met: 'met',
  'partly-met': 'partly met',
  'not-met': 'not met',
  unmeasured: 'not measured yet',
  'no-measures': 'nothing measures it',
};
