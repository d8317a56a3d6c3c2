import { describe, expect, it } from 'vitest';
import { meanAccuracy, retireInputsProblem, retrainOrRetire, WEEKS_PER_MONTH, type RetireInputs } from '$lib/core/practice/retrainOrRetire';

/**
 * 10,000 predictions a month worth 1 each right, over 3 months (30,000 predictions): 1 accuracy
 * point is worth 300. The model lost 10 points since training and loses 1 a week; one retraining
 * costs 50 of compute and 1,000 of labelling.
 */
const BASE: RetireInputs = {
  accuracyNow: 0.8,
  accuracyFresh: 0.9,
  decayPerWeek: 0.01,
  trainingHours: 1,
  computePricePerHour: 50,
  labellingCostPerRow: 0.5,
  rowsToLabel: 2000,
  valuePerCorrect: 1,
  monthlyVolume: 10_000,
  upkeepPerMonth: 0,
  fallbackAccuracy: 0.5,
  horizonMonths: 3,
};
const WEEKS = 3 * WEEKS_PER_MONTH;
const at = (v: ReturnType<typeof retrainOrRetire>, input: string) => v.breakEvens.find((b) => b.input === input)!.at!;

describe('meanAccuracy', () => {
  it('averages a straight decay, stops at 0, and is flat without decay', () => {
    expect(meanAccuracy(0.9, 0.01, 10)).toBeCloseTo(0.85, 12);
    expect(meanAccuracy(0.2, 0.1, 4)).toBeCloseTo(0.05, 12); // 0.2 → 0 in 2 weeks: area 0.2, over 4 weeks
    expect(meanAccuracy(0.7, 0, 10)).toBe(0.7);
  });
});

describe('retrainOrRetire', () => {
  it('weighs the three options over the horizon and recommends retraining when it pays', () => {
    const v = retrainOrRetire(BASE);
    expect(v.action).toBe('retrain');
    expect(v.retrainingCost).toBe(1050);
    expect(v.options.keep.meanAccuracy).toBeCloseTo(0.8 - (0.01 * WEEKS) / 2, 12);
    expect(v.options.retrain.net).toBeCloseTo(30_000 * (0.9 - (0.01 * WEEKS) / 2) - 1050, 6);
    expect(v.options.retire.net).toBe(15_000);
    expect(at(v, 'retrainingCost')).toBeCloseTo(3000, 6); // 10 points × 300
    expect(v.retrainPaysBelow).toBeCloseTo(0.865, 9); // 0.9 − 1050 / 30,000
    expect(v.retrainPaysAtWeek).toBeCloseTo(3.5, 6); // 3.5 points at 1 a week
    expect(v.reasons[0]).toBe(`At 1 accuracy point lost per week, the model kept as it is averages ${Math.round((0.8 - (0.01 * WEEKS) / 2) * 1000) / 10} % over the next 3 months; retrained, it averages ${Math.round((0.9 - (0.01 * WEEKS) / 2) * 1000) / 10} %.`);
    expect(v.reasons).toContain('Retraining pays once the accuracy falls below 86.5 % (now 80 %), about 3.5 weeks after training at this decay.');
    expect(v.reasons.at(-1)).toMatch(/^Retrain: it is worth [\d.]+ more than the next best option over 3 months\.$/);
  });

  it('flips between retrain and keep where the retraining cost crosses its break-even', () => {
    const cost = (c: number) => retrainOrRetire({ ...BASE, computePricePerHour: 0, labellingCostPerRow: c / 2000 });
    expect(cost(2999).action).toBe('retrain');
    expect(cost(3001).action).toBe('keep');
    expect(cost(3001).reasons).toContain('Retraining earns 3000.00 more than keeping over 3 months and costs 3001.00, so it does not pay (break-even: a retraining cost of 3000.00).');
  });

  it('flips between retrain and keep where the accuracy now crosses the accuracy at which retraining pays', () => {
    expect(retrainOrRetire({ ...BASE, accuracyNow: 0.864 }).action).toBe('retrain');
    expect(retrainOrRetire({ ...BASE, accuracyNow: 0.866 }).action).toBe('keep');
  });

  it('flips to retire where the fallback’s accuracy crosses the best model option’s worth', () => {
    const v = retrainOrRetire(BASE);
    const edge = at(v, 'fallbackAccuracy');
    expect(edge).toBeCloseTo(v.options.retrain.net / 30_000, 12);
    expect(retrainOrRetire({ ...BASE, fallbackAccuracy: edge - 0.001 }).action).toBe('retrain');
    const retired = retrainOrRetire({ ...BASE, fallbackAccuracy: edge + 0.001 });
    expect(retired.action).toBe('retire');
    expect(retired.reasons.at(-1)).toMatch(/^Retire the model: the fallback is worth [\d.]+ more over 3 months\.$/);
  });

  it('flips between keep and retire where the value of a correct prediction crosses what pays the upkeep', () => {
    // Retraining cannot help (the model is as good as fresh); upkeep is 1,000 a month.
    const still = { ...BASE, accuracyNow: 0.9, decayPerWeek: 0, upkeepPerMonth: 1000, fallbackAccuracy: 0.8 };
    const edge = at(retrainOrRetire(still), 'valuePerCorrect');
    expect(edge).toBeCloseTo(3000 / (30_000 * 0.1), 9); // the 10-point edge must pay 3,000 of upkeep
    expect(retrainOrRetire({ ...still, valuePerCorrect: edge * 1.01 }).action).toBe('keep');
    expect(retrainOrRetire({ ...still, valuePerCorrect: edge * 0.99 }).action).toBe('retire');
    expect(retrainOrRetire(still).reasons).toContain('Retraining earns nothing more than keeping over 3 months (the model is as accurate now as a fresh one), so its 1050.00 would not come back.');
  });

  it('without a known decay compares accuracies as they are, and says so', () => {
    const v = retrainOrRetire({ ...BASE, decayPerWeek: null });
    expect(v.options.keep.meanAccuracy).toBe(0.8);
    expect(v.retrainPaysAtWeek).toBeNull();
    expect(v.reasons[0]).toBe('No decay per week is known, so none is assumed: the figures compare accuracies as they are today.');
  });

  it('with nothing earned per prediction keeps the model (no change costs less), and says why', () => {
    const v = retrainOrRetire({ ...BASE, valuePerCorrect: 0, trainingHours: 0, labellingCostPerRow: 0 });
    expect(v.action).toBe('keep');
    expect(v.retrainPaysBelow).toBeNull();
    expect(v.breakEvens.find((b) => b.input === 'fallbackAccuracy')!.at).toBeNull();
    expect(v.reasons[0]).toBe('With no value set for a correct prediction, no option earns anything: only the costs differ, and keeping costs no more than changing.');
    expect(v.reasons.at(-1)).toBe('Keep the model as it is: no other option is worth more over 3 months.');
    expect(retrainOrRetire({ ...BASE, monthlyVolume: 0 }).reasons[0]).toMatch(/^With no predictions expected, no option earns anything/);
  });

  it('formats money with the caller’s formatter', () => {
    expect(retrainOrRetire(BASE, (a) => `€${Math.round(a)}`).reasons).toContain('Retraining earns €3000 more than keeping over 3 months and costs €1050, so it pays (break-even: a retraining cost of €3000).');
  });

  it('refuses bad input with a clear message', () => {
    const problem = (change: Partial<RetireInputs>) => retireInputsProblem({ ...BASE, ...change });
    expect(problem({})).toBeNull();
    expect(problem({ computePricePerHour: -1 })).toBe('The compute price cannot be negative (got -1).');
    expect(problem({ labellingCostPerRow: -0.1 })).toBe('The labelling cost per row cannot be negative (got -0.1).');
    expect(problem({ valuePerCorrect: Number.NaN })).toBe('The value of a correct prediction must be a number.');
    expect(problem({ accuracyNow: 1.2 })).toBe('The accuracy now must be a percentage from 0 to 100.');
    expect(problem({ fallbackAccuracy: -0.1 })).toBe("The fallback's accuracy must be a percentage from 0 to 100.");
    expect(problem({ decayPerWeek: -0.01 })).toBe('The decay per week must be a percentage from 0 to 100, or left empty when not known.');
    expect(problem({ rowsToLabel: 2.5 })).toBe('The rows to label must be a whole number (got 2.5).');
    expect(problem({ horizonMonths: 0 })).toBe('The horizon must be more than 0 and at most 120 months.');
    expect(() => retrainOrRetire({ ...BASE, monthlyVolume: -5 })).toThrow(new RangeError('The monthly volume cannot be negative (got -5).'));
  });
});
