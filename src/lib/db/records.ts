/**
 * The shapes stored in IndexedDB. Every record carries the ids it came from
 * (run → dataset version → import → project) so lineage can be shown and exported.
 * Times are ISO 8601 strings in UTC; durations are milliseconds.
 */
import type { CanvasFields } from '$lib/core/lifecycle/canvas';
import type { CrispDmPhase } from '$lib/core/lifecycle/crispDm';
import type { SuccessCriterion } from '$lib/core/lifecycle/criteria';
import type { Objective } from '$lib/core/lifecycle/objectives';
import type { ValueEffortItem } from '$lib/core/lifecycle/valueEffort';
import type { StageId } from '$lib/core/lifecycle/stages';
import type { ColumnSchema, MetaValue, SplitName } from '$lib/core/data/dataset';
import type { Slice } from '$lib/core/data/slices';
import type { MetricBucket } from '$lib/core/monitor/buckets';
import type { EndpointCounters } from '$lib/core/serving/prometheus';
import type { ModelLineage } from '$lib/core/registry/modelVersionDocument';
import type { ModelCardEdits } from '$lib/core/registry/modelCardEdits';
import type { RetirementFields } from '$lib/core/registry/retirement';
import type { StoredRowWord } from '$lib/core/lifecycle/rowWord';
import type { LogSettings } from '$lib/core/monitor/logSettings';
import type { RequestContract } from '$lib/core/serving/requestContract';
import type { SegmentRouting } from '$lib/core/serving/segmentRouting';
import type { BusinessSettings } from '$lib/core/monitor/businessValue';
import type { ProductionLineage } from '$lib/core/loop/productionRows';
import type { PromotionRule } from '$lib/core/loop/promotionRule';
import type { RetrainPolicy } from '$lib/core/loop/retrainPolicy';
import type { CanaryRule } from '$lib/core/loop/canaryRule';
import type { ChallengerComparison } from '$lib/core/loop/challengerEval';
import type { RunCurves, RunEvaluation } from '$lib/core/models/runReport';
import type { PolicyDraft, PublishedPolicy } from '$lib/core/governance/policyVersions';
import type { Decision, Person, ReviewRequest, Waiver } from '$lib/core/governance/records';
import type { CheckReview, DatasetCheckSummary, EthicsAnswers } from '$lib/core/governance/facts';
import type { RiskAnswers } from '$lib/core/governance/riskTier';
import type { RiskTier } from '$lib/core/governance/riskQuestions';
import type { SigningKeyRecord } from '$lib/core/governance/signatures';
import type { MissionEvent, MissionId } from '$lib/core/practice/mission';
export type { MissionEvent } from '$lib/core/practice/mission';

export interface ProjectRecord {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  /** Set on projects created from a built-in scenario, e.g. 'support-tickets'. */
  scenario?: string;
  /** What one row is called ("ticket"); absent means the default, read through `rowWordOf`. */
  rowWord?: StoredRowWord;
  /** How long the endpoint's logs are kept and whether texts are masked; absent means the defaults, read through `logSettingsOf`. */
  logging?: LogSettings;
  /** When a challenger is promoted or rolled back on live traffic; absent means the defaults, read through `promotionRuleOf`. */
  promotionRule?: PromotionRule;
  /** When the served model is due for retraining; absent means the defaults, read through `retrainPolicyOf`. */
  retrainPolicy?: RetrainPolicy;
  /** What each named field of a predict request must look like; absent means none, read through `requestContractOf`. */
  requestContract?: RequestContract;
  /** What automatic decisions are worth, the threshold and targets; absent means the defaults, read through `businessOf`. */
  business?: BusinessSettings;
  /** Whether a version that never served must start as a canary; absent means off, read through `canaryRuleOf`. */
  canaryRule?: CanaryRule;
}

/** The Frame stage: one per project. */
export interface CanvasRecord {
  projectId: string;
  fields: CanvasFields;
  crispPhase: CrispDmPhase;
  criteria: SuccessCriterion[];
  /** Criteria from an older version that could not be read as targets; shown for rewriting. */
  unparsedCriteria?: string[];
  /** Objectives and their key results (core/lifecycle/objectives.ts); absent until some are set. */
  objectives?: Objective[];
  /** The Value-vs-Effort matrix's items (core/lifecycle/valueEffort.ts); absent until one is added. */
  valueEffort?: ValueEffortItem[];
  updatedAt: string;
}

/** One file brought into a project. */
export interface ImportRecord {
  id: string;
  projectId: string;
  source: string; // file name, or 'generator:<name>'
  createdAt: string;
  rowCount: number;
  /** Seed of the generator, when the data was generated. */
  seed?: string | number;
}

export type { ColumnType, ColumnSchema, SplitName } from '$lib/core/data/dataset';

/** What made a dataset version, for lineage and for grouping the version list. */
export type VersionChange = 'import' | 'generate' | 'label' | 'bulk-label' | 'merge-labels' | 'split' | 'mask-pii' | 'exclude' | 'production';

/**
 * An immutable version of a dataset. A 'full' version stores all its rows; a 'delta' version
 * stores only the rows it changes or adds (and the keys it removes) on top of its parent, so
 * reading it means replaying the chain from its base (the nearest full ancestor).
 */
export interface DatasetVersionRecord {
  id: string;
  projectId: string;
  importId: string;
  parentId: string | null;
  number: number; // 1, 2, … within the project
  message: string;
  change: VersionChange;
  createdAt: string;
  contentHash: string; // multiset hash of the rows (MurmurHash3 digests summed: see core/data/hash.ts)
  schema: ColumnSchema[];
  rowCount: number;
  classBalance: Record<string, number>;
  storage: 'full' | 'delta';
  /** The nearest full ancestor; null for a full version. */
  baseId: string | null;
  /** Deltas between the base and this version (0 for a full version). */
  depth: number;
  /** Rows stored under this version: all of them, or the delta's upserts. */
  storedRows: number;
  /** Keys this delta removes from its parent. */
  removedKeys: string[];
  split?: SplitInfo;
  /** Set on a `production` version: which deployment and window of logged traffic its new rows came from. */
  production?: ProductionLineage;
}

export interface SplitInfo {
  seed: string | number;
  method: 'stratified' | 'time';
  ratios: [number, number, number];
  counts: Record<SplitName, number>;
}

/**
 * Up to ROW_BLOCK_SIZE consecutive rows of one dataset version, stored as one record: as
 * columns, or (every block written before columns, and rows the columns cannot hold exactly) as
 * JSON. Readers take both (db/rowColumns.ts); no upgrade rewrites the JSON blocks.
 */
export type RowBlockRecord = ColumnRowBlock | JsonRowBlock;

interface RowBlockPlace {
  datasetVersionId: string;
  /** 0, 1, … : block b holds rows b·ROW_BLOCK_SIZE … */
  block: number;
  count: number;
}

export interface JsonRowBlock extends RowBlockPlace {
  /** JSON array of DataRow. */
  rowsJson: string;
}

/** The rows as one array per field, `count` long each (structured clone stores them faster than JSON). */
export interface ColumnRowBlock extends RowBlockPlace {
  /** The columnar form's version. */
  v: 2;
  key: string[];
  text: string[];
  label: (string | null)[];
  /** undefined where a row has none; absent when no row of the block has one. */
  timestamp?: (string | undefined)[];
  /** undefined where a row has none; absent when no row of the block has one. */
  split?: (SplitName | undefined)[];
  /** The metadata columns of the block's rows, in order of first appearance. */
  metaNames: string[];
  /** One array per name: undefined where a row has no such column. */
  metaColumns: (MetaValue | undefined)[][];
}

export interface LabelEventRecord {
  id?: number;
  projectId: string;
  /** The version the change produced. */
  datasetVersionId: string;
  rowKey: string;
  label: string | null;
  previousLabel: string | null;
  at: string;
  by: string;
}

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';
/**
 * One training run: what was trained on what, how, and how well. Only completed runs are stored
 * (a cancelled or failed run leaves the database as it was). `metrics` is flat for sorting and
 * comparing ("test.accuracy"); `evaluation` holds the full per-split report.
 */
export interface RunRecord {
  id: string;
  projectId: string;
  datasetVersionId: string;
  /** The dataset version's number, for display (v3). */
  datasetVersionNumber?: number;
  /** 1, 2, … within the project. */
  number: number;
  createdAt: string;
  status: RunStatus;
  family: string;
  params: Record<string, string | number | boolean | number[]>;
  seed: string | number;
  backend: string;
  /** Why the CPU was used when WebGL was asked for. */
  fallbackReason?: string | null;
  /** How `backend` was chosen: by this device's measurement or by a person for this run, and why (absent on older runs). */
  backendChoice?: { by: 'measurement' | 'person'; reason: string };
  metrics: Record<string, number>;
  curves: RunCurves;
  timings: Record<string, number>;
  appVersion: string;
  classes?: string[];
  vectorizer?: Record<string, unknown>;
  evaluation?: RunEvaluation;
  warnings?: string[];
  /**
   * Set when the run was not trained here but came in with an imported model package: what file,
   * who exported it, and the package's own lineage. Such a run has no `evaluation` report.
   */
  importedFrom?: { fileName: string; exportedBy: string; lineage: ModelLineage };
  /** Set on a run retrained from the champion: champion vs this run on the same rows (core/loop/challengerEval.ts). */
  challenge?: ChallengerComparison;
}

/**
 * A run's trained model, in TF.js layers format plus its fitted vectorizer: stored once, apart
 * from the run record so lists stay light. Every model version registered from the run (or
 * imported with it) reads these files through its `runId`.
 */
export interface RunArtifactRecord {
  runId: string;
  modelTopology: unknown;
  weightSpecs: unknown;
  weightData: ArrayBuffer;
  vectorizer: unknown;
}

/** A model's files without the run they belong to. */
export type ModelFiles = Omit<RunArtifactRecord, 'runId'>;

/** `deprecated` / `retired` (optional, no index): core/registry/retirement.ts decides what they allow. */
export interface ModelVersionRecord extends RetirementFields {
  id: string;
  projectId: string;
  modelName: string;
  version: number;
  runId: string;
  datasetVersionId: string;
  createdAt: string;
  description: string;
  tags: Record<string, string>;
  aliases: string[];
  archived: boolean;
  appVersion: string;
}

/** The owner's text in a model version's card (the rest of the card is generated). */
export interface ModelCardRecord {
  modelVersionId: string;
  projectId: string;
  edits: ModelCardEdits;
  updatedAt: string;
  by: string;
}

/** Every move of an alias (champion, challenger, …) from one version to another, for the audit trail. */
export interface AliasEventRecord {
  id?: number;
  projectId: string;
  modelName: string;
  alias: string;
  /** null when the alias was new. */
  fromVersionId: string | null;
  /** null when the alias was removed. */
  toVersionId: string | null;
  at: string;
  /** The local display name of who moved it. */
  by: string;
  reason: string;
}

/**
 * What the endpoint serves for a project. Deployments are never edited: a new one supersedes the
 * active one, and a rollback re-activates the previous one's traffic as a new record.
 */
export interface DeploymentRecord {
  id: string;
  projectId: string;
  /** The alias the served version was chosen by, e.g. "champion". */
  alias: string;
  /** The version that answers requests. */
  modelVersionId: string;
  createdAt: string;
  status: 'active' | 'superseded' | 'rolled-back';
  /** Who gets what: the served version, and optionally a challenger as canary (percent) or shadow. */
  traffic: { modelVersionId: string; percent: number; mode: 'serve' | 'canary' | 'shadow' }[];
  previousDeploymentId: string | null;
  by?: string;
  reason?: string;
  /** Routing by a request field (core/serving/segmentRouting.ts): each value's version; the served version takes the rest. Exclusive with a challenger. */
  segmentRouting?: SegmentRouting;
}

export interface PredictionLogRecord {
  id?: number;
  projectId: string;
  deploymentId: string;
  modelVersionId: string;
  at: string;
  inputHash: string;
  label: string;
  confidence: number;
  latencyMs: number;
  status: number;
  /** Which model answered: the served version, a canary challenger, or a shadow score (not returned). */
  route?: 'champion' | 'challenger' | 'shadow';
  /** The segment route that answered (`tier=enterprise` or `default`), when the deployment routes by segment. */
  segmentRoute?: string;
  inputLength?: number;
  /** Ground truth, once known. */
  outcome?: string;
  /** How the outcome arrived: the feedback endpoint or an outcomes file (`feedback`, the default when absent) or labelled by a person in the app (`app`). */
  outcomeSource?: 'feedback' | 'app';
  /** When the outcome arrived (ISO), for the outcome delay on the Monitor page; absent on outcomes recorded before it was kept. */
  outcomeAt?: string;
  /** The id the endpoint answered with; a shadow score shares its request's id (v5). */
  predictionId?: string;
  /** The caller's own reference for the text, when the request gave one (v5). */
  ref?: string;
  /**
   * The input as stored (core/monitor/logSettings.ts `loggedText`: up to 10,000 characters, masked
   * when the project asks), on served answers; absent on shadow scores and on logs written before
   * v5 (older served answers kept 2,000 characters). Stored only in this browser.
   */
  text?: string;
  /**
   * The request's named fields when it sent `fields` (e.g. subject and body) instead of one text,
   * each as stored (bounded and masked like `text`); `text` is then the text fields joined. Absent
   * on requests that sent `text`.
   */
  fields?: Record<string, string>;
}

/**
 * One HTTP request the endpoint answered for a project, whatever its route and status (v6): the
 * error rate and availability on the Monitor page count these. A predict request is one record
 * however many texts it sent; its answers are in `predictionLogs`, one per text.
 */
export interface RequestLogRecord {
  id?: number;
  projectId: string;
  at: string;
  /** Route path (`/api/v1/predict`, `/api/v1/feedback`, `/api/v1/health`) or `other`. */
  route: string;
  method: string;
  status: number;
  /** The error code of an error answer (`internal_error`, `unknown_label`, …). */
  code?: string;
  /** The error answer's message. */
  message?: string;
  /** The request field a `contract_violation` concerns. */
  field?: string;
  /** Time to answer, ms. */
  latencyMs: number;
  /** Texts a predict request sent (when it could be read). */
  texts?: number;
  deploymentId?: string;
  /** The version that answered or failed to answer a predict request. */
  modelVersionId?: string;
  /** The segment route a predict request took, when the deployment routes by segment. */
  segmentRoute?: string;
}

/** The endpoint's `/metrics` counters (all projects), stored so they survive a service-worker restart (v6). */
export interface EndpointCountersRecord extends EndpointCounters {
  key: typeof ENDPOINT_COUNTERS_KEY;
}

export const ENDPOINT_COUNTERS_KEY = 'endpoint';

export interface HealthCheckRecord {
  id?: number;
  projectId: string;
  at: string;
  ok: boolean;
  latencyMs: number;
  modelVersionId: string | null;
}

/**
 * One computed drift report. A text drift report (Monitor → Drift) compares the served model's
 * training split with the texts logged in a window: `referenceId` is that dataset version,
 * `summary` counts its checks that carry a drift test (predicted labels, confidence, domain
 * classifier) and `datasetDrift` is the domain classifier's verdict; `details` holds the whole
 * report, a `TextDriftDetails` (core/drift/text/textDriftReport.ts, `kind: 'text-drift'`).
 */
export interface DriftReportRecord {
  id: string;
  projectId: string;
  createdAt: string;
  /** The reference data: the dataset version the compared model was trained on. */
  referenceId: string;
  currentWindow: { from: string; to: string };
  /** Drifted checks (columns of a column report) of all checked. */
  summary: { driftedColumns: number; columns: number; datasetDrift: boolean };
  details: unknown;
}

export interface GateRecord {
  id: string;
  projectId: string;
  /** The stage this gate guards: it blocks entry to it until approved. */
  stage: StageId;
  name: string;
  requirement: string;
  status: 'pending' | 'approved' | 'rejected' | 'waived';
  approver: string | null;
  reason: string;
  at: string;
}

export interface AuditRecord {
  id?: number;
  projectId: string;
  at: string;
  actor: string;
  action: string;
  detail: string;
  /** Ids of the records the action touched, for lineage. */
  refs: Record<string, string>;
  /** The entry's place in its project's hash chain (1, 2, …) and its links: see core/governance/auditChain. */
  seq: number;
  prevHash: string;
  hash: string;
}

/** What a caller writes to the audit log; the chain fields are computed when it is appended. */
export type AuditInput = Omit<AuditRecord, 'id' | 'seq' | 'prevHash' | 'hash'>;

/** A named subset of rows, e.g. "channel = email and tier = enterprise". */
export interface SliceRecord extends Slice {
  projectId: string;
  createdAt: string;
}

/** One minute of endpoint traffic, pre-aggregated so dashboards stay fast at millions of logs. */
export interface MetricBucketRecord {
  projectId: string;
  /** ms since the epoch, minute-aligned. */
  start: number;
  bucket: MetricBucket;
}

/** A published policy version of a project (v9): frozen, never updated, keyed by its number. */
export interface PolicyVersionRecord extends Omit<PublishedPolicy, 'status'> {
  projectId: string;
}

/** The project's one policy draft being edited (v9), keyed by project. */
export interface PolicyDraftRecord extends PolicyDraft {
  projectId: string;
  updatedAt: string;
}

/** Governance records of a project (v9): the core's shapes with the project they belong to. */
export interface PersonRecord extends Person {
  projectId: string;
}
export interface ReviewRequestRecord extends ReviewRequest {
  projectId: string;
}
export interface DecisionRecord extends Decision {
  projectId: string;
}
export interface WaiverRecord extends Waiver {
  projectId: string;
}

/**
 * The Data Ethics Review's stored evidence (v10), per dataset version, append-only: a run of the
 * data checks, a person's "reviewed" mark on a check, the written answers. `at` orders them.
 */
export interface CheckRunRecord extends DatasetCheckSummary {
  id: string;
  projectId: string;
  datasetVersionId: string;
}
export interface CheckReviewRecord extends CheckReview {
  id: string;
  projectId: string;
  datasetVersionId: string;
  personId: string;
}
export interface EthicsAnswersRecord extends EthicsAnswers {
  id: string;
  projectId: string;
  datasetVersionId: string;
  personId: string;
}

/** v11 (issue 15). Who did something, when no role is involved. */
export interface ByPerson {
  personId: string;
  name: string;
}

/** One filling-in of the risk questionnaire, append-only; the newest is the project's current one. */
export interface RiskAssessmentRecord {
  id: string;
  projectId: string;
  answers: RiskAnswers;
  /** The tier `riskTier(answers)` gave when saved (recomputed on read; stored for lists and exports). */
  tier: RiskTier;
  by: ByPerson | null;
  /** ISO time. */
  at: string;
}

/** A person's signing key: the public half as exported, and the private half that never leaves. */
export interface SigningKeyStoreRecord extends SigningKeyRecord {
  projectId: string;
  /** Non-extractable; null for a key that came from a snapshot (it verifies, it cannot sign). */
  privateKey: CryptoKey | null;
}

/** One version of a governed document (the type and its rules: core/documents/governed/flow.ts). */
export { DOCUMENT_KINDS, DOCUMENT_STATUSES, type DocumentKind, type DocumentStatus } from '$lib/core/documents/governed/flow';
export type { DocumentVersion as DocumentRecord } from '$lib/core/documents/governed/flow';

/** A stage template (problem statement, labelling guidelines, …) as a project filled it in. */
export interface TemplateFillRecord {
  id: string;
  projectId: string;
  templateId: string;
  fields: Record<string, string>;
  at: string;
  by: ByPerson | null;
}

/** A playbook item a person ticked (items the app can check from stored state are never stored). */
export interface PlaybookTickRecord {
  /** `${projectId}:${itemId}`: one tick per item. */
  id: string;
  projectId: string;
  itemId: string;
  done: boolean;
  at: string;
  by: ByPerson | null;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** A practice mission's current attempt in this browser (v12): one record per mission. */
export interface MissionRecord {
  id: MissionId;
  /** The project the attempt's template made; null when the mission works elsewhere (the drift lab). */
  projectId: string | null;
  /** 1 for the first attempt; starting over adds one. */
  attempt: number;
  startedAt: string;
  /** The learner's written answers, by the mission's prompt keys (e.g. `rootCause`). */
  notes: Record<string, string>;
  /** What the learner did that no other store keeps, oldest first. */
  events: MissionEvent[];
  /** Where the attempt is that no other store keeps: what the template chose to start from, kept up to date by the page that works on it (e.g. the drift lab's encoded scenario, as the learner left it). */
  start?: Record<string, string | number | boolean>;
}
