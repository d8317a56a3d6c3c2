import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { mlflowExperimentId, mlflowRunId } from '$lib/core/interop/mlflow/ids';
import { mlflowExportZip, mlflowFiles } from '$lib/core/interop/mlflow/mlflowExport';
import { pythonParam } from '$lib/core/interop/mlflow/pythonText';
import { ALIAS_EVENTS, fakeModel, PROJECT, RUN_1, RUN_2, sampleInput, VERSIONS } from './fixtures';
import { readMlruns } from './readMlruns';

const EXP = mlflowExperimentId(PROJECT.id);
const R1 = mlflowRunId(PROJECT.id, RUN_1.id);
const R2 = mlflowRunId(PROJECT.id, RUN_2.id);
const ms = (iso: string) => Date.parse(iso);

describe('MLflow export layout', () => {
  it('writes exactly the documented paths for a small project', () => {
    const { files } = mlflowFiles({
      project: PROJECT,
      runs: [{ ...RUN_2, params: { dropout: 0.2 }, curves: { loss: [0.9, 0.4] }, evaluation: { test: {} } }],
      modelVersions: [{ ...VERSIONS[1], aliases: ['champion'] }],
      aliasEvents: [],
      artifacts: new Map([[RUN_2.id, { model: fakeModel(), vectorizer: {} }]]),
    });
    // The ids are derived from ours and must never change: an export is reproducible.
    expect(EXP).toBe('212407116148600');
    expect(R2).toBe('f7506936861655425c9bac8fbe051b77');
    const run = `mlruns/${EXP}/${R2}`;
    expect(files.map((f) => f.path)).toEqual([
      'mlruns/0/meta.yaml',
      `mlruns/${EXP}/meta.yaml`,
      `mlruns/${EXP}/tags/mlflow.note.content`,
      `mlruns/${EXP}/tags/lifecycle_lab.project_id`,
      `${run}/meta.yaml`,
      `${run}/metrics/test.accuracy`,
      `${run}/metrics/loss`,
      `${run}/params/dropout`,
      ...['mlflow.runName', 'mlflow.user', 'mlflow.source.name', 'mlflow.source.type', 'mlflow.note.content', 'lifecycle_lab.project_id', 'lifecycle_lab.run_id',
        'lifecycle_lab.run_number', 'lifecycle_lab.dataset_version_id', 'lifecycle_lab.seed', 'lifecycle_lab.family', 'lifecycle_lab.backend',
        'lifecycle_lab.app_version', 'lifecycle_lab.dataset_version_number'].map((t) => `${run}/tags/${t}`),
      `${run}/artifacts/evaluation.json`,
      `${run}/artifacts/model/model.json`,
      `${run}/artifacts/model/weights.bin`,
      `${run}/artifacts/model/vectorizer.json`,
      'mlruns/models/Ticket router/meta.yaml',
      'mlruns/models/Ticket router/tags/lifecycle_lab.model_name',
      'mlruns/models/Ticket router/tags/lifecycle_lab.project_id',
      'mlruns/models/Ticket router/aliases/champion',
      'mlruns/models/Ticket router/version-2/meta.yaml',
      ...['family', 'owner', 'lifecycle_lab.model_version_id', 'lifecycle_lab.run_id', 'lifecycle_lab.dataset_version_id', 'lifecycle_lab.app_version', 'lifecycle_lab.aliases']
        .map((t) => `mlruns/models/Ticket router/version-2/tags/${t}`),
    ]);
  });

  it("writes meta.yaml files as MLflow's FileStore does (PyYAML output, checked by hand)", () => {
    const files = new Map(mlflowFiles(sampleInput()).files.map((f) => [f.path, f.data]));
    expect(files.get(`mlruns/${EXP}/meta.yaml`)).toBe(
      `artifact_location: ./mlruns/${EXP}\ncreation_time: ${ms(PROJECT.createdAt)}\nexperiment_id: '${EXP}'\n` +
        `last_update_time: ${ms(PROJECT.updatedAt)}\nlifecycle_stage: active\nname: Support tickets\n`,
    );
    expect(files.get(`mlruns/${EXP}/${R2}/meta.yaml`)).toBe(
      [
        `artifact_uri: ./mlruns/${EXP}/${R2}/artifacts`,
        'deleted_time: null',
        `end_time: ${ms(RUN_2.createdAt)}`,
        "entry_point_name: ''",
        `experiment_id: '${EXP}'`,
        'lifecycle_stage: active',
        `run_id: ${R2}`,
        'run_name: run-2',
        `run_uuid: ${R2}`,
        "source_name: ''",
        'source_type: 4',
        "source_version: ''",
        `start_time: ${ms(RUN_2.createdAt)}`,
        'status: 3',
        'tags: []',
        'user_id: Ada',
        '',
      ].join('\n'),
    );
    expect(files.get('mlruns/models/Ticket router/version-2/meta.yaml')).toBe(
      [
        'aliases:',
        '- champion',
        `creation_timestamp: ${ms(VERSIONS[1].createdAt)}`,
        'current_stage: None',
        "description: 'More data: the March import.'",
        `last_updated_timestamp: ${ms(VERSIONS[1].createdAt)}`,
        'name: Ticket router',
        `run_id: ${R2}`,
        'run_link: null',
        `source: runs:/${R2}/model`,
        'status: READY',
        'status_message: null',
        `storage_location: runs:/${R2}/model`,
        'user_id: null',
        'version: 2',
        '',
      ].join('\n'),
    );
  });
});

describe('MLflow export read back', () => {
  const { experiments, models, paths } = readMlruns(mlflowExportZip(sampleInput()));

  it('has the Default experiment and the project as an experiment', () => {
    expect(Object.keys(experiments).sort()).toEqual(['0', EXP].sort());
    expect(experiments['0'].meta).toMatchObject({ experiment_id: '0', name: 'Default', lifecycle_stage: 'active', artifact_location: './mlruns/0' });
    expect(experiments[EXP].meta).toEqual({
      artifact_location: `./mlruns/${EXP}`, creation_time: ms(PROJECT.createdAt), experiment_id: EXP,
      last_update_time: ms(PROJECT.updatedAt), lifecycle_stage: 'active', name: PROJECT.name,
    });
    expect(experiments[EXP].tags).toEqual({ 'mlflow.note.content': PROJECT.description, 'lifecycle_lab.project_id': PROJECT.id });
  });

  it('keeps every run: meta, params, metrics, curves, timings and lineage tags', () => {
    const runs = experiments[EXP].runs;
    expect(Object.keys(runs).sort()).toEqual([R1, R2].sort());
    for (const [input, id] of [[RUN_1, R1], [RUN_2, R2]] as const) {
      const run = runs[id];
      const end = ms(input.createdAt);
      expect(run.meta).toMatchObject({ run_id: id, run_uuid: id, experiment_id: EXP, status: 3, lifecycle_stage: 'active', end_time: end, run_name: `run-${input.number}`, user_id: 'Ada' });
      expect(run.meta.start_time).toBe(end - (input.timings.totalMs ?? 0));
      expect(run.tags).toMatchObject({
        'mlflow.runName': `run-${input.number}`, 'mlflow.user': 'Ada', 'mlflow.source.name': 'Lifecycle Lab', 'mlflow.source.type': 'LOCAL',
        'lifecycle_lab.run_id': input.id, 'lifecycle_lab.project_id': PROJECT.id, 'lifecycle_lab.dataset_version_id': input.datasetVersionId,
        'lifecycle_lab.dataset_version_number': String(input.datasetVersionNumber), 'lifecycle_lab.seed': String(input.seed),
        'lifecycle_lab.family': input.family, 'lifecycle_lab.backend': input.backend, 'lifecycle_lab.app_version': input.appVersion,
      });
      for (const [key, value] of Object.entries(input.metrics)) expect(run.metrics[key]).toEqual([{ timestamp: end, value, step: 0 }]);
      for (const [key, value] of Object.entries(input.timings)) expect(run.metrics[`timings.${key}`]).toEqual([{ timestamp: end, value, step: 0 }]);
    }
    const r1 = runs[R1];
    expect(r1.metrics.loss).toEqual(RUN_1.curves.loss.map((value, step) => ({ timestamp: ms(RUN_1.createdAt), value, step })));
    expect(r1.metrics.valLoss.map((p) => p.value)).toEqual(RUN_1.curves.valLoss);
    // A curve named like a flat metric keeps both; an empty curve writes no (malformed) empty file.
    expect(r1.metrics['test.accuracy_2'].map((p) => [p.step, p.value])).toEqual([[0, 0.5], [1, 0.8], [2, 0.9]]);
    expect(r1.metrics.accuracy).toBeUndefined();
    expect(r1.params).toEqual({ epochs: '3', learningRate: '0.05', l2: '1e-05', optimizer: 'adam', earlyStopping: 'True' });
    expect(r1.tags['lifecycle_lab.classes']).toBe(JSON.stringify(RUN_1.classes));
    expect(r1.tags['mlflow.note.content']).toContain('dataset v3');
    expect(r1.tags['mlflow.note.content']).toContain('- The baseline is close.');
    expect(runs[R2].params).toEqual({ hiddenUnits: '[64, 32]', 'odd key_ yes/__/x': 'on', dropout: pythonParam(0.2) });
  });

  it('writes the model files and the report without example texts', () => {
    const { artifacts } = experiments[EXP].runs[R1];
    expect(new Uint8Array(artifacts['model/weights.bin'])).toEqual(new Uint8Array(fakeModel().weightData));
    const modelJson = JSON.parse(strFromU8(artifacts['model/model.json'])) as Record<string, unknown>;
    expect(modelJson).toMatchObject({ format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: fakeModel().weightSpecs }] });
    expect(JSON.parse(strFromU8(artifacts['model/vectorizer.json']))).toEqual({ vocabulary: ['a', 'b'] });
    const evaluation = strFromU8(artifacts['evaluation.json']);
    expect(JSON.parse(evaluation)).toEqual({ test: { accuracy: 0.9, ece: null } });
    expect(evaluation).not.toContain('private customer text');
    // Run 2 has no model files given and no report.
    expect(Object.keys(experiments[EXP].runs[R2].artifacts)).toEqual([]);
  });

  it('keeps every model version, its stage, tags and aliases', () => {
    expect(Object.keys(models).sort()).toEqual(['Ticket router', 'spam_filter_']);
    const router = models['Ticket router'];
    expect(router.meta).toEqual({
      aliases: { champion: '2' }, creation_timestamp: ms(VERSIONS[0].createdAt), description: null,
      last_updated_timestamp: ms(ALIAS_EVENTS![1].at), name: 'Ticket router',
    });
    expect(router.aliases).toEqual({ champion: '2' });
    for (const input of VERSIONS) {
      const model = models[input.modelName === 'Ticket router' ? 'Ticket router' : 'spam_filter_'];
      const { meta, tags } = model.versions[input.version];
      const run = mlflowRunId(PROJECT.id, input.runId);
      expect(meta).toEqual({
        aliases: input.aliases.filter((a) => a !== 'v1'),
        creation_timestamp: ms(input.createdAt),
        current_stage: input.archived ? 'Archived' : 'None',
        description: input.description || null,
        last_updated_timestamp: ms(input.createdAt),
        name: model.meta.name,
        run_id: run,
        run_link: null,
        source: `runs:/${run}/model`,
        status: 'READY',
        status_message: null,
        storage_location: `runs:/${run}/model`,
        user_id: null,
        version: input.version,
      });
      expect(tags).toMatchObject({ ...input.tags, 'lifecycle_lab.model_version_id': input.id, 'lifecycle_lab.run_id': input.runId, 'lifecycle_lab.dataset_version_id': input.datasetVersionId });
      // Every alias resolves to this version, as MLflow reads aliases/<alias>.
      for (const alias of input.aliases.filter((a) => a !== 'v1')) expect(model.aliases[alias]).toBe(String(input.version));
    }
    // "v1" would be read by MLflow as a version reference: kept as a tag, with a warning.
    expect(router.versions[2].tags['lifecycle_lab.aliases']).toBe('champion, v1');
    expect(router.aliases.v1).toBeUndefined();
    expect(router.tags['lifecycle_lab.alias_history'].split('\n')).toEqual([
      '2026-03-05T08:00:00.000Z @champion: version 1 → version 2 by Ben: better macro-F1',
      '2026-03-02T12:00:00.000Z @champion: nothing → version 1 by Ana: first model',
    ]);
    expect(models.spam_filter_.tags['lifecycle_lab.model_name']).toBe('spam/filter%');
    expect(models.spam_filter_.meta.name).toBe('spam_filter_');
    expect(paths.every((p) => !p.includes('\\') && !p.includes('//'))).toBe(true);
  });

  it('reports what it had to change', () => {
    const { warnings } = mlflowFiles(sampleInput());
    expect(warnings).toEqual([
      expect.stringContaining('"test.accuracy" is written as "test.accuracy_2"'),
      expect.stringContaining('"odd key: yes/../x" is written as "odd key_ yes/__/x"'),
      expect.stringContaining('does not allow the alias "v1"'),
      expect.stringContaining('"spam/filter%" is registered in MLflow as "spam_filter_"'),
    ]);
  });
});

describe('MLflow export options and guarantees', () => {
  it('is reproducible: the same input in any order gives the same bytes', () => {
    const a = mlflowExportZip(sampleInput());
    const b = mlflowExportZip(sampleInput({ runs: [RUN_1, RUN_2], modelVersions: [...VERSIONS].reverse() }));
    expect(b).toEqual(a);
  });

  it('writes no model files without artifacts, and an absolute artifact root when given', () => {
    const { experiments } = readMlruns(mlflowExportZip(sampleInput({ artifacts: undefined, unzipFolder: '/home/ada/' })));
    expect(Object.keys(experiments[EXP].runs[R1].artifacts)).toEqual(['evaluation.json']);
    expect(experiments[EXP].meta.artifact_location).toBe(`file:///home/ada/mlruns/${EXP}`);
    expect(experiments[EXP].runs[R1].meta.artifact_uri).toBe(`file:///home/ada/mlruns/${EXP}/${R1}/artifacts`);
  });

  it('says in tags when a model version was deprecated and retired', () => {
    const retiring = { ...VERSIONS[0], deprecated: { at: '2026-03-04T00:00:00.000Z', by: 'Ana', reason: 'v2 is better', sunset: '2026-04-01T00:00:00.000Z', replacementId: VERSIONS[1].id }, retired: { at: '2026-04-02T00:00:00.000Z', by: 'Ben', reason: 'sunset passed' } };
    const { models } = readMlruns(mlflowExportZip(sampleInput({ modelVersions: [retiring, ...VERSIONS.slice(1)] })));
    expect(models[retiring.modelName].versions[retiring.version].tags).toMatchObject({
      'lifecycle_lab.deprecated': '2026-03-04T00:00:00.000Z by Ana, sunset 2026-04-01T00:00:00.000Z: v2 is better',
      'lifecycle_lab.retired': '2026-04-02T00:00:00.000Z by Ben: sunset passed',
    });
    expect(models[retiring.modelName].versions[VERSIONS[1].version].tags['lifecycle_lab.deprecated']).toBeUndefined();
  });

  it('renames a project called Default, which would clash with the Default experiment', () => {
    const { experiments } = readMlruns(mlflowExportZip(sampleInput({ project: { ...PROJECT, name: 'Default', description: '' } })));
    expect(experiments[EXP].meta.name).toBe('Default (Lifecycle Lab)');
    expect(experiments[EXP].tags).toEqual({ 'lifecycle_lab.project_id': PROJECT.id });
  });

  it('refuses a model version whose run is not exported', () => {
    expect(() => mlflowFiles(sampleInput({ runs: [RUN_2] }))).toThrow(/run run-one, which is not in the export/);
  });

  it('writes an exporting user and odd text so that it reads back unchanged', () => {
    const odd = 'on: "yes"\n# not a comment';
    const { experiments } = readMlruns(mlflowExportZip(sampleInput({ user: odd, project: { ...PROJECT, name: '123' } })));
    expect(experiments[EXP].meta.name).toBe('123');
    expect(experiments[EXP].runs[R1].meta.user_id).toBe(odd);
    expect(experiments[EXP].runs[R1].tags['mlflow.user']).toBe(odd);
  });
});
