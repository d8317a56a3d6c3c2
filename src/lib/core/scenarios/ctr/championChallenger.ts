/**
 * Champion–challenger evaluation: score the serving model and a candidate on the same recent,
 * held-out logged impressions (the shown item and whether it was clicked; failed requests have
 * no outcome and are left out) and put log loss, AUC and calibration side by side, so the learner
 * can decide whether to deploy the candidate.
 *
 * Caveat worth teaching: the log only holds items the champion chose to show, so this measures
 * how well each model predicts clicks on those items, not the CTR its own choices would get.
 */
import type { CtrModel, WeekWindow } from './ctrModel';
import { predictLogged } from './ctrModel';
import { calibrationBins, calibrationError, logLoss, rocAuc, type CalibrationBin } from './metrics';
import { logsInWindow, type CtrScenarioState } from './scenario';
import { AGE_BANDS, DEVICES } from './vocabulary';

export interface SegmentScore {
  /** '18-24 · mobile', … */
  key: string;
  impressions: number;
  actualCtr: number;
  meanPredictedCtr: number;
}

export interface ModelScorecard {
  /** Evaluated impressions (errors excluded) and their clicks. */
  impressions: number;
  clicks: number;
  logLoss: number;
  auc: number;
  actualCtr: number;
  meanPredictedCtr: number;
  /** meanPredictedCtr / actualCtr: 1 is calibrated on average, > 1 over-promises. */
  calibrationRatio: number;
  /** Count-weighted mean |actual − predicted| over 10 equal-count bins. */
  calibrationError: number;
  calibration: CalibrationBin[];
  /** Actual vs predicted CTR per age band × device. */
  segments: SegmentScore[];
}

export interface ChampionChallengerReport {
  window: WeekWindow;
  /** Evaluated impressions (errors excluded) and their clicks. */
  impressions: number;
  clicks: number;
  champion: ModelScorecard;
  challenger: ModelScorecard;
  /** A model evaluated on weeks it was trained on looks better than it is. */
  overlapsTraining: { champion: boolean; challenger: boolean };
  /** 'challenger' when it has both the lower log loss and the higher AUC. */
  winner: 'champion' | 'challenger';
}

function overlaps(a: WeekWindow, b: WeekWindow): boolean {
  return a.fromWeek <= b.toWeek && b.fromWeek <= a.toWeek;
}

/** Predictions of `model` and the outcomes on the non-error impressions of `window`. */
function scoredRows(state: CtrScenarioState, model: CtrModel, window: WeekWindow) {
  const logs = logsInWindow(state, window);
  const n = logs.reduce((s, log) => s + log.count - log.status.reduce((e, x) => e + x, 0), 0);
  const predicted = new Float64Array(n);
  const clicked = new Uint8Array(n);
  const segment = new Uint8Array(n);
  let r = 0;
  for (const log of logs) {
    const p = predictLogged(model, log);
    for (let i = 0; i < log.count; i++) {
      if (log.status[i] !== 0) continue;
      predicted[r] = p[i];
      clicked[r] = log.clicked[i];
      segment[r] = log.ageBand[i] * DEVICES.length + log.device[i];
      r++;
    }
  }
  return { predicted, clicked, segment };
}

function segmentScores(predicted: Float64Array, clicked: Uint8Array, segment: Uint8Array): SegmentScore[] {
  const cells = AGE_BANDS.length * DEVICES.length;
  const n = new Float64Array(cells);
  const clicks = new Float64Array(cells);
  const sum = new Float64Array(cells);
  for (let i = 0; i < predicted.length; i++) {
    n[segment[i]]++;
    clicks[segment[i]] += clicked[i];
    sum[segment[i]] += predicted[i];
  }
  return Array.from({ length: cells }, (_, c) => ({
    key: `${AGE_BANDS[Math.floor(c / DEVICES.length)]} · ${DEVICES[c % DEVICES.length]}`,
    impressions: n[c],
    actualCtr: clicks[c] / n[c],
    meanPredictedCtr: sum[c] / n[c],
  }));
}

/** How `model` predicts the clicks logged in `window`. */
export function scoreModel(state: CtrScenarioState, model: CtrModel, window: WeekWindow): ModelScorecard {
  const { predicted, clicked, segment } = scoredRows(state, model, window);
  let clicks = 0;
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) {
    clicks += clicked[i];
    sum += predicted[i];
  }
  const actualCtr = clicks / predicted.length;
  const meanPredictedCtr = sum / predicted.length;
  const calibration = calibrationBins(predicted, clicked);
  return {
    impressions: predicted.length,
    clicks,
    logLoss: logLoss(predicted, clicked),
    auc: rocAuc(predicted, clicked),
    actualCtr,
    meanPredictedCtr,
    calibrationRatio: meanPredictedCtr / actualCtr,
    calibrationError: calibrationError(calibration),
    calibration,
    segments: segmentScores(predicted, clicked, segment),
  };
}

/** Scores both models on the logged weeks of `window` (e.g. the last two, held out of training). */
export function compareModels(state: CtrScenarioState, champion: CtrModel, challenger: CtrModel, window: WeekWindow): ChampionChallengerReport {
  const a = scoreModel(state, champion, window);
  const b = scoreModel(state, challenger, window);
  return {
    window: { ...window },
    impressions: a.impressions,
    clicks: a.clicks,
    champion: a,
    challenger: b,
    overlapsTraining: { champion: overlaps(champion.trainedOn, window), challenger: overlaps(challenger.trainedOn, window) },
    winner: b.logLoss < a.logLoss && b.auc > a.auc ? 'challenger' : 'champion',
  };
}
