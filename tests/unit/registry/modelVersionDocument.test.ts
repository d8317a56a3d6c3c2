import { describe, expect, it } from 'vitest';
import {
  modelVersionData, modelVersionDocument, MODEL_VERSION_SCHEMA_VERSION, normaliseModelVersionData, readModelVersionDocument,
} from '../../../src/lib/core/registry/modelVersionDocument';
import { criteria, evaluation } from './fixtures';
import v1Minimal from './documents/model-version.v1.minimal.json';

describe('readModelVersionDocument', () => {
  it('reads a minimal schema-version-1 document, filling the optional fields', () => {
    const result = readModelVersionDocument(v1Minimal);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'ticket-router',
        version: 1,
        description: '',
        family: 'softmax-regression',
        tags: { a: '1', z: '2' },
        aliases: ['champion', 'staging'],
        classes: ['Billing', 'Technical Issue', 'General Inquiry'],
        owner: '',
        createdAt: '2026-03-01T09:00:00.000Z',
        appVersion: '',
        lineage: { projectId: 'p-1', modelVersionId: null, runId: 'run-1', runNumber: null, datasetVersionId: null, datasetVersionNumber: null },
        params: { epochs: 10, learningRate: 0.05 },
        seed: 42,
        backend: '',
        trainExamples: null,
        intendedUse: { valueProposition: '', predictionTask: '', decisions: '' },
        metrics: null,
        criteria: [],
      },
    });
  });

  it('round-trips what modelVersionData writes, through JSON', () => {
    const data = modelVersionData({
      name: '  ticket-router ',
      version: 2,
      family: 'mlp',
      classes: ['a', 'b', 'c'],
      createdAt: '2026-03-01T09:00:00.000Z',
      appVersion: '0.1.0',
      params: { hiddenUnits: [64, 32], optimizer: 'adam', epochs: 3 },
      seed: 'seed',
      backend: 'webgl',
      aliases: ['staging', 'champion', 'staging'],
      evaluation,
      criteria,
    });
    expect(data.name).toBe('ticket-router');
    expect(data.aliases).toEqual(['champion', 'staging']);
    expect(Object.keys(data.params)).toEqual(['epochs', 'hiddenUnits', 'optimizer']);
    expect(data.criteria.map((c) => [c.text, c.status])).toEqual([
      ['Accuracy on test >= 0.9', 'pass'],
      ['p99 latency on production <= 200 ms', 'pass'],
      ['Macro-F1 on test >= 0.85', 'pass'],
    ]);
    const reread = readModelVersionDocument(JSON.parse(JSON.stringify(modelVersionDocument(data))));
    expect(reread).toEqual({ ok: true, value: data });
  });

  it('refuses other kinds, bad and newer schema versions', () => {
    expect(readModelVersionDocument(null)).toEqual({ ok: false, errors: ['expected an object { kind, schemaVersion, data }.'] });
    expect(readModelVersionDocument({ ...v1Minimal, kind: 'lifecycle-lab/dataset' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/kind must be/)] });
    expect(readModelVersionDocument({ ...v1Minimal, schemaVersion: '1' })).toMatchObject({ ok: false, errors: [expect.stringMatching(/schemaVersion must be a whole number/)] });
    const newer = readModelVersionDocument({ ...v1Minimal, schemaVersion: MODEL_VERSION_SCHEMA_VERSION + 1 });
    expect(newer).toMatchObject({ ok: false, errors: [expect.stringMatching(/newer Lifecycle Lab .* Update the app/)] });
  });

  it('keeps createdAt in the strict RFC 3339 spelling: a space is respelled, other spellings refused', () => {
    const respelled = normaliseModelVersionData({ ...v1Minimal.data, createdAt: '2026-03-01 09:00:00Z' });
    expect(respelled.ok ? respelled.value.createdAt : respelled.errors).toBe('2026-03-01T09:00:00Z');
    for (const loose of ['March 1, 2026', '2026-03-01', '2026-03-01T09:00:00']) {
      expect(normaliseModelVersionData({ ...v1Minimal.data, createdAt: loose }).ok, loose).toBe(false);
    }
  });

  it('lists every invalid field with its path', () => {
    const result = normaliseModelVersionData({
      ...v1Minimal.data,
      name: ' ',
      classes: ['a', 'a', ''],
      tags: { ok: 'x', bad: 3 },
      seed: null,
      createdAt: 'yesterday',
      params: { fn: { nested: true } },
      criteria: [{ id: 'c', metric: 'accuracy', split: 'test', comparator: '==', threshold: 'high', status: 'pass' }],
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      'data.createdAt must be an RFC 3339 date-time (2026-03-01T09:00:00.000Z), got "yesterday".',
      'data.seed must be a string or a number, got null.',
      'data.name must be a non-empty string, got " ".',
      'data.tags.bad must be a string, got 3.',
      'data.classes lists "a" twice.',
      'data.classes[2] must not be empty.',
      'data.params.fn must be a string, number, boolean or list of numbers, got {"nested":true}.',
      'data.criteria[0].threshold must be a finite number, got "high".',
      'data.criteria[0].text must be a string, got nothing.',
      'data.criteria[0].comparator must be one of ">=", ">", "<=", "<", got "==".',
    ]);
  });
});
