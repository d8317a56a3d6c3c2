/**
 * The checks a schema cannot express, run on a document that already matches it: ids unique,
 * every reference resolving to a record of the right kind, versions numbered once each, delta
 * chains well formed, options agreeing with what is present, criteria valid targets, objectives and
 * Value-vs-Effort items linked to criteria and key results that exist, weights
 * as long as their specs say, and the rows agreeing with their versions (checkRows.ts).
 */
import { projectSettingsProblems } from './projectSettings';
import type { ProductionLineage } from '../loop/productionRows';
import { validateCriterion } from '../lifecycle/criteria';
import { keyResultIds, objectivesProblems } from '../lifecycle/objectives';
import { valueEffortProblems } from '../lifecycle/valueEffort';
import { checkVersionRows } from './checkRows';
import { readDriftReportItem } from './reports';
import { binProblem } from './bucketEncoding';
import { pointer, preview, type SnapshotProblem } from './problems';
import type { SnapshotDocument, SnapshotModelFiles, SnapshotModelVersion } from './document';
import { checkGovernance } from './governance';
import { checkSigning } from './signing';

const BYTES_PER_ELEMENT = { float32: 4, int32: 4, bool: 1 } as const;

/** Decoded length of padded base64 text. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

function checkFiles(files: SnapshotModelFiles, at: string, problems: SnapshotProblem[]): void {
  const expected = files.weightSpecs.reduce((sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * BYTES_PER_ELEMENT[s.dtype], 0);
  const actual = base64Bytes(files.weightData);
  if (expected !== actual) problems.push({ path: pointer(at, 'weightData'), message: `holds ${actual} bytes but weightSpecs need ${expected}.` });
}

/** Problems of a schema-valid document; [] when it can be imported. */
export function checkSnapshot(doc: SnapshotDocument): SnapshotProblem[] {
  const problems: SnapshotProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  const ids = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = ids.get(id);
    if (first !== undefined) fail(pointer(path, 'id'), `repeats the id ${preview(id)} of ${first}.`);
    else ids.set(id, path);
  };
  const { datasets, registry } = doc;
  claim(doc.project.id, '/project');
  datasets.imports.forEach((x, i) => claim(x.id, pointer('/datasets/imports', i)));
  datasets.versions.forEach((x, i) => claim(x.id, pointer('/datasets/versions', i)));
  datasets.slices.forEach((x, i) => claim(x.id, pointer('/datasets/slices', i)));
  doc.runs.forEach((x, i) => claim(x.id, pointer('/runs', i)));
  registry.modelVersions.forEach((x, i) => claim(x.id, pointer('/registry/modelVersions', i)));
  doc.deployments.forEach((x, i) => claim(x.id, pointer('/deployments', i)));
  doc.driftReports.forEach((x, i) => claim(x.id, pointer('/driftReports', i)));
  doc.diagnoses.forEach((x, i) => claim(x.id, pointer('/diagnoses', i)));
  doc.gates.forEach((x, i) => claim(x.id, pointer('/gates', i)));

  if (!doc.project.name.trim()) fail('/project/name', 'must not be blank.');
  for (const { key, message } of projectSettingsProblems(doc.project)) fail(pointer('/project', key), message);

  const criterionIds = new Set<string>();
  doc.canvas.criteria.forEach((c, i) => {
    const at = pointer('/canvas/criteria', i);
    for (const problem of validateCriterion(c)) fail(at, problem);
    if (criterionIds.has(c.id)) fail(pointer(at, 'id'), `repeats the criterion id ${preview(c.id)}.`);
    criterionIds.add(c.id);
  });
  const objectives = doc.canvas.objectives ?? [];
  for (const p of objectivesProblems(objectives, criterionIds, '/canvas/objectives')) fail(p.path, p.message);
  for (const p of valueEffortProblems(doc.canvas.valueEffort ?? [], criterionIds, keyResultIds(objectives), '/canvas/valueEffort')) fail(p.path, p.message);

  const importIds = new Set(datasets.imports.map((x) => x.id));
  const versions = new Map(datasets.versions.map((v) => [v.id, v]));
  const numbers = new Set<number>();
  datasets.versions.forEach((v, i) => {
    const at = pointer('/datasets/versions', i);
    if (numbers.has(v.number)) fail(pointer(at, 'number'), `repeats dataset version number ${v.number}.`);
    numbers.add(v.number);
    if (!importIds.has(v.importId)) fail(pointer(at, 'importId'), `names no import of this snapshot (${preview(v.importId)}).`);
    const parent = v.parentId === null ? null : versions.get(v.parentId);
    if (parent === undefined) fail(pointer(at, 'parentId'), `names no dataset version of this snapshot (${preview(v.parentId)}).`);
    else if (parent && parent.number >= v.number) fail(pointer(at, 'parentId'), `names version ${parent.number}, which is not older than version ${v.number}.`);
    if (v.storage === 'full') {
      if (v.baseId !== null || v.depth !== 0 || v.removedKeys.length) fail(at, 'a full version has baseId null, depth 0 and no removedKeys.');
      if (v.storedRows !== v.rowCount) fail(pointer(at, 'storedRows'), `a full version stores all its rows (${v.rowCount}), not ${v.storedRows}.`);
    } else if (!parent) {
      fail(pointer(at, 'parentId'), 'a delta version needs the version it builds on.');
    } else {
      const base = parent.storage === 'full' ? parent.id : parent.baseId;
      if (v.baseId !== base) fail(pointer(at, 'baseId'), `must be ${preview(base)}, the nearest full ancestor.`);
      if (v.depth !== parent.depth + 1) fail(pointer(at, 'depth'), `must be ${parent.depth + 1} (its parent's depth + 1).`);
    }
    if (v.production) checkProduction(v.production, pointer(at, 'production'), fail);
    if (doc.options.includeRows !== (v.rows !== undefined)) {
      fail(pointer(at, 'rows'), doc.options.includeRows ? 'is missing although options.includeRows is true.' : 'is present although options.includeRows is false.');
    }
  });
  if (doc.options.includeRows && problems.length === 0) problems.push(...checkVersionRows(datasets.versions));

  if (!doc.options.includeRows && datasets.labelEvents.length) fail('/datasets/labelEvents', 'must be empty unless options.includeRows.');
  datasets.labelEvents.forEach((e, i) => {
    if (!versions.has(e.datasetVersionId)) fail(pointer('/datasets/labelEvents', i, 'datasetVersionId'), `names no dataset version of this snapshot (${preview(e.datasetVersionId)}).`);
  });

  const runs = new Map(doc.runs.map((r) => [r.id, r]));
  const runNumbers = new Set<number>();
  doc.runs.forEach((r, i) => {
    const at = pointer('/runs', i);
    if (r.datasetVersionId === null) {
      if (!r.importedFrom) fail(pointer(at, 'datasetVersionId'), 'may be null only for a run imported with a model package (importedFrom).');
    } else if (!versions.has(r.datasetVersionId)) fail(pointer(at, 'datasetVersionId'), `names no dataset version of this snapshot (${preview(r.datasetVersionId)}).`);
    if (runNumbers.has(r.number)) fail(pointer(at, 'number'), `repeats run number ${r.number}.`);
    runNumbers.add(r.number);
  });

  const modelVersions = new Map(registry.modelVersions.map((v) => [v.id, v]));
  const versionKeys = new Set<string>();
  const aliasHolders = new Map<string, string>();
  registry.modelVersions.forEach((v, i) => {
    const at = pointer('/registry/modelVersions', i);
    const run = runs.get(v.runId);
    if (!run) fail(pointer(at, 'runId'), `names no run of this snapshot (${preview(v.runId)}).`);
    if (v.datasetVersionId !== null && !versions.has(v.datasetVersionId)) fail(pointer(at, 'datasetVersionId'), `names no dataset version of this snapshot (${preview(v.datasetVersionId)}).`);
    else if (run && run.datasetVersionId !== v.datasetVersionId) fail(pointer(at, 'datasetVersionId'), 'must be the dataset version its run trained on.');
    const key = `${v.modelName}\u0000${v.version}`;
    if (versionKeys.has(key)) fail(pointer(at, 'version'), `repeats ${v.modelName} version ${v.version}.`);
    versionKeys.add(key);
    if (v.archived && v.aliases.length) fail(pointer(at, 'aliases'), 'an archived version holds no alias.');
    checkRetirement(v, at, fail);
    for (const alias of v.aliases) {
      const holder = `${v.modelName}\u0000${alias}`;
      if (aliasHolders.has(holder)) fail(pointer(at, 'aliases'), `${v.modelName} @${alias} points at two versions.`);
      aliasHolders.set(holder, v.id);
    }
  });
  const versionOf = (id: string | null, modelName: string, at: string) => {
    if (id === null) return;
    const v = modelVersions.get(id);
    if (!v) fail(at, `names no model version of this snapshot (${preview(id)}).`);
    else if (v.modelName !== modelName) fail(at, `names a version of ${preview(v.modelName)}, not of ${preview(modelName)}.`);
  };
  registry.modelVersions.forEach((v, i) => {
    const id = v.deprecated?.replacementId;
    const at = pointer('/registry/modelVersions', i, 'deprecated', 'replacementId');
    if (id === v.id) fail(at, 'a version cannot replace itself.');
    else if (id) versionOf(id, v.modelName, at);
  });
  registry.aliasEvents.forEach((e, i) => {
    versionOf(e.fromVersionId, e.modelName, pointer('/registry/aliasEvents', i, 'fromVersionId'));
    versionOf(e.toVersionId, e.modelName, pointer('/registry/aliasEvents', i, 'toVersionId'));
  });

  if (!doc.options.includeWeights && (registry.artifacts.length || registry.runArtifacts.length)) {
    fail('/registry', 'artifacts and runArtifacts must be empty unless options.includeWeights.');
  }
  const withFiles = new Set<string>();
  registry.artifacts.forEach((a, i) => {
    const at = pointer('/registry/artifacts', i);
    if (!modelVersions.has(a.modelVersionId)) fail(pointer(at, 'modelVersionId'), `names no model version of this snapshot (${preview(a.modelVersionId)}).`);
    if (withFiles.has(a.modelVersionId)) fail(pointer(at, 'modelVersionId'), 'this version already has its files.');
    withFiles.add(a.modelVersionId);
    checkFiles(a, at, problems);
  });
  registry.runArtifacts.forEach((a, i) => {
    const at = pointer('/registry/runArtifacts', i);
    if (!runs.has(a.runId)) fail(pointer(at, 'runId'), `names no run of this snapshot (${preview(a.runId)}).`);
    if (withFiles.has(a.runId)) fail(pointer(at, 'runId'), 'this run already has its files.');
    withFiles.add(a.runId);
    checkFiles(a, at, problems);
  });

  const carded = new Set<string>();
  registry.modelCards.forEach((c, i) => {
    const at = pointer('/registry/modelCards', i, 'modelVersionId');
    if (!modelVersions.has(c.modelVersionId)) fail(at, `names no model version of this snapshot (${preview(c.modelVersionId)}).`);
    if (carded.has(c.modelVersionId)) fail(at, 'this version already has its card.');
    carded.add(c.modelVersionId);
  });

  const deploymentIds = new Set(doc.deployments.map((d) => d.id));
  const known = (id: string, at: string) => {
    if (!modelVersions.has(id)) fail(at, `names no model version of this snapshot (${preview(id)}).`);
  };
  let active = 0;
  doc.deployments.forEach((d, i) => {
    const at = pointer('/deployments', i);
    known(d.modelVersionId, pointer(at, 'modelVersionId'));
    d.traffic.forEach((t, j) => known(t.modelVersionId, pointer(at, 'traffic', j, 'modelVersionId')));
    for (const field of ['previousDeploymentId', 'rollbackOf'] as const) {
      const ref = d[field];
      if (ref !== null && !deploymentIds.has(ref)) fail(pointer(at, field), `names no deployment of this snapshot (${preview(ref)}).`);
    }
    if (d.status === 'active' && ++active > 1) fail(pointer(at, 'status'), 'a project has at most one active deployment.');
  });

  const starts = new Set<number>();
  doc.monitoring.buckets.forEach((b, i) => {
    const at = pointer('/monitoring/buckets', i);
    if (b.start % b.sizeMs !== 0) fail(pointer(at, 'start'), 'must be a whole minute.');
    if (starts.has(b.start)) fail(pointer(at, 'start'), 'repeats the minute of another bucket.');
    starts.add(b.start);
    const bins = binProblem(b);
    if (bins) fail(at, bins);
    for (const id of Object.keys(b.versions)) known(id, pointer(at, 'versions', id));
    for (const id of Object.keys(b.calls?.versions ?? {})) known(id, pointer(at, 'calls', 'versions', id));
  });
  doc.monitoring.healthChecks.forEach((h, i) => {
    if (h.modelVersionId !== null) known(h.modelVersionId, pointer('/monitoring/healthChecks', i, 'modelVersionId'));
  });
  doc.driftReports.forEach((r, i) => {
    const fields = readDriftReportItem(r);
    if (typeof fields === 'string') fail(pointer('/driftReports', i), fields);
  });
  checkGovernance(doc.governance, doc.project.id, versions, fail);
  checkSigning(doc, fail);
  return problems;
}

/** Deprecation and retirement facts that cannot be right, whatever the schema allows (core/registry/retirement.ts). */
/** A production version's counts must add up: sources sum to the rows added; added and skipped fit in the matched. */
function checkProduction(p: ProductionLineage, at: string, fail: (at: string, message: string) => void): void {
  const bySource = Object.values(p.bySource).reduce((a, b) => a + b, 0);
  if (bySource !== p.added) fail(pointer(at, 'bySource'), `adds up to ${bySource}, not the ${p.added} rows added.`);
  if (p.added + p.skippedDuplicates > p.matched) fail(pointer(at, 'matched'), `is ${p.matched}, fewer than the ${p.added} added and ${p.skippedDuplicates} skipped.`);
  if (p.from > p.to) fail(pointer(at, 'from'), 'is after the window’s end.');
}

function checkRetirement(v: SnapshotModelVersion, at: string, fail: (at: string, message: string) => void): void {
  const { deprecated, retired } = v;
  if (deprecated && !(Date.parse(deprecated.sunset) > Date.parse(deprecated.at))) fail(pointer(at, 'deprecated', 'sunset'), 'must be after the deprecation (deprecated.at).');
  if (!retired) return;
  if (!deprecated) fail(pointer(at, 'retired'), 'a version is deprecated before it is retired, and "deprecated" is missing.');
  else if (Date.parse(retired.at) < Date.parse(deprecated.at)) fail(pointer(at, 'retired', 'at'), 'must not be before deprecated.at.');
  if (v.aliases.includes('champion')) fail(pointer(at, 'aliases'), 'a retired version cannot hold the champion alias.');
}
