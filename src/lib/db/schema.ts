/**
 * IndexedDB store definitions per schema version, in Dexie's index syntax (first key is the
 * primary key; `++` auto-increments; `[a+b]` is a compound index). A version lists only the
 * stores it changes. Never edit a released version: add a new one with its upgrade.
 */
export const SCHEMA_V1 = {
  projects: 'id, name, createdAt',
  canvases: 'projectId',
  imports: 'id, projectId, createdAt',
  datasetVersions: 'id, projectId, createdAt, contentHash, parentId',
  rows: '++id, datasetVersionId, [datasetVersionId+index]',
  labelEvents: '++id, projectId, datasetVersionId, rowKey, at',
  runs: 'id, projectId, datasetVersionId, createdAt, status',
  modelVersions: 'id, projectId, [projectId+modelName+version], runId, createdAt',
  artifacts: 'modelVersionId',
  deployments: 'id, projectId, createdAt, status',
  predictionLogs: '++id, projectId, [projectId+at], deploymentId, modelVersionId',
  healthChecks: '++id, projectId, [projectId+at]',
  driftReports: 'id, projectId, createdAt',
  gates: 'id, projectId, stage, status',
  auditLog: '++id, projectId, at',
  settings: 'key',
} as const;

/**
 * v2: projects gain `updatedAt` (lists sort by last change), the audit log is read per
 * project in time order, and success criteria become structured targets instead of the
 * free-text lines v1 stored in `canvases.criteriaText`.
 */
export const SCHEMA_V2 = {
  projects: 'id, name, createdAt, updatedAt',
  auditLog: '++id, projectId, at, [projectId+at]',
} as const;

/**
 * v3: dataset versions can be deltas on a base version (every label change is a version); a
 * row's label history is read per project and row key; rows are stored in blocks of
 * `ROW_BLOCK_SIZE` as one JSON string each — IndexedDB's cost is per record, so 100k rows as
 * 50 records write an order of magnitude faster than as 100k records.
 */
export const SCHEMA_V3 = {
  datasetVersions: 'id, projectId, createdAt, contentHash, parentId, baseId',
  labelEvents: '++id, projectId, datasetVersionId, rowKey, at, [projectId+rowKey]',
  rowBlocks: '[datasetVersionId+block], datasetVersionId',
} as const;

/**
 * v4: the per-row table of v1–v3 is gone (v3's upgrade moved its rows into blocks); slices
 * (named row subsets that later stages report metrics on) are stored per project; a training
 * run's model (weights, topology, vectorizer) is kept apart from the run record.
 */
export const SCHEMA_V4 = {
  rows: null,
  slices: 'id, projectId',
  runArtifacts: 'runId',
  aliasEvents: '++id, projectId, [projectId+modelName], at',
  metricBuckets: '[projectId+start], projectId',
} as const;

/**
 * v5: each prediction has an id the endpoint returns (shared by the served answer and its shadow
 * score) and may carry the caller's own reference: ground truth that arrives later finds its
 * prediction by either. Older logs get an id from their row number.
 */
export const SCHEMA_V5 = {
  predictionLogs: '++id, projectId, [projectId+at], deploymentId, modelVersionId, predictionId, [projectId+ref]',
  modelCards: 'modelVersionId, projectId',
} as const;

/**
 * v6: the endpoint logs every request it answers, errors included (one record per request, not
 * per text), and keeps its `/metrics` counters across service-worker restarts. Minute buckets
 * gain request counts (`calls`): the upgrade derives them from the stored prediction logs, in
 * which every request so far was a 200 answer.
 */
export const SCHEMA_V6 = {
  requestLogs: '++id, projectId, [projectId+at]',
  endpointCounters: 'key',
} as const;

/**
 * v7: a model's files are stored once, with the run that trained (or, for an imported package,
 * brought) it: `runArtifacts`, keyed by run id. Model versions read them through their run, so
 * the per-version copies registering made are gone, and so is their store.
 */
export const SCHEMA_V7 = {
  artifacts: null,
} as const;

/**
 * v8: the audit log is a hash chain per project (tamper-evident): each entry has its place in the
 * chain (`seq`, unique per project, so two writers can never fork it), the previous entry's hash
 * and its own. The upgrade chains the stored entries of each project in the order they were written.
 */
export const SCHEMA_V8 = {
  auditLog: '++id, projectId, at, [projectId+at], &[projectId+seq]',
} as const;

/**
 * v9: governance is stored per project: the policy's published versions (frozen, keyed by their
 * number) and its one draft, the people who act in its roles, and the append-only review
 * requests, decisions and waivers. New stores only: nothing to upgrade.
 */
export const SCHEMA_V9 = {
  policyVersions: '[projectId+version], projectId',
  policyDrafts: 'projectId',
  people: 'id, projectId',
  reviewRequests: 'id, projectId, [projectId+gateId]',
  decisions: 'id, projectId, requestId',
  waivers: 'id, projectId',
} as const;

/**
 * v10: the Data Ethics Review's evidence is stored per dataset version: each run of the data
 * checks (a summary, naming the content hash it ran on), people's "reviewed" marks on the checks
 * and the review's written answers — all append-only, read newest first through
 * `[datasetVersionId+at]`. New stores only: nothing to upgrade.
 */
export const SCHEMA_V10 = {
  checkRuns: 'id, projectId, [datasetVersionId+at]',
  checkReviews: 'id, projectId, [datasetVersionId+at]',
  ethicsAnswers: 'id, projectId, [datasetVersionId+at]',
} as const;

/**
 * v11: governance for high-risk models (issue 15): the risk questionnaire's answers per project
 * (append-only, newest is current), each person's signing keys (the private half non-extractable;
 * null when the key came from a snapshot: it verifies, it cannot sign — the person's next decision
 * here makes a new key, so a person may have several, keyed by person and fingerprint), the documents a reviewer
 * reads (every version a record), and the filled stage templates and playbook ticks. New stores
 * only: nothing to upgrade.
 */
export const SCHEMA_V11 = {
  riskAssessments: 'id, projectId, [projectId+at]',
  signingKeys: '[personId+fingerprint], personId, projectId',
  documents: 'id, projectId, [projectId+kind+subjectId]',
  templateFills: 'id, projectId',
  playbookTicks: 'id, projectId',
} as const;

/**
 * v12: practice missions (issue 17): one record per mission in this browser — the project its
 * template made, the attempt, the learner's written answers and the actions no other store keeps.
 * A new store only: nothing to upgrade.
 */
export const SCHEMA_V12 = {
  missions: 'id, projectId',
} as const;

export const CURRENT_SCHEMA_VERSION = 12;
