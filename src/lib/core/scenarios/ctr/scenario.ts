/**
 * The CTR scenario as a stepper: create it (which trains model v1 on the exploration history
 * before week 0), step it a week at a time, apply remediations between weeks, reset it.
 *
 * The state is one plain object that the functions here mutate in place (its logs are megabytes of
 * typed arrays; copying them per step would be waste). Everything in it is a deterministic
 * function of the config and the actions taken, in order, at the weeks they were taken: that is
 * what `record.ts` saves and replays. Actions take effect from the next simulated week
 * (`state.week`), so "retrain at week 10" means: after stepping weeks 0–9, before week 10.
 */
import { driftLevel, normalizeConfig, type CtrScenarioConfig, type CtrScenarioConfigInput } from './config';
import { modelScorer, trainCtrModel, type CtrModel, type ModelScorer, type WeekWindow } from './ctrModel';
import { normalizeFeatures, type FeatureName } from './features';
import type { ImpressionWeek } from './impressions';
import { simulateWeek } from './simulateWeek';
import { summarizeWeek, type WeekSummary } from './summary';

export type DeployReason = 'initial' | 'retrain' | 'changeFeatures' | 'challenger';

/** A model that has been deployed, numbered 1, 2, … in deployment order. */
export interface ModelVersion extends CtrModel {
  version: number;
  /** First week it served. */
  deployedAtWeek: number;
  reason: DeployReason;
}

/** A remediation, as recorded for replay. */
export type ScenarioAction =
  | { type: 'deploy'; atWeek: number; reason: Exclude<DeployReason, 'initial'>; window: WeekWindow; features: FeatureName[] }
  | { type: 'rollback'; atWeek: number };

export interface CtrScenarioState {
  readonly config: CtrScenarioConfig;
  /** The next week to simulate = the number of weeks simulated so far. */
  week: number;
  /** Exploration traffic of weeks −historyWeeks … −1: model v1's training data. */
  readonly history: readonly ImpressionWeek[];
  /** Weeks 0 … week − 1. */
  logs: ImpressionWeek[];
  summaries: WeekSummary[];
  /** Every deployed version; `versions[v − 1]` is version v. */
  versions: ModelVersion[];
  /** Deployment stack of version numbers; the last one serves. Rollback pops it. */
  deployed: number[];
  actions: ScenarioAction[];
  /** Scorers by version (derived data, rebuilt on demand). */
  scorers: Map<number, ModelScorer>;
}

export interface WeekStep {
  impressions: ImpressionWeek;
  summary: WeekSummary;
}

/** The training spec of a candidate model. */
export interface TrainingSpec {
  window: WeekWindow;
  /** Default: the serving model's features. */
  features?: readonly string[];
}

/** Training seed of a spec: the same spec always gives the same model. */
function trainingSeed(config: CtrScenarioConfig, window: WeekWindow, features: readonly FeatureName[]): string {
  return `${config.seed}:model:${window.fromWeek}..${window.toWeek}:${features.join('+')}`;
}

export function createScenario(input: CtrScenarioConfigInput = {}): CtrScenarioState {
  const config = normalizeConfig(input);
  const history: ImpressionWeek[] = [];
  let firstId = 0;
  for (let w = -config.historyWeeks; w < 0; w++) {
    const log = simulateWeek({ config, week: w, firstId, serving: null });
    history.push(log);
    firstId += log.count;
  }
  const window = { fromWeek: -config.historyWeeks, toWeek: -1 };
  const v1: ModelVersion = {
    ...trainCtrModel(history, config.features, window, trainingSeed(config, window, config.features)),
    version: 1,
    deployedAtWeek: 0,
    reason: 'initial',
  };
  return { config, week: 0, history, logs: [], summaries: [], versions: [v1], deployed: [1], actions: [], scorers: new Map() };
}

/** Back to week 0 with only v1 deployed; the history and v1 are kept (they never change). */
export function reset(state: CtrScenarioState): void {
  state.week = 0;
  state.logs = [];
  state.summaries = [];
  state.versions = state.versions.slice(0, 1);
  state.deployed = [1];
  state.actions = [];
  state.scorers = new Map([...state.scorers].filter(([v]) => v === 1));
}

export function isFinished(state: CtrScenarioState): boolean {
  return state.week >= state.config.weeks;
}

export function servingModel(state: CtrScenarioState): ModelVersion {
  return state.versions[state.deployed[state.deployed.length - 1] - 1];
}

function scorerOf(state: CtrScenarioState, version: ModelVersion): ModelScorer {
  let scorer = state.scorers.get(version.version);
  if (!scorer) {
    scorer = modelScorer(version);
    state.scorers.set(version.version, scorer);
  }
  return scorer;
}

/** Simulates the next week with the serving model; throws once all weeks are simulated. */
export function stepWeek(state: CtrScenarioState): WeekStep {
  if (isFinished(state)) throw new Error(`The scenario has ended: all ${state.config.weeks} weeks are simulated.`);
  const { config, week } = state;
  const model = servingModel(state);
  const previous = week === 0 ? state.history[state.history.length - 1] : state.logs[week - 1];
  const impressions = simulateWeek({ config, week, firstId: previous.firstId + previous.count, serving: { version: model.version, scorer: scorerOf(state, model) } });
  const summary = summarizeWeek(impressions, {
    covariate: driftLevel(config.drifts.covariate, week),
    concept: driftLevel(config.drifts.concept, week),
  });
  state.logs.push(impressions);
  state.summaries.push(summary);
  state.week++;
  return { impressions, summary };
}

/** Steps until the last week; returns the new weeks' summaries. */
export function runToEnd(state: CtrScenarioState): WeekSummary[] {
  const out: WeekSummary[] = [];
  while (!isFinished(state)) out.push(stepWeek(state).summary);
  return out;
}

/** Logs of the weeks in `window` (history weeks are negative); throws if any is not simulated yet. */
export function logsInWindow(state: CtrScenarioState, window: WeekWindow): ImpressionWeek[] {
  const { fromWeek, toWeek } = window;
  const first = -state.config.historyWeeks;
  if (!Number.isInteger(fromWeek) || !Number.isInteger(toWeek) || fromWeek > toWeek) {
    throw new Error(`Invalid week window ${fromWeek}…${toWeek}.`);
  }
  if (fromWeek < first || toWeek >= state.week) {
    throw new Error(`Weeks ${fromWeek}…${toWeek} are not all logged yet: logged weeks are ${first}…${state.week - 1}.`);
  }
  const out: ImpressionWeek[] = [];
  for (let w = fromWeek; w <= toWeek; w++) out.push(w < 0 ? state.history[w - first] : state.logs[w]);
  return out;
}

/** Trains a model on logged weeks without deploying it (a challenger). */
export function trainCandidate(state: CtrScenarioState, spec: TrainingSpec): CtrModel {
  const features = normalizeFeatures(spec.features ?? servingModel(state).features);
  const window = { fromWeek: spec.window.fromWeek, toWeek: spec.window.toWeek };
  return trainCtrModel(logsInWindow(state, window), features, window, trainingSeed(state.config, window, features));
}

/** Deploys `model` as the next version; it serves from the next simulated week. */
export function deployModel(state: CtrScenarioState, model: CtrModel, reason: Exclude<DeployReason, 'initial'>): ModelVersion {
  const version: ModelVersion = { ...model, version: state.versions.length + 1, deployedAtWeek: state.week, reason };
  state.versions.push(version);
  state.deployed.push(version.version);
  state.actions.push({ type: 'deploy', atWeek: state.week, reason, window: { ...model.trainedOn }, features: [...model.features] });
  return version;
}

/** Scheduled retrain: the serving pipeline, fresh data from `window`, deployed. */
export function retrain(state: CtrScenarioState, window: WeekWindow): ModelVersion {
  return deployModel(state, trainCandidate(state, { window }), 'retrain');
}

/** The last `weeks` logged weeks (fewer at the start; the history before week 0). */
export function recentWindow(state: CtrScenarioState, weeks = 4): WeekWindow {
  if (state.week === 0) return { fromWeek: -state.config.historyWeeks, toWeek: -1 };
  return { fromWeek: Math.max(0, state.week - weeks), toWeek: state.week - 1 };
}

/** Feature-pipeline change: the serving features plus `add` minus `drop`, retrained and deployed. */
export function changeFeatures(
  state: CtrScenarioState,
  change: { add?: readonly string[]; drop?: readonly string[] },
  window: WeekWindow = recentWindow(state),
): ModelVersion {
  const add = normalizeList(change.add);
  const drop = new Set(normalizeList(change.drop));
  const features = [...servingModel(state).features, ...add].filter((f) => !drop.has(f));
  return deployModel(state, trainCandidate(state, { window, features }), 'changeFeatures');
}

function normalizeList(names: readonly string[] | undefined): FeatureName[] {
  return names && names.length > 0 ? normalizeFeatures(names) : [];
}

/** Serves the previously deployed version again; throws when only v1 was ever deployed. */
export function rollback(state: CtrScenarioState): ModelVersion {
  if (state.deployed.length < 2) throw new Error('Nothing to roll back to: the first model is serving.');
  state.deployed.pop();
  state.actions.push({ type: 'rollback', atWeek: state.week });
  return servingModel(state);
}
