/**
 * Retrain, keep or retire: the served model's next months weighed in money. Three options over
 * the same horizon, each worth `value per correct prediction × predictions × mean accuracy`:
 * - keep: accuracy starts where it is now and keeps decaying;
 * - retrain: pay once (training time × compute price + labelling), start again at the fresh
 *   accuracy, decay the same way;
 * - retire: answer with the non-ML fallback (no decay assumed, no upkeep) instead.
 * The model's options also pay its monthly upkeep. The best value wins; on a tie the smaller
 * change wins (keep, then retrain, then retire). Each break-even is the value of one input at
 * which the winner changes, found where two options are worth the same.
 *
 * "Value per correct prediction" is what one more right answer is worth: a right decision's
 * value plus the cost of the wrong one it avoids. Money is in one currency throughout.
 */
import { counted } from '../words';

/** Weeks in an average month (365.25 / 12 / 7). */
export const WEEKS_PER_MONTH = 365.25 / 12 / 7;

export interface RetireInputs {
  /** Accuracy of the served model now, in [0, 1]. */
  accuracyNow: number;
  /** Accuracy a retrained model starts at, in [0, 1] (the model's test accuracy when trained). */
  accuracyFresh: number;
  /** Accuracy lost per week of age, in [0, 1]; null = not known (no decay is assumed, and said). */
  decayPerWeek: number | null;
  /** Measured training time of one retraining, hours. */
  trainingHours: number;
  /** Compute price per hour of training. */
  computePricePerHour: number;
  labellingCostPerRow: number;
  /** Fresh rows to label for one retraining. */
  rowsToLabel: number;
  valuePerCorrect: number;
  /** Predictions per month. */
  monthlyVolume: number;
  /** Cost of keeping a model in service per month (serving, upkeep); the fallback has none. */
  upkeepPerMonth: number;
  /** Accuracy of the non-ML fallback on the model's test split, in [0, 1]. */
  fallbackAccuracy: number;
  /** Months the decision looks ahead (> 0). */
  horizonMonths: number;
}

export type RetireAction = 'keep' | 'retrain' | 'retire';
/** Tie order: the smaller change first. */
const ORDER: readonly RetireAction[] = ['keep', 'retrain', 'retire'];

/** Why `inputs` cannot be weighed, or null. */
export function retireInputsProblem(inputs: RetireInputs): string | null {
  const ratio: [keyof RetireInputs, string][] = [
    ['accuracyNow', 'The accuracy now'],
    ['accuracyFresh', 'The accuracy after retraining'],
    ['fallbackAccuracy', "The fallback's accuracy"],
  ];
  for (const [key, words] of ratio) {
    const v = inputs[key];
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `${words} must be a percentage from 0 to 100.`;
  }
  const d = inputs.decayPerWeek;
  if (d !== null && !(typeof d === 'number' && d >= 0 && d <= 1)) return 'The decay per week must be a percentage from 0 to 100, or left empty when not known.';
  const amounts: [keyof RetireInputs, string][] = [
    ['trainingHours', 'The training time'],
    ['computePricePerHour', 'The compute price'],
    ['labellingCostPerRow', 'The labelling cost per row'],
    ['rowsToLabel', 'The rows to label'],
    ['valuePerCorrect', 'The value of a correct prediction'],
    ['monthlyVolume', 'The monthly volume'],
    ['upkeepPerMonth', 'The monthly upkeep'],
  ];
  for (const [key, words] of amounts) {
    const v = inputs[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${words} must be a number.`;
    if (v < 0) return `${words} cannot be negative (got ${v}).`;
  }
  if (!Number.isInteger(inputs.rowsToLabel)) return `The rows to label must be a whole number (got ${inputs.rowsToLabel}).`;
  const h = inputs.horizonMonths;
  if (typeof h !== 'number' || !(h > 0 && h <= 120)) return 'The horizon must be more than 0 and at most 120 months.';
  return null;
}

/** Mean of max(0, start − decay·t) over t in [0, weeks]: accuracy stops at 0. */
export function meanAccuracy(start: number, decayPerWeek: number, weeks: number): number {
  if (decayPerWeek <= 0 || weeks <= 0) return start;
  const end = start - decayPerWeek * weeks;
  if (end >= 0) return (start + end) / 2;
  return (start * start) / (2 * decayPerWeek * weeks); // the triangle down to 0, then 0
}

export interface RetireOption {
  action: RetireAction;
  /** Mean accuracy over the horizon. */
  meanAccuracy: number;
  /** Value of the correct predictions over the horizon. */
  earned: number;
  /** Retraining and upkeep over the horizon. */
  costs: number;
  net: number;
}

export interface BreakEven {
  /** The input that moves. */
  input: 'retrainingCost' | 'accuracyNow' | 'fallbackAccuracy' | 'valuePerCorrect';
  /** The value of that input where the two options are worth the same; null when no value of it makes them equal. */
  at: number | null;
  /** Its value now. */
  now: number;
  /** The options compared: below `at` the first wins, above it the second (for the winner's own comparison). */
  between: [RetireAction, RetireAction];
}

export interface RetireVerdict {
  action: RetireAction;
  options: Record<RetireAction, RetireOption>;
  /** One retraining: compute + labelling. */
  retrainingCost: number;
  /** The model's accuracy below which retraining pays (null: it never does, e.g. nothing earned per prediction). */
  retrainPaysBelow: number | null;
  /** Weeks after (re)training at which the decay reaches `retrainPaysBelow` (null without decay). */
  retrainPaysAtWeek: number | null;
  breakEvens: BreakEven[];
  /** The reasoning, one sentence each. */
  reasons: string[];
}

const EPS = 1e-9;

function optionsOf(i: RetireInputs): Record<RetireAction, RetireOption> {
  const weeks = i.horizonMonths * WEEKS_PER_MONTH;
  const d = i.decayPerWeek ?? 0;
  const predictions = i.monthlyVolume * i.horizonMonths;
  const upkeep = i.upkeepPerMonth * i.horizonMonths;
  const option = (action: RetireAction, mean: number, costs: number): RetireOption => {
    const earned = i.valuePerCorrect * predictions * mean;
    return { action, meanAccuracy: mean, earned, costs, net: earned - costs };
  };
  return {
    keep: option('keep', meanAccuracy(i.accuracyNow, d, weeks), upkeep),
    retrain: option('retrain', meanAccuracy(i.accuracyFresh, d, weeks), upkeep + retrainingCostOf(i)),
    retire: option('retire', i.fallbackAccuracy, 0),
  };
}

export function retrainingCostOf(i: Pick<RetireInputs, 'trainingHours' | 'computePricePerHour' | 'labellingCostPerRow' | 'rowsToLabel'>): number {
  return i.trainingHours * i.computePricePerHour + i.labellingCostPerRow * i.rowsToLabel;
}

function winner(options: Record<RetireAction, RetireOption>): RetireAction {
  let best: RetireAction = 'keep';
  for (const a of ORDER) if (options[a].net > options[best].net + EPS * Math.max(1, Math.abs(options[best].net))) best = a;
  return best;
}

/**
 * The input value in [lo, hi] where `gap(x)` (increasing or decreasing, continuous) crosses 0,
 * by bisection; null when it does not change sign there.
 */
function crossing(gap: (x: number) => number, lo: number, hi: number): number | null {
  let glo = gap(lo);
  const ghi = gap(hi);
  if (glo === 0) return lo;
  if (ghi === 0) return hi;
  if (Math.sign(glo) === Math.sign(ghi)) return null;
  for (let k = 0; k < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); k++) {
    const mid = (lo + hi) / 2;
    const g = gap(mid);
    if (Math.sign(g) === Math.sign(glo)) {
      lo = mid;
      glo = g;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/** 0.015 → "1.5 accuracy points". */
const points = (x: number) => counted(Math.round(x * 1000) / 10, 'accuracy point');
const pct = (x: number) => `${(Math.round(x * 1000) / 10).toLocaleString('en-US')} %`;

/** Weighs the three options. Throws a RangeError with retireInputsProblem's message on bad input. */
export function retrainOrRetire(inputs: RetireInputs, money: (amount: number) => string = (a) => a.toFixed(2)): RetireVerdict {
  const problem = retireInputsProblem(inputs);
  if (problem) throw new RangeError(problem);
  const options = optionsOf(inputs);
  const action = winner(options);
  const retrainingCost = retrainingCostOf(inputs);
  const net = (i: RetireInputs, a: RetireAction) => optionsOf(i)[a].net;
  const perAccuracy = inputs.valuePerCorrect * inputs.monthlyVolume * inputs.horizonMonths;

  // Retrain vs keep: exact in the cost (linear); in the accuracy now by bisection (the mean stops at 0).
  const retrainGain = options.retrain.earned - options.keep.earned;
  const retrainPaysBelow = perAccuracy > 0 ? crossing((a) => net({ ...inputs, accuracyNow: a }, 'retrain') - net({ ...inputs, accuracyNow: a }, 'keep'), 0, 1) : null;
  const d = inputs.decayPerWeek ?? 0;
  const retrainPaysAtWeek = retrainPaysBelow !== null && d > 0 ? Math.max(0, (inputs.accuracyFresh - retrainPaysBelow) / d) : null;
  const model: RetireAction = options.retrain.net > options.keep.net + EPS ? 'retrain' : 'keep';
  const fallbackAt = perAccuracy > 0 ? (options[model].net) / perAccuracy : null;
  const valueGap = (v: number) => net({ ...inputs, valuePerCorrect: v }, model) - net({ ...inputs, valuePerCorrect: v }, 'retire');
  const breakEvens: BreakEven[] = [
    { input: 'retrainingCost', at: retrainGain > 0 ? retrainGain : null, now: retrainingCost, between: ['retrain', 'keep'] },
    { input: 'accuracyNow', at: retrainPaysBelow, now: inputs.accuracyNow, between: ['retrain', 'keep'] },
    { input: 'fallbackAccuracy', at: fallbackAt !== null && fallbackAt >= 0 && fallbackAt <= 1 ? fallbackAt : null, now: inputs.fallbackAccuracy, between: [model, 'retire'] },
    { input: 'valuePerCorrect', at: linearZero(valueGap), now: inputs.valuePerCorrect, between: ['retire', model] },
  ];
  return { action, options, retrainingCost, retrainPaysBelow, retrainPaysAtWeek, breakEvens, reasons: reasonsFor(inputs, options, action, { retrainingCost, retrainGain, retrainPaysBelow, retrainPaysAtWeek, fallbackAt, model }, money) };
}

/** Where a linear function of x ≥ 0 is 0 (from its values at 0 and 1), or null. */
function linearZero(f: (x: number) => number): number | null {
  const f0 = f(0), slope = f(1) - f0;
  if (Math.abs(slope) < EPS) return null;
  const x = -f0 / slope;
  return x >= 0 ? x : null;
}

function reasonsFor(
  i: RetireInputs,
  o: Record<RetireAction, RetireOption>,
  action: RetireAction,
  f: { retrainingCost: number; retrainGain: number; retrainPaysBelow: number | null; retrainPaysAtWeek: number | null; fallbackAt: number | null; model: RetireAction },
  money: (amount: number) => string,
): string[] {
  const months = counted(i.horizonMonths, 'month');
  const reasons: string[] = [];
  if (i.valuePerCorrect === 0 || i.monthlyVolume === 0) {
    reasons.push(`With ${i.valuePerCorrect === 0 ? 'no value set for a correct prediction' : 'no predictions expected'}, no option earns anything: only the costs differ${action === 'keep' ? ', and keeping costs no more than changing' : ''}.`);
  }
  reasons.push(
    i.decayPerWeek === null
      ? 'No decay per week is known, so none is assumed: the figures compare accuracies as they are today.'
      : `At ${points(i.decayPerWeek)} lost per week, the model kept as it is averages ${pct(o.keep.meanAccuracy)} over the next ${months}; retrained, it averages ${pct(o.retrain.meanAccuracy)}.`,
  );
  reasons.push(
    f.retrainGain > 0
      ? `Retraining earns ${money(f.retrainGain)} more than keeping over ${months} and costs ${money(f.retrainingCost)}, so it ${f.retrainGain > f.retrainingCost ? 'pays' : 'does not pay'} (break-even: a retraining cost of ${money(f.retrainGain)}).`
      : `Retraining earns nothing more than keeping over ${months} (the model is as accurate now as a fresh one), so its ${money(f.retrainingCost)} would not come back.`,
  );
  if (f.retrainPaysBelow !== null && f.retrainPaysBelow < i.accuracyFresh) {
    const when = f.retrainPaysAtWeek !== null ? `, about ${Math.round(f.retrainPaysAtWeek * 10) / 10} weeks after training at this decay` : '';
    reasons.push(`Retraining pays once the accuracy falls below ${pct(f.retrainPaysBelow)} (now ${pct(i.accuracyNow)})${when}.`);
  }
  const best = o[f.model];
  reasons.push(
    `The fallback answers right ${pct(i.fallbackAccuracy)} of the time and is worth ${money(o.retire.net)} over ${months}; the model, ${f.model === 'retrain' ? 'retrained' : 'kept'}, is worth ${money(best.net)} after its costs` +
      (f.fallbackAt !== null && f.fallbackAt >= 0 && f.fallbackAt <= 1 ? ` (the fallback would win from ${pct(f.fallbackAt)} accuracy).` : '.'),
  );
  reasons.push(
    action === 'retire'
      ? `Retire the model: the fallback is worth ${money(o.retire.net - best.net)} more over ${months}.`
      : action === 'retrain'
        ? `Retrain: it is worth ${money(o.retrain.net - Math.max(o.keep.net, o.retire.net))} more than the next best option over ${months}.`
        : `Keep the model as it is: ${o.keep.net === Math.max(o.retrain.net, o.retire.net) ? 'no other option is worth more' : `it is worth ${money(o.keep.net - Math.max(o.retrain.net, o.retire.net))} more than the next best option`} over ${months}.`,
  );
  return reasons;
}
