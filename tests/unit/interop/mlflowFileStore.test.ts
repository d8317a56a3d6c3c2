/**
 * Our meta.yaml files against the ones MLflow's own FileStores write (fixtures/mlflow-filestore,
 * recorded from MLflow's source; see the README there): the same fields with the same YAML types,
 * and artifact URIs in both forms, the absolute one built exactly as MLflow builds its own.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { artifactRootFor, folderFileUri, quotePath } from '$lib/core/interop/mlflow/artifactRoot';
import { mlflowExperimentId, mlflowRunId } from '$lib/core/interop/mlflow/ids';
import { mlflowFiles } from '$lib/core/interop/mlflow/mlflowExport';
import { PROJECT, RUN_1, sampleInput } from './fixtures';
import { parseYaml, type YamlRead } from './readMlruns';

const HERE = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'mlflow-filestore');
const fixture = (name: string) => readFileSync(join(HERE, name), 'utf8');
const mlflowYaml = (name: string) => parseYaml(fixture(name));
/** The store MLflow wrote: `<folder>/mlruns`, the folder's name needing percent-encoding. */
const STORE_ROOT = fixture('root.txt');
const UNZIP_FOLDER = dirname(STORE_ROOT);

/**
 * Fields MLflow 3.6 writes that we leave out on purpose; every reader defaults them
 * (`from_dictionary` keeps known keys, fs2db uses `.get`): the workspace (added by newer stores,
 * "default" when missing), deployment jobs and logged-model links we have no counterpart for.
 */
const OPTIONAL = new Set(['workspace', 'deployment_job_id', 'deployment_job_state', 'model_id']);
/**
 * Fields we add that MLflow's readers take or ignore: a run's `run_uuid` (what MLflow 1.x wrote and
 * fs2db reads first) and `deleted_time: null` (MLflow 2.x), a version's `aliases` (the FileStore
 * recomputes them from the model's alias files).
 */
const EXTRA = { run: ['run_uuid', 'deleted_time'], version: ['aliases'] };

function kind(value: YamlRead): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

function expectSameShape(ours: Record<string, YamlRead>, theirs: Record<string, YamlRead>, { extra = [] as string[], nullable = [] as string[] } = {}) {
  expect(Object.keys(ours).filter((k) => !extra.includes(k)).sort()).toEqual(Object.keys(theirs).filter((k) => !OPTIONAL.has(k)).sort());
  for (const key of Object.keys(theirs)) {
    if (OPTIONAL.has(key) || nullable.includes(key)) continue;
    expect([key, kind(ours[key])]).toEqual([key, kind(theirs[key])]);
  }
}

const EXP = mlflowExperimentId(PROJECT.id);
const R1 = mlflowRunId(PROJECT.id, RUN_1.id);

function ourYaml(unzipFolder?: string): Map<string, Record<string, YamlRead>> {
  const files = mlflowFiles(sampleInput(unzipFolder === undefined ? {} : { unzipFolder })).files;
  return new Map(files.filter((f) => f.path.endsWith('meta.yaml')).map((f) => [f.path, parseYaml(f.data as string)]));
}

describe('MLflow export against the FileStore fixtures', () => {
  const ours = ourYaml();

  it('writes the fields and YAML types MLflow writes for experiments and runs', () => {
    expectSameShape(ours.get('mlruns/0/meta.yaml')!, mlflowYaml('default-experiment.meta.yaml'));
    expectSameShape(ours.get(`mlruns/${EXP}/meta.yaml`)!, mlflowYaml('experiment.meta.yaml'));
    expectSameShape(ours.get(`mlruns/${EXP}/${R1}/meta.yaml`)!, mlflowYaml('run.meta.yaml'), { extra: EXTRA.run });
    // The run's numbers are RunStatus FINISHED and SourceType LOCAL, as MLflow writes them.
    expect(ours.get(`mlruns/${EXP}/${R1}/meta.yaml`)!.status).toBe(mlflowYaml('run.meta.yaml').status);
    expect(ours.get(`mlruns/${EXP}/${R1}/meta.yaml`)!.source_type).toBe(mlflowYaml('run.meta.yaml').source_type);
  });

  it('writes the fields MLflow writes for registered models, versions and aliases', () => {
    const model = [...ours.keys()].find((p) => /^mlruns\/models\/[^/]+\/meta\.yaml$/.test(p))!;
    const version = [...ours.keys()].find((p) => /^mlruns\/models\/[^/]+\/version-\d+\/meta\.yaml$/.test(p))!;
    expectSameShape(ours.get(model)!, mlflowYaml('registered-model.meta.yaml'));
    expectSameShape(ours.get(version)!, mlflowYaml('model-version.meta.yaml'), { extra: EXTRA.version, nullable: ['description'] });
    // The alias map holds version numbers as strings, and an alias file the bare number.
    const theirs = mlflowYaml('registered-model.meta.yaml').aliases as Record<string, YamlRead>;
    const aliases = ours.get(model)!.aliases as Record<string, YamlRead>;
    expect(Object.values(aliases).every((v) => typeof v === 'string')).toBe(true);
    expect(typeof theirs.champion).toBe('string');
    expect(fixture('alias.champion')).toBe('1');
  });

  it('keeps the relative default: ./mlruns/<experiment>[/<run>/artifacts]', () => {
    expect(ours.get(`mlruns/${EXP}/meta.yaml`)!.artifact_location).toBe(`./mlruns/${EXP}`);
    expect(ours.get(`mlruns/${EXP}/${R1}/meta.yaml`)!.artifact_uri).toBe(`./mlruns/${EXP}/${R1}/artifacts`);
  });

  it('builds absolute URIs exactly as MLflow does for the same folder', () => {
    const theirs = { exp: mlflowYaml('experiment.meta.yaml'), run: mlflowYaml('run.meta.yaml'), zero: mlflowYaml('default-experiment.meta.yaml') };
    const root = artifactRootFor(UNZIP_FOLDER).root;
    expect(`${root}/0`).toBe(theirs.zero.artifact_location);
    expect(`${root}/${theirs.exp.experiment_id}`).toBe(theirs.exp.artifact_location);
    expect(`${root}/${theirs.run.experiment_id}/${theirs.run.run_id}/artifacts`).toBe(theirs.run.artifact_uri);
    const absolute = ourYaml(UNZIP_FOLDER);
    expect(absolute.get(`mlruns/${EXP}/meta.yaml`)!.artifact_location).toBe(`${root}/${EXP}`);
    expect(absolute.get(`mlruns/${EXP}/${R1}/meta.yaml`)!.artifact_uri).toBe(`${root}/${EXP}/${R1}/artifacts`);
    expect(absolute.get('mlruns/0/meta.yaml')!.artifact_location).toBe(theirs.zero.artifact_location);
  });
});

describe('folderFileUri', () => {
  // Expected values are what Python's pathlib gives: PurePosixPath(p).as_uri(), PureWindowsPath(p).as_uri().
  it.each([
    ['/home/ana/mlflow', 'file:///home/ana/mlflow'],
    ['/home/ana/mlflow/', 'file:///home/ana/mlflow'],
    ['/srv/a b/Modèles 100% #1', 'file:///srv/a%20b/Mod%C3%A8les%20100%25%20%231'],
    ['/x/~tilde_dot.-/q?=&+', 'file:///x/~tilde_dot.-/q%3F%3D%26%2B'],
    ['C:\\Users\\Ana\\ml flow', 'file:///C:/Users/Ana/ml%20flow'],
    ['c:/Users/Ana', 'file:///c:/Users/Ana'],
    ['\\\\server\\share\\exports', 'file://server/share/exports'],
  ])('%s → %s', (folder, uri) => {
    expect(folderFileUri(folder)).toBe(uri);
  });

  it('refuses what MLflow could not resolve the same way everywhere', () => {
    expect(() => folderFileUri('')).toThrow(/Give the folder/);
    expect(() => folderFileUri('mlflow/exports')).toThrow(/full path/);
    expect(() => folderFileUri('~/mlflow')).toThrow(/instead of "~"/);
    expect(() => folderFileUri('/a/../b')).toThrow(/without "\.\."/);
    expect(() => folderFileUri('/a\nb')).toThrow(/control character/);
  });

  it('percent-encodes like quote_from_bytes(safe="/")', () => {
    expect(quotePath('a b/ü:€')).toBe('a%20b/%C3%BC%3A%E2%82%AC');
  });
});
