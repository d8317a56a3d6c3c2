/**
 * What the model's automatic decisions are worth to the project: the ML Canvas' impact
 * simulation turned into numbers the Monitor page can count with. An answer is an automatic
 * decision when its confidence reaches the threshold (below it, a person decides); a right one
 * earns `valueRight` units, a wrong one costs `costWrong` units, in a unit the person names
 * ("minutes" of an agent's time, "euros", "calls"). Money per unit is optional. One place says
 * what the defaults are (`businessOf`) and what a valid setting is (`businessProblem`).
 */

export interface BusinessTargets {
  /** Share of answers decided automatically, in [0, 1]; null = no target. */
  automaticShare: number | null;
  /** Estimated net value per day, in the unit (may be negative); null = no target. */
  netValuePerDay: number | null;
}

export interface BusinessSettings {
  /** What value is counted in, plural ("minutes"). */
  unit: string;
  /** Units one right automatic decision earns (≥ 0). */
  valueRight: number;
  /** Units one wrong automatic decision costs (≥ 0). */
  costWrong: number;
  /** Money one unit is worth (≥ 0); null = value is not shown as money. */
  moneyPerUnit: number | null;
  /** ISO 4217 code of that money ("EUR"); '' when `moneyPerUnit` is null. */
  currency: string;
  /** Answers with confidence ≥ this are decided automatically: in (0, 1), in hundredths (see THRESHOLD_STEP). */
  threshold: number;
  targets: BusinessTargets;
}

/**
 * Thresholds are whole hundredths: the minute buckets tally answers per confidence hundredth
 * (buckets.ts `confidenceTallies`), so any threshold 0.01 … 0.99 reads off them exactly.
 */
export const THRESHOLD_STEP = 0.01;
export const UNIT_MAX = 40;

export const DEFAULT_BUSINESS: Readonly<BusinessSettings> = Object.freeze({
  unit: 'minutes',
  valueRight: 0,
  costWrong: 0,
  moneyPerUnit: null,
  currency: '',
  threshold: 0.8,
  targets: Object.freeze({ automaticShare: null, netValuePerDay: null }) as BusinessTargets,
});

/** The project's settings; absent means the defaults (no worth set yet, threshold 0.8). */
export function businessOf(project: { business?: Partial<BusinessSettings> } | undefined): BusinessSettings {
  const stored = project?.business;
  return { ...DEFAULT_BUSINESS, ...stored, targets: { ...DEFAULT_BUSINESS.targets, ...stored?.targets } };
}

/** Whether the person has said what a decision is worth (else the figures show counts only). */
export function hasBusinessValue(settings: BusinessSettings): boolean {
  return settings.valueRight > 0 || settings.costWrong > 0;
}

const finiteAtLeastZero = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The threshold as a whole number of hundredths, or null when it is not one in 1 … 99. */
export function thresholdHundredths(threshold: number): number | null {
  const k = Math.round(threshold * 100);
  return k >= 1 && k <= 99 && Math.abs(threshold * 100 - k) < 1e-9 ? k : null;
}

/** Why `s` cannot be saved, or null. */
export function businessProblem(s: BusinessSettings): string | null {
  const unit = typeof s.unit === 'string' ? s.unit.trim() : '';
  if (!unit) return 'Name the unit value is counted in (for example “minutes”).';
  if (unit.length > UNIT_MAX) return `The unit is at most ${UNIT_MAX} characters.`;
  if (!finiteAtLeastZero(s.valueRight)) return `What a right decision is worth must be a number ≥ 0 (got ${JSON.stringify(s.valueRight)}).`;
  if (!finiteAtLeastZero(s.costWrong)) return `What a wrong decision costs must be a number ≥ 0 (got ${JSON.stringify(s.costWrong)}).`;
  if (s.moneyPerUnit !== null) {
    if (!finiteAtLeastZero(s.moneyPerUnit)) return `Money per unit must be a number ≥ 0 or left empty (got ${JSON.stringify(s.moneyPerUnit)}).`;
    if (!/^[A-Z]{3}$/.test(s.currency)) return 'Give the currency as a three-letter code such as EUR or USD.';
  }
  if (typeof s.threshold !== 'number' || !(s.threshold > 0 && s.threshold < 1)) return `The confidence threshold must lie strictly between 0 and 1 (got ${JSON.stringify(s.threshold)}).`;
  if (thresholdHundredths(s.threshold) === null) return `The confidence threshold is counted in hundredths (0.01 … 0.99); got ${s.threshold}.`;
  const share = s.targets.automaticShare;
  if (share !== null && !(typeof share === 'number' && share >= 0 && share <= 1)) return `The automatic-share target must be a percentage from 0 to 100.`;
  const perDay = s.targets.netValuePerDay;
  if (perDay !== null && !(typeof perDay === 'number' && Number.isFinite(perDay))) return 'The net-value target must be a number.';
  return null;
}

/**
 * What one automatic decision is worth in what the project counts in: its money (the currency)
 * when a money value per unit is set, else its own unit. The calculators that put a price on a
 * decision (cost trade-off, retrain or retire) read it from here.
 */
export function decisionWorth(s: BusinessSettings): { valueRight: number; costWrong: number; countedIn: string; inMoney: boolean } {
  const perUnit = s.moneyPerUnit ?? 1;
  const inMoney = s.moneyPerUnit !== null;
  return { valueRight: s.valueRight * perUnit, costWrong: s.costWrong * perUnit, countedIn: inMoney ? s.currency : s.unit, inMoney };
}

/** The settings as they are stored: unit trimmed, currency dropped without money. */
export function normalizeBusiness(s: BusinessSettings): BusinessSettings {
  const money = s.moneyPerUnit;
  return { ...s, unit: s.unit.trim(), currency: money === null ? '' : s.currency, targets: { ...s.targets } };
}

/** One sentence for the audit trail. */
export function describeBusiness(s: BusinessSettings): string {
  const money = s.moneyPerUnit === null ? '' : ` (1 unit = ${s.moneyPerUnit} ${s.currency})`;
  const targets = [
    s.targets.automaticShare === null ? null : `automatic share ≥ ${Math.round(s.targets.automaticShare * 1000) / 10} %`,
    s.targets.netValuePerDay === null ? null : `net value ≥ ${s.targets.netValuePerDay} ${s.unit} per day`,
  ].filter(Boolean);
  return (
    `Answers with confidence ≥ ${s.threshold} are decided automatically; a right one earns ${s.valueRight} ${s.unit}, ` +
    `a wrong one costs ${s.costWrong} ${s.unit}${money}; targets: ${targets.length ? targets.join(', ') : 'none'}`
  );
}
