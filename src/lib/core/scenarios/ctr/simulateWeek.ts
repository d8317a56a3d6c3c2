/**
 * Simulates one week of the recommendation feed: for each impression, a user arrives (the week's
 * user mix), a slot is filled — the engine scores `candidatesPerSlot` random item categories with
 * the serving model and shows the best (or, for `explorationRate` of slots, a random candidate) —
 * and the click follows the ground truth for the item actually shown. Latency and errors come from
 * fixed distributions.
 *
 * Every impression consumes the same number of draws from the week's generator
 * (`createRng(`${seed}:week:${week}`)`) whatever the model or the drift settings, so two runs
 * that differ only in the serving model or the drift controls see the same users, slots and
 * uniforms (common random numbers): their CTRs differ by the change, not by noise.
 */
import { createRng } from '../../random';
import { clickTruth } from './clickModel';
import type { CtrScenarioConfig } from './config';
import type { ModelScorer } from './ctrModel';
import { itemKey, userKey } from './keys';
import { allocateWeek, type ImpressionWeek } from './impressions';
import { sigmoid } from './logistic';
import { HOUR_OF_WEEK_CDF, POSITION_CDF, drawCode, drawLatencyMs, drawTenureDays, userMix } from './population';
import { ITEM_CATEGORIES, hourBandOf, tenureBandOf } from './vocabulary';

export interface ServingModel {
  version: number;
  scorer: ModelScorer;
}

export interface SimulateWeekInput {
  config: CtrScenarioConfig;
  /** Negative weeks are the exploration traffic before the quarter. */
  week: number;
  /** Id of the week's first impression. */
  firstId: number;
  /**
   * The serving model; null = no model: every slot shows a uniformly random candidate, and
   * `predictedCtr` is NaN and `modelVersion` 0 (the history v1 is trained on).
   */
  serving: ServingModel | null;
}

/** Impressions in `week`: the configured mean, ±1.5 % from week to week. */
export function weekVolume(config: CtrScenarioConfig, week: number): number {
  const u = createRng(`${config.seed}:volume:${week}`)();
  return Math.round(config.impressionsPerWeek * (1 + 0.03 * (u - 0.5)));
}

export function simulateWeek(input: SimulateWeekInput): ImpressionWeek {
  const { config, week, firstId, serving } = input;
  const count = weekVolume(config, week);
  const log = allocateWeek(week, firstId, count);
  const rng = createRng(`${config.seed}:week:${week}`);
  const mix = userMix(config, week);
  const truth = clickTruth(config, week);
  const k = config.candidatesPerSlot;
  const exploration = serving ? config.explorationRate : 1;
  const categories = new Uint8Array(ITEM_CATEGORIES.length);
  let orderings = 1;
  for (let j = 0; j < k; j++) orderings *= categories.length - j;
  let hourOfWeek = 0;

  for (let i = 0; i < count; i++) {
    // Time: stratified over the week's traffic curve, so rows come out in time order.
    const q = (i + rng()) / count;
    while (hourOfWeek < HOUR_OF_WEEK_CDF.length - 1 && q >= HOUR_OF_WEEK_CDF[hourOfWeek]) hourOfWeek++;
    const day = Math.floor(hourOfWeek / 24);
    const hour = hourOfWeek % 24;
    const a = drawCode(mix.ageBand, rng());
    const d = drawCode(mix.deviceByAge[a], rng());
    const r = drawCode(mix.region, rng());
    const tenureDays = drawTenureDays(rng());
    const t = tenureBandOf(tenureDays);
    const position = drawCode(POSITION_CDF, rng()) + 1;

    // Candidates: one uniform picks one of the n!/(n−k)! ordered k-subsets, decoded digit by
    // digit as a partial Fisher–Yates shuffle.
    let pick = Math.floor(rng() * orderings);
    for (let c = 0; c < categories.length; c++) categories[c] = c;
    for (let j = 0; j < k; j++) {
      const left = categories.length - j;
      const swap = j + (pick % left);
      pick = Math.floor(pick / left);
      const tmp = categories[j];
      categories[j] = categories[swap];
      categories[swap] = tmp;
    }
    // Exploration: one uniform decides whether to explore and, scaled, which candidate to show.
    const u = rng();
    const explore = u < exploration;
    const exploreChoice = categories[explore ? Math.floor((u / exploration) * k) : 0];

    const hourBand = hourBandOf(hour);
    const users = userKey(a, d, r, t, hourBand, day, position - 1);
    const items = itemKey(a, d, r, t, 0);
    let shown = exploreChoice;
    let predicted = NaN;
    if (serving) {
      const table = serving.scorer.itemLogit;
      if (!explore) {
        let best = -Infinity;
        for (let j = 0; j < k; j++) {
          const z = table[items + categories[j]];
          if (z > best) {
            best = z;
            shown = categories[j];
          }
        }
      }
      predicted = sigmoid(serving.scorer.userLogit[users] + table[items + shown]);
    }

    const error = rng() < config.errorRate;
    const latency = drawLatencyMs(rng());
    const clicked = rng() < sigmoid(truth.userLogit[users] + truth.itemLogit[items + shown]) && !error;

    log.day[i] = day;
    log.hour[i] = hour;
    log.ageBand[i] = a;
    log.device[i] = d;
    log.region[i] = r;
    log.tenureDays[i] = tenureDays;
    log.tenureBand[i] = t;
    log.category[i] = shown;
    log.position[i] = position;
    log.predictedCtr[i] = predicted;
    log.clicked[i] = clicked ? 1 : 0;
    log.latencyMs[i] = latency;
    log.status[i] = error ? 1 : 0;
    log.modelVersion[i] = serving ? serving.version : 0;
  }
  return log;
}
