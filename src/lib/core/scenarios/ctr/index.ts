/**
 * The seeded CTR scenario of the drift-diagnosis project: a recommendation feed whose CTR falls
 * about 15 % over 13 weeks (covariate shift + a concept change in one segment) while latency and
 * error rate stay flat, with remediations (retrain, feature change, champion–challenger,
 * rollback) whose effect shows in the following weeks. Pages, workers, tests and the benchmark
 * import from here.
 */
export {
  DEFAULT_CTR_CONFIG,
  SHIFTABLE_COLUMNS,
  driftLevel,
  normalizeConfig,
  type ConceptDrift,
  type CovariateDrift,
  type CtrScenarioConfig,
  type CtrScenarioConfigInput,
  type DriftControl,
  type ShiftableColumn,
} from './config';
export {
  changeFeatures,
  createScenario,
  deployModel,
  isFinished,
  logsInWindow,
  recentWindow,
  reset,
  retrain,
  rollback,
  runToEnd,
  servingModel,
  stepWeek,
  trainCandidate,
  type CtrScenarioState,
  type DeployReason,
  type ModelVersion,
  type ScenarioAction,
  type TrainingSpec,
  type WeekStep,
} from './scenario';
export { predictLogged, type CtrModel, type WeekWindow } from './ctrModel';
export {
  CTR_INPUT_FIELDS, CTR_LAYER_NAME, ctrFeatureColumns, ctrModelToLayers, oneHotRow, type CtrColumnGroup, type CtrInputField, type CtrInputValues,
} from './tfjsExport';
export {
  CTR_FEATURES_KIND, CTR_FEATURES_SCHEMA_VERSION, ctrFeaturesData, ctrModelFileName, ctrModelPackage, type CtrFeaturesData, type CtrPackageMeta,
} from './ctrModelPackage';
export { DEFAULT_FEATURES, FEATURE_NAMES, type FeatureName } from './features';
export { impressionAt, type Impression, type ImpressionWeek } from './impressions';
export { SEGMENT_DIMENSIONS, segmentStats, type SegmentDimension, type SegmentStat, type SliceColumnName, type WeekSummary } from './summary';
export { compareModels, scoreModel, type ChampionChallengerReport, type ModelScorecard, type SegmentScore } from './championChallenger';
export { calibrationBins, logLoss, rocAuc, type CalibrationBin } from './metrics';
export { currentWindow, referenceWindow, shiftedColumns, windowColumns, type ColumnRole, type FeatureColumn } from './columns';
export { CTR_SCENARIO_KIND, CTR_SCENARIO_SCHEMA_VERSION, parseRecord, replay, rewindRecord, toRecord, type CtrScenarioRecord } from './record';
export { AGE_BANDS, DAYS, DEVICES, HOUR_BANDS, ITEM_CATEGORIES, POSITIONS, REGIONS, STATUSES, TENURE_BANDS } from './vocabulary';
