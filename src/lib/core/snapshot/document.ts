/**
 * The lifecycle snapshot: one project's whole state as one versioned JSON document, published
 * as `public/schema/snapshot-v3.json` (versions 1 and 2 stay published: `snapshot-v1.json`,
 * `snapshot-v2.json`). PMs archive, share, diff and re-import it.
 *
 * Schema version 3 adds, in governance, the risk assessments, governed documents (every
 * version), template fills and playbook ticks, each decision's `signature`; and `signing`
 * (signing.ts): the people's public keys and one sign-off per signed decision, the section
 * scripts/verify-signatures.mjs reads. The import verifies every signature before writing.
 * Later additions to version 3, optional so older v3 files still read: the canvas's
 * `objectives` (key results linked to criteria and business targets) and `valueEffort` items.
 *
 * Schema version 2 adds governance (governance.ts: policy versions and the draft, people, review
 * requests, decisions, waivers, and the Data Ethics Review's evidence — check runs, "reviewed"
 * marks, written answers) and the audit chain: each entry's `seq`, `prevHash` and `hash`,
 * and `auditHead`, the newest entry's seq and hash (snapshotChain.ts verifies them on import).
 *
 * Layout decisions (schema version 1):
 * - Flat wrapper: `kind` and `schemaVersion` first, then the sections; every section is always
 *   present (empty lists rather than absent keys), so readers never guess.
 * - Ids are the database's ids, kept so references resolve inside the document; an import
 *   gives every record a fresh id. Lists are in a stable order (numbers, names, insertion
 *   order), so export → import → export differs only in ids and times.
 * - Rows are stored as the database stores them: a full version carries all its rows, a delta
 *   version only the rows it adds or changes (its `removedKeys` say what it drops). Replaying a
 *   chain gives every version's rows; that is how import checks row counts, class balance and
 *   content hashes. `rows` is present exactly when `options.includeRows`, and so are label events.
 * - Model files: `registry.artifacts` per model version and `registry.runArtifacts` for runs
 *   never registered (a registered run's files are its version's, stored once); weights as
 *   base64 of the little-endian TF.js weight buffer. Both lists are empty unless `includeWeights`.
 *   The owners' model card text (`registry.modelCards`) is always included.
 * - Monitoring keeps the minute buckets (exact, mergeable, histograms as non-zero bins; an
 *   import writes them back) and the health probes, plus what is derived from them for people: daily aggregates, the alerts of
 *   the production criteria over those days, and a health summary. Derived parts are
 *   recomputed on export and ignored on import. Prediction logs themselves are not exported.
 * - Numbers JSON cannot carry (NaN: "not measured") are written as null.
 * - Drift reports and diagnoses are generic items for now: `{ id, createdAt, kind, title, document }`.
 */
import type { ProductionLineage } from '../loop/productionRows';
import type { CanvasFields } from '../lifecycle/canvas';
import type { ProjectSettings } from './projectSettings';
import type { CrispDmPhase } from '../lifecycle/crispDm';
import type { SuccessCriterion, Comparator, MetricId } from '../lifecycle/criteria';
import type { Objective } from '../lifecycle/objectives';
import type { ValueEffortItem } from '../lifecycle/valueEffort';
import type { GateStatus, StageId } from '../lifecycle/stages';
import type { ColumnSchema, DataRow, SplitName } from '../data/dataset';
import type { SliceCondition } from '../data/slices';
import type { ModelCardEdits } from '../registry/modelCardEdits';
import type { Deprecation, Retirement } from '../registry/retirement';
import type { SnapshotBucket } from './bucketEncoding';
import type { BusinessFactsInput } from '../monitor/businessText';
import type { JsonObject } from './json';
import type { SnapshotGovernance } from './governance';
import type { SnapshotSigning } from './signing';

export const SNAPSHOT_KIND = 'lifecycle-lab/snapshot';
export const SNAPSHOT_SCHEMA_VERSION = 3;
/** Where the published schema is served from (also its `$id` path). */
export const SNAPSHOT_SCHEMA_PATH = '/schema/snapshot-v3.json';

export interface SnapshotOptions {
  /** Dataset rows (and label events) are in the document. */
  includeRows: boolean;
  /** Model files (topology, weights, vectorizer) are in the document. */
  includeWeights: boolean;
  /** Emails, card and phone numbers in free text were replaced by [EMAIL], [CARD], [PHONE]. */
  maskPii: boolean;
}

export interface SnapshotProject extends ProjectSettings {
  id: string;
  name: string;
  description: string;
  createdAt: string;
  updatedAt: string;
  scenario: string | null;
  /** What one row is called; absent in older documents (then `rowWordOf` decides). */
  rowWord?: { singular: string; plural?: string };
}

export interface SnapshotCanvas {
  fields: CanvasFields;
  crispPhase: CrispDmPhase;
  criteria: SuccessCriterion[];
  /** Criteria an older version could not read as targets, kept as text. */
  unparsedCriteria: string[];
  /** Objectives and key results (lifecycle/objectives.ts); absent when none were ever set. */
  objectives?: Objective[];
  /** The Value-vs-Effort matrix (lifecycle/valueEffort.ts); absent when no item was ever added. */
  valueEffort?: ValueEffortItem[];
  updatedAt: string;
}

export interface SnapshotImport {
  id: string;
  source: string;
  createdAt: string;
  rowCount: number;
  seed: string | number | null;
}

export const VERSION_CHANGES = ['import', 'generate', 'label', 'bulk-label', 'merge-labels', 'split', 'mask-pii', 'exclude', 'production'] as const;
export type SnapshotVersionChange = (typeof VERSION_CHANGES)[number];

export interface SnapshotSplit {
  seed: string | number;
  method: 'stratified' | 'time';
  ratios: [number, number, number];
  counts: Record<SplitName, number>;
}

export interface SnapshotDatasetVersion {
  id: string;
  importId: string;
  parentId: string | null;
  number: number;
  message: string;
  change: SnapshotVersionChange;
  createdAt: string;
  /** Multiset hash of the version's rows (core/data/hash.ts), 32 hex digits. */
  contentHash: string;
  schema: ColumnSchema[];
  rowCount: number;
  /** Rows per label; unlabelled rows under ''. */
  classBalance: Record<string, number>;
  split: SnapshotSplit | null;
  /** On a `production` version: the deployment and window of logged traffic its new rows came from (absent otherwise). */
  production?: ProductionLineage;
  storage: 'full' | 'delta';
  baseId: string | null;
  depth: number;
  storedRows: number;
  removedKeys: string[];
  /** Only with `includeRows`: all rows of a full version, the upserts of a delta. */
  rows?: DataRow[];
}

export interface SnapshotLabelEvent {
  datasetVersionId: string;
  rowKey: string;
  label: string | null;
  previousLabel: string | null;
  at: string;
  by: string;
}

export interface SnapshotSlice {
  id: string;
  name: string;
  where: SliceCondition[];
  createdAt: string;
}

export type SnapshotParam = string | number | boolean | number[];

export interface SnapshotRun {
  id: string;
  /** null for a run that came in with an imported model package (see importedFrom). */
  datasetVersionId: string | null;
  number: number;
  createdAt: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  family: string;
  params: Record<string, SnapshotParam>;
  seed: string | number;
  backend: string;
  fallbackReason: string | null;
  /** Flat "<split>.<metric>" → value; unmeasured (non-finite) values are left out. */
  metrics: Record<string, number>;
  /** Learning curves per epoch; null where a value was not measured. */
  curves: Record<string, (number | null)[]>;
  timings: Record<string, number>;
  appVersion: string;
  classes: string[] | null;
  vectorizer: JsonObject | null;
  /** The run's report (models/runReport.ts RunEvaluation), NaN written as null. */
  evaluation: JsonObject | null;
  warnings: string[];
  /** Set when the run was not trained here but imported with a model package: the file, who exported it, its own lineage. */
  importedFrom?: { fileName: string; exportedBy: string; lineage: JsonObject };
  /** A challenger's comparison with the champion it was retrained from (core/loop/challengerEval.ts), NaN written as null. */
  challenge?: JsonObject;
}

export interface SnapshotModelVersion {
  id: string;
  modelName: string;
  version: number;
  runId: string;
  datasetVersionId: string | null;
  createdAt: string;
  description: string;
  tags: Record<string, string>;
  aliases: string[];
  archived: boolean;
  appVersion: string;
  /** Absent until deprecated / retired (core/registry/retirement.ts); ids are this snapshot's. */
  deprecated?: Deprecation;
  retired?: Retirement;
}

export interface SnapshotAliasEvent {
  modelName: string;
  alias: string;
  fromVersionId: string | null;
  toVersionId: string | null;
  at: string;
  by: string;
  reason: string;
}

export interface SnapshotWeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
}

/** A trained model in TF.js layers format plus its fitted vectorizer. */
export interface SnapshotModelFiles {
  modelTopology: JsonObject;
  weightSpecs: SnapshotWeightSpec[];
  /** The weight buffer, base64. */
  weightData: string;
  vectorizer: JsonObject;
}

export interface SnapshotArtifact extends SnapshotModelFiles {
  modelVersionId: string;
}

export interface SnapshotRunArtifact extends SnapshotModelFiles {
  runId: string;
}

/** The owner's text in a model version's card (the rest of the card is generated). */
export interface SnapshotModelCard {
  modelVersionId: string;
  edits: ModelCardEdits;
  updatedAt: string;
  by: string;
}

export interface SnapshotTraffic {
  modelVersionId: string;
  percent: number;
  mode: 'serve' | 'canary' | 'shadow';
}

export interface SnapshotDeployment {
  id: string;
  alias: string;
  modelVersionId: string;
  createdAt: string;
  status: 'active' | 'superseded' | 'rolled-back';
  traffic: SnapshotTraffic[];
  previousDeploymentId: string | null;
  /** Derived: the deployment this one rolled back (null for an ordinary deploy). */
  rollbackOf: string | null;
  by: string | null;
  reason: string | null;
}

export interface SnapshotVersionDay {
  modelVersionId: string;
  requests: number;
  errors: number;
  answered: number;
  labelled: number;
  accuracy: number | null;
}

/** One UTC day of endpoint traffic, derived from the minute buckets. */
export interface SnapshotDailyAggregate {
  /** YYYY-MM-DD, UTC. */
  day: string;
  /** HTTP requests answered (a batch of texts is one); 0 for days before requests were logged. */
  requests: number;
  /** Served predictions (champion + challenger), one per text; absent in snapshots written before requests were logged. */
  predictions?: number;
  /** Server errors among the requests. */
  errors: number;
  errorRate: number | null;
  /** Requests answered without a server error / requests; absent in older snapshots. */
  availability?: number | null;
  /** Latency percentiles estimated from the histogram, mean and max; ms. */
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; mean: number | null; max: number | null };
  answered: number;
  meanConfidence: number | null;
  lowConfidenceShare: number | null;
  /** Answers per predicted label. */
  labelMix: Record<string, number>;
  labelled: number;
  accuracy: number | null;
  routes: { champion: number; challenger: number; shadow: number };
  /** Per model version, shadow included, in registry order. */
  versions: SnapshotVersionDay[];
}

/** An alert of a production criterion over the exported days (monitor/alerts.ts). */
export interface SnapshotAlert {
  criterionId: string;
  metric: MetricId;
  scope: 'window' | 'steps';
  /** ms since the epoch: [from, to). */
  window: { from: number; to: number };
  steps: number;
  measured: number;
  worst: number;
  samples: number;
  threshold: number;
  comparator: Comparator;
  message: string;
}

export interface SnapshotHealthCheck {
  at: string;
  ok: boolean;
  latencyMs: number;
  modelVersionId: string | null;
}

export interface SnapshotHealthSummary {
  checks: number;
  ok: number;
  availability: number | null;
  meanLatencyMs: number | null;
  first: string | null;
  last: string | null;
}

/**
 * The business figures of the exported traffic (monitor/businessMetrics.ts): the last 7 days,
 * ending with the newest bucket (from the start of the first day with traffic when younger),
 * under the project's business settings at export. Derived, for people.
 */
export interface SnapshotBusiness extends BusinessFactsInput {
  from: string;
  to: string;
  /** Messages of the business targets' alerts over the span, judged per day. */
  alerts: string[];
}

export interface SnapshotMonitoring {
  /** Minute buckets of endpoint traffic by start (monitor/buckets.ts, histograms sparse); `versions` keys are model version ids. */
  buckets: SnapshotBucket[];
  healthChecks: SnapshotHealthCheck[];
  /** Derived, for people. */
  daily: SnapshotDailyAggregate[];
  alerts: SnapshotAlert[];
  health: SnapshotHealthSummary;
  /** Derived: business figures; absent in documents written before them, null without traffic. */
  business?: SnapshotBusiness | null;
}

/** A report kept as a document: drift reports and diagnoses. */
export interface SnapshotReport {
  id: string;
  createdAt: string;
  kind: string;
  title: string;
  document: JsonObject;
}

export interface SnapshotGate {
  id: string;
  stage: StageId;
  name: string;
  requirement: string;
  status: GateStatus;
  approver: string | null;
  reason: string;
  at: string;
}

export interface SnapshotAuditEntry {
  /** Position in the project's chain: 1, 2, 3 … */
  seq: number;
  at: string;
  actor: string;
  action: string;
  detail: string;
  /** Ids of the records the action touched (some may name records deleted since), and what a governance record says. */
  refs: Record<string, string>;
  /** The previous entry's hash and this entry's (SHA-256, hex); null only in a document migrated from schema version 1. */
  prevHash: string | null;
  hash: string | null;
}

/** The newest entry of the chain: what a later copy of the trail must still contain. */
export interface SnapshotAuditHead {
  seq: number;
  hash: string;
}

export interface SnapshotDocument {
  kind: typeof SNAPSHOT_KIND;
  schemaVersion: typeof SNAPSHOT_SCHEMA_VERSION;
  appVersion: string;
  exportedAt: string;
  options: SnapshotOptions;
  project: SnapshotProject;
  canvas: SnapshotCanvas;
  datasets: {
    imports: SnapshotImport[];
    versions: SnapshotDatasetVersion[];
    labelEvents: SnapshotLabelEvent[];
    slices: SnapshotSlice[];
  };
  runs: SnapshotRun[];
  registry: {
    modelVersions: SnapshotModelVersion[];
    aliasEvents: SnapshotAliasEvent[];
    artifacts: SnapshotArtifact[];
    runArtifacts: SnapshotRunArtifact[];
    modelCards: SnapshotModelCard[];
  };
  deployments: SnapshotDeployment[];
  monitoring: SnapshotMonitoring;
  driftReports: SnapshotReport[];
  diagnoses: SnapshotReport[];
  gates: SnapshotGate[];
  governance: SnapshotGovernance;
  signing: SnapshotSigning;
  auditLog: SnapshotAuditEntry[];
  /** Null when the trail is empty or came from schema version 1 unchained. */
  auditHead: SnapshotAuditHead | null;
}
