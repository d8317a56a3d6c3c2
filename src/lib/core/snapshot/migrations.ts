/**
 * Numbered migrations of snapshot documents: `SNAPSHOT_MIGRATIONS[n]` turns a document of
 * schema version n into version n + 1. Each takes loose input (it runs before validation) and
 * fills what the older version did not have; the result is then validated like any v1 file.
 *
 * Schema version 0 is the pre-release export (tests/unit/snapshot/documents/snapshot.v0.json):
 * - no `options` (rows were included when present; weights never were; nothing was masked);
 * - success criteria as free-text lines `canvas.criteriaText` ("accuracy on test >= 0.9"), read by
 *   the frozen parser the database's v2 upgrade uses too (core/migrations/criteriaText.ts);
 * - every dataset version stored all its rows (no deltas), no label events, no slices;
 * - runs without status, classes, vectorizer, evaluation or warnings;
 * - deployments without traffic split (the version got 100 %), no alias history, no
 *   monitoring, no reports.
 */
import { criteriaFromText } from '../migrations/criteriaText';
import { isJsonObject, type JsonObject, type JsonValue } from './json';
import type { Migration } from '../documents/versioned';

const obj = (v: JsonValue | undefined): JsonObject => (isJsonObject(v) ? v : {});
const list = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);
const orNull = (v: JsonValue | undefined): JsonValue => (v === undefined ? null : v);

/**
 * The ML Canvas boxes of snapshot v1, frozen here (not today's `restoreCanvas`) so that a v0 file
 * migrates to the same v1 canvas whatever later versions do to the canvas.
 */
const CANVAS_KEYS_V1 = [
  'valueProposition', 'predictionTask', 'decisions', 'dataCollection', 'dataSources',
  'impactSimulation', 'makingPredictions', 'buildingModels', 'features', 'monitoring',
] as const;

/** Every v1 box: its text when the v0 canvas had one as a string, blank otherwise; other keys are dropped. */
function canvasFieldsV1(raw: JsonValue | undefined): JsonObject {
  const fields = obj(raw);
  return Object.fromEntries(CANVAS_KEYS_V1.map((key) => [key, typeof fields[key] === 'string' ? fields[key] : '']));
}

function migrateVersion(raw: JsonValue): JsonValue {
  const v = obj(raw);
  const rows = Array.isArray(v.rows) ? v.rows : undefined;
  return {
    ...v,
    change: v.change ?? 'import',
    split: orNull(v.split),
    storage: 'full',
    baseId: null,
    depth: 0,
    storedRows: rows ? rows.length : orNull(v.rowCount),
    removedKeys: [],
  };
}

function migrateRun(raw: JsonValue): JsonValue {
  const r = obj(raw);
  return {
    ...r,
    status: r.status ?? 'completed',
    fallbackReason: orNull(r.fallbackReason),
    appVersion: r.appVersion ?? '',
    classes: orNull(r.classes),
    vectorizer: null,
    evaluation: null,
    warnings: r.warnings ?? [],
  };
}

function migrateDeployment(raw: JsonValue): JsonValue {
  const d = obj(raw);
  return {
    ...d,
    traffic: d.traffic ?? [{ modelVersionId: orNull(d.modelVersionId), percent: 100, mode: 'serve' }],
    previousDeploymentId: orNull(d.previousDeploymentId),
    rollbackOf: null,
    by: orNull(d.by),
    reason: orNull(d.reason),
  };
}

/** Schema version 0 (pre-release) → 1. */
function v0ToV1(doc: JsonObject): JsonObject {
  const project = obj(doc.project);
  const canvas = obj(doc.canvas);
  const datasets = obj(doc.datasets);
  const registry = obj(doc.registry);
  const versions = list(datasets.versions).map(migrateVersion);
  const { criteria, unparsed } = criteriaFromText(list(canvas.criteriaText));
  return {
    kind: doc.kind ?? null,
    schemaVersion: 1,
    appVersion: doc.appVersion ?? '',
    exportedAt: orNull(doc.exportedAt),
    options: { includeRows: versions.some((v) => Array.isArray(obj(v).rows)), includeWeights: false, maskPii: false },
    project: { ...project, description: project.description ?? '', updatedAt: project.updatedAt ?? orNull(project.createdAt), scenario: orNull(project.scenario) },
    canvas: {
      fields: canvasFieldsV1(canvas.fields),
      crispPhase: canvas.crispPhase ?? 'business-understanding',
      criteria: criteria as unknown as JsonValue[],
      unparsedCriteria: unparsed,
      updatedAt: canvas.updatedAt ?? orNull(doc.exportedAt),
    },
    datasets: {
      imports: list(datasets.imports).map((i) => ({ ...obj(i), seed: orNull(obj(i).seed) })),
      versions,
      labelEvents: [],
      slices: [],
    },
    runs: list(doc.runs).map(migrateRun),
    registry: {
      modelVersions: list(registry.modelVersions).map((v) => ({ description: '', tags: {}, aliases: [], archived: false, appVersion: '', ...obj(v) })),
      aliasEvents: [],
      artifacts: [],
      runArtifacts: [],
      modelCards: [],
    },
    deployments: list(doc.deployments).map(migrateDeployment),
    monitoring: { buckets: [], healthChecks: [], daily: [], alerts: [], health: { checks: 0, ok: 0, availability: null, meanLatencyMs: null, first: null, last: null } },
    driftReports: [],
    diagnoses: [],
    gates: list(doc.gates),
    auditLog: list(doc.auditLog).map((e) => ({ refs: {}, ...obj(e) })),
  };
}

/** The governance kinds of schema version 2, frozen here: later versions add kinds by their own migration. */
const GOVERNANCE_KINDS_V2 = ['policyVersions', 'people', 'reviewRequests', 'decisions', 'waivers', 'checkRuns', 'checkReviews', 'ethicsAnswers'];

/**
 * Schema version 1 → 2: a version 1 project had no governance (an empty list of every kind, no
 * draft) and its trail no chain: entries are numbered, their hashes null, and the import chains
 * them in this database as it did for version 1 (snapshotChain.ts).
 */
function v1ToV2(doc: JsonObject): JsonObject {
  const entries = list(doc.auditLog).map((e, i) => ({ ...obj(e), seq: i + 1, prevHash: null, hash: null }));
  const governance: JsonObject = { ...Object.fromEntries(GOVERNANCE_KINDS_V2.map((kind) => [kind, []])), policyDraft: null };
  return { ...doc, schemaVersion: 2, governance, auditLog: entries, auditHead: null };
}

/**
 * Schema version 2 → 3: a version 2 project had no risk assessments, governed documents,
 * template fills or playbook ticks (an empty list of each), no signing keys and no signed
 * decision (an empty signing section). Its decisions and trail are unchanged.
 */
function v2ToV3(doc: JsonObject): JsonObject {
  const governance: JsonObject = { ...obj(doc.governance), riskAssessments: [], documents: [], templateFills: [], playbookTicks: [] };
  const { auditLog, auditHead, ...rest } = doc;
  // The signing section sits before the trail, as in an export.
  return {
    ...rest, schemaVersion: 3, governance, signing: { keys: [], signOffs: [] },
    ...(auditLog === undefined ? {} : { auditLog }), ...(auditHead === undefined ? {} : { auditHead }),
  };
}

export const SNAPSHOT_MIGRATIONS: Readonly<Record<number, Migration>> = { 0: v0ToV1, 1: v1ToV2, 2: v2ToV3 };
