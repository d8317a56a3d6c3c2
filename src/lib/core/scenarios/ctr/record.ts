/**
 * A scenario state as a small JSON document — config, the actions taken, the current week — and
 * back by replay. Nothing simulated is stored: the logs and models are deterministic functions of
 * the record, so a URL or a diagnosis report can carry it and reopen exactly the same state.
 *
 * Loading follows the house path: the one versioned-document loader (`parseRecord`: wrapper,
 * then type checks with readable errors, `normalizeConfig` for the config) → replay.
 */
import { defineDocumentType, readVersionedDocument } from '../../documents/versioned';
import { formatProblem } from '../../documents/problems';
import { normalizeConfig, type CtrScenarioConfig } from './config';
import { normalizeFeatures } from './features';
import { createScenario, deployModel, rollback, stepWeek, trainCandidate, type CtrScenarioState, type ScenarioAction } from './scenario';

export const CTR_SCENARIO_KIND = 'lifecycle-lab/ctr-scenario';
export const CTR_SCENARIO_SCHEMA_VERSION = 1;

export interface CtrScenarioRecord {
  kind: typeof CTR_SCENARIO_KIND;
  schemaVersion: typeof CTR_SCENARIO_SCHEMA_VERSION;
  data: {
    config: CtrScenarioConfig;
    /** In the order taken; `atWeek` ascending. */
    actions: ScenarioAction[];
    /** Weeks simulated. */
    week: number;
  };
}

export function toRecord(state: CtrScenarioState): CtrScenarioRecord {
  return {
    kind: CTR_SCENARIO_KIND,
    schemaVersion: CTR_SCENARIO_SCHEMA_VERSION,
    data: structuredClone({ config: state.config, actions: state.actions, week: state.week }),
  };
}

const REASONS = ['retrain', 'changeFeatures', 'challenger'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isWeek = (v: unknown) => typeof v === 'number' && Number.isInteger(v);

function parseAction(raw: unknown, path: string): ScenarioAction {
  if (!isRecord(raw)) throw new Error(`${path} must be an object.`);
  if (!isWeek(raw.atWeek) || (raw.atWeek as number) < 0) throw new Error(`${path}.atWeek must be a week number ≥ 0.`);
  const atWeek = raw.atWeek as number;
  if (raw.type === 'rollback') return { type: 'rollback', atWeek };
  if (raw.type !== 'deploy') throw new Error(`${path}.type must be "deploy" or "rollback".`);
  if (!REASONS.includes(raw.reason as (typeof REASONS)[number])) throw new Error(`${path}.reason must be one of ${REASONS.join(', ')}.`);
  const window = raw.window;
  if (!isRecord(window) || !isWeek(window.fromWeek) || !isWeek(window.toWeek)) throw new Error(`${path}.window must be { fromWeek, toWeek }.`);
  if (!Array.isArray(raw.features)) throw new Error(`${path}.features must be a list of feature names.`);
  return {
    type: 'deploy',
    atWeek,
    reason: raw.reason as (typeof REASONS)[number],
    window: { fromWeek: window.fromWeek as number, toWeek: window.toWeek as number },
    features: normalizeFeatures(raw.features as string[]),
  };
}

/** The body of a current-version record, checked; throws a readable error naming the field. */
function checkData(data: unknown): CtrScenarioRecord['data'] {
  if (!isRecord(data)) throw new Error('data must be an object.');
  const config = normalizeConfig(data.config ?? {});
  if (!Array.isArray(data.actions)) throw new Error('data.actions must be a list.');
  const actions = data.actions.map((a, i) => parseAction(a, `data.actions[${i}]`));
  if (!isWeek(data.week) || (data.week as number) < 0 || (data.week as number) > config.weeks) {
    throw new Error(`data.week must be a whole number from 0 to ${config.weeks}.`);
  }
  const week = data.week as number;
  actions.forEach((a, i) => {
    if (a.atWeek > week || (i > 0 && a.atWeek < actions[i - 1].atWeek)) {
      throw new Error(`data.actions[${i}] at week ${a.atWeek} is out of order (actions ascend and end by week ${week}).`);
    }
  });
  return { config, actions, week };
}

/** The scenario record as a versioned document: loaded through the one loader, like snapshots. */
export const CTR_SCENARIO_DOCUMENT = defineDocumentType<CtrScenarioRecord>({
  kind: CTR_SCENARIO_KIND,
  name: 'CTR scenario record',
  currentVersion: CTR_SCENARIO_SCHEMA_VERSION,
  migrations: {},
  validate(doc) {
    try {
      return { ok: true, value: { kind: CTR_SCENARIO_KIND, schemaVersion: CTR_SCENARIO_SCHEMA_VERSION, data: checkData(doc.data) } };
    } catch (error) {
      return { ok: false, problems: [{ path: '/data', message: error instanceof Error ? error.message : String(error) }] };
    }
  },
});

/** Checks a loose value (parsed JSON) and returns a complete record; throws a readable error. */
export function parseRecord(raw: unknown): CtrScenarioRecord {
  const read = readVersionedDocument(CTR_SCENARIO_DOCUMENT, raw);
  if (!read.ok) throw new Error(read.problems.map(formatProblem).join(' '));
  return read.document;
}

/**
 * The record as it stood after `week` weeks, before any remedy taken at that week: the weeks after
 * it and the actions from `week` on are dropped, so a remedy can be tried again from there
 * (replaying it gives exactly the weeks the person saw up to then).
 */
export function rewindRecord(record: CtrScenarioRecord, week: number): CtrScenarioRecord {
  const { config, actions } = record.data;
  if (!Number.isInteger(week) || week < 0 || week > record.data.week) {
    throw new Error(`Can only go back to a simulated week, 0 to ${record.data.week} (not ${week}).`);
  }
  return { ...record, data: structuredClone({ config, actions: actions.filter((a) => a.atWeek < week), week }) };
}

/** Re-creates the state a record describes: simulate, applying each action at its week. */
export function replay(record: CtrScenarioRecord): CtrScenarioState {
  const { config, actions, week } = record.data;
  const state = createScenario(config);
  for (const action of actions) {
    while (state.week < action.atWeek) stepWeek(state);
    if (action.type === 'rollback') rollback(state);
    else deployModel(state, trainCandidate(state, { window: action.window, features: action.features }), action.reason);
  }
  while (state.week < week) stepWeek(state);
  return state;
}
