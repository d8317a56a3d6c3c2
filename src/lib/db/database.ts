/**
 * The one Dexie database of the app. Only `src/lib/db` imports Dexie; everything else goes
 * through the repository functions, which take and return plain objects.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  AuditRecord, CanvasRecord, DatasetVersionRecord, DeploymentRecord,
  DriftReportRecord, GateRecord, HealthCheckRecord, ImportRecord, LabelEventRecord,
  AliasEventRecord, EndpointCountersRecord, MetricBucketRecord, RequestLogRecord, ModelCardRecord, ModelVersionRecord, PredictionLogRecord, ProjectRecord, RowBlockRecord, RunArtifactRecord, RunRecord, SettingRecord, SliceRecord,
  CheckReviewRecord, CheckRunRecord, EthicsAnswersRecord, DecisionRecord, PersonRecord, PolicyDraftRecord, PolicyVersionRecord, ReviewRequestRecord, WaiverRecord,
  DocumentRecord, MissionRecord, PlaybookTickRecord, RiskAssessmentRecord, SigningKeyStoreRecord, TemplateFillRecord,
} from './records';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5, SCHEMA_V6, SCHEMA_V7, SCHEMA_V8, SCHEMA_V9, SCHEMA_V10, SCHEMA_V11, SCHEMA_V12 } from './schema';
import { upgradeToV2 } from './migrations/v2';
import { upgradeToV3 } from './migrations/v3';
import { upgradeToV5 } from './migrations/v5';
import { upgradeToV6 } from './migrations/v6';
import { upgradeToV7 } from './migrations/v7';
import { upgradeToV8 } from './migrations/v8';

export const DATABASE_NAME = 'lifecycle-lab';

export class LifecycleDatabase extends Dexie {
  projects!: EntityTable<ProjectRecord, 'id'>;
  canvases!: EntityTable<CanvasRecord, 'projectId'>;
  imports!: EntityTable<ImportRecord, 'id'>;
  datasetVersions!: EntityTable<DatasetVersionRecord, 'id'>;
  rowBlocks!: Table<RowBlockRecord, [string, number]>;
  labelEvents!: EntityTable<LabelEventRecord, 'id'>;
  runs!: EntityTable<RunRecord, 'id'>;
  modelVersions!: EntityTable<ModelVersionRecord, 'id'>;
  deployments!: EntityTable<DeploymentRecord, 'id'>;
  predictionLogs!: EntityTable<PredictionLogRecord, 'id'>;
  healthChecks!: EntityTable<HealthCheckRecord, 'id'>;
  driftReports!: EntityTable<DriftReportRecord, 'id'>;
  gates!: EntityTable<GateRecord, 'id'>;
  auditLog!: EntityTable<AuditRecord, 'id'>;
  slices!: EntityTable<SliceRecord, 'id'>;
  runArtifacts!: EntityTable<RunArtifactRecord, 'runId'>;
  aliasEvents!: EntityTable<AliasEventRecord, 'id'>;
  metricBuckets!: Table<MetricBucketRecord, [string, number]>;
  modelCards!: EntityTable<ModelCardRecord, 'modelVersionId'>;
  requestLogs!: EntityTable<RequestLogRecord, 'id'>;
  endpointCounters!: EntityTable<EndpointCountersRecord, 'key'>;
  policyVersions!: Table<PolicyVersionRecord, [string, number]>;
  policyDrafts!: EntityTable<PolicyDraftRecord, 'projectId'>;
  people!: EntityTable<PersonRecord, 'id'>;
  reviewRequests!: EntityTable<ReviewRequestRecord, 'id'>;
  decisions!: EntityTable<DecisionRecord, 'id'>;
  waivers!: EntityTable<WaiverRecord, 'id'>;
  checkRuns!: EntityTable<CheckRunRecord, 'id'>;
  checkReviews!: EntityTable<CheckReviewRecord, 'id'>;
  ethicsAnswers!: EntityTable<EthicsAnswersRecord, 'id'>;
  riskAssessments!: EntityTable<RiskAssessmentRecord, 'id'>;
  signingKeys!: Table<SigningKeyStoreRecord, [string, string]>;
  documents!: EntityTable<DocumentRecord, 'id'>;
  templateFills!: EntityTable<TemplateFillRecord, 'id'>;
  playbookTicks!: EntityTable<PlaybookTickRecord, 'id'>;
  missions!: EntityTable<MissionRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA_V4);
    this.version(5).stores(SCHEMA_V5).upgrade(upgradeToV5);
    this.version(6).stores(SCHEMA_V6).upgrade(upgradeToV6);
    this.version(7).stores(SCHEMA_V7).upgrade(upgradeToV7);
    this.version(8).stores(SCHEMA_V8).upgrade(upgradeToV8);
    this.version(9).stores(SCHEMA_V9);
    this.version(10).stores(SCHEMA_V10);
    this.version(11).stores(SCHEMA_V11);
    this.version(12).stores(SCHEMA_V12);
  }

  /** Every table that holds per-project records (all but settings and the endpoint's counters). */
  projectTables(): Table[] {
    return this.tables.filter((t) => t.name !== 'settings' && t.name !== 'endpointCounters');
  }
}

/** Opens the app's database (created or upgraded on first use). */
export function openDatabase(name = DATABASE_NAME): LifecycleDatabase {
  return new LifecycleDatabase(name);
}
