import { strFromU8, strToU8 } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { predictProba } from '../../../src/lib/core/models/predict';
import { deserializeModel, toModelJson } from '../../../src/lib/core/models/serialize';
import {
  DEFAULT_UNPACK_LIMITS, packModel, topologyShape, unpackModel, type ModelPackageInput,
} from '../../../src/lib/core/registry/modelPackage';
import { modelVersionData, MODEL_VERSION_KIND } from '../../../src/lib/core/registry/modelVersionDocument';
import { TfidfVectorizer } from '../../../src/lib/core/text/tfidf';
import { filesOf, packageInput, patchDeclaredSize, readJson, realModel, rezip, texts, withJson } from './fixtures';

let input: ModelPackageInput;
let packed: Uint8Array;

beforeAll(async () => {
  const { model, params, vectorizer, serialized } = await realModel();
  model.dispose();
  input = packageInput(serialized, vectorizer, params);
  packed = packModel(input);
});

function errorsOf(bytes: Uint8Array, limits = DEFAULT_UNPACK_LIMITS): string[] {
  const result = unpackModel(bytes, limits);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('packModel / unpackModel round trip', () => {
  it.each(['softmax-regression', 'mlp'] as const)('%s: a reloaded model predicts exactly the same probabilities', async (family) => {
    const { model, params, vectorizer, serialized } = await realModel(family);
    const zip = packModel(packageInput(serialized, vectorizer, params, { family }));
    const result = unpackModel(zip);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { value } = result;

    expect(new Uint8Array(value.model.weightData)).toEqual(new Uint8Array(serialized.weightData));
    expect(value.model.modelTopology).toEqual(serialized.modelTopology);
    expect(value.model.weightSpecs).toEqual(serialized.weightSpecs);
    expect(value.vectorizer).toEqual(vectorizer.toJSON());

    const restoredVectorizer = TfidfVectorizer.fromJSON(value.vectorizer);
    const x = restoredVectorizer.transform(texts.slice(0, 40));
    const reloaded = await deserializeModel(value.model);
    expect(Array.from(predictProba(reloaded, x))).toEqual(Array.from(predictProba(model, vectorizer.transform(texts.slice(0, 40)))));
    model.dispose();
    reloaded.dispose();
  });

  it('returns the classes, the normalised metadata and the card', () => {
    const result = unpackModel(packed);
    if (!result.ok) throw new Error(result.errors.join('\n'));
    const { metadata, classes, modelCard } = result.value;
    expect(classes).toEqual(input.classes);
    expect(metadata).toEqual(modelVersionData(input));
    expect(metadata.lineage).toEqual({ projectId: 'p-1', modelVersionId: 'mv-3', runId: 'run-7', runNumber: 7, datasetVersionId: 'dv-2', datasetVersionNumber: 2 });
    // NaN (a slice without examples) travels as null; example texts of the report are not exported.
    expect(metadata.metrics?.test.perSlice[1]).toEqual({ sliceId: 's2', name: 'tier = enterprise', n: 0, accuracy: null, macroF1: null });
    expect(strFromU8(packed)).not.toContain('private customer text');
    expect(modelCard).toContain('# Model card: ticket-router, version 3');
  });

  it('writes the files in a fixed order: a standard TF.js model.json and a kind/schemaVersion document', () => {
    const files = filesOf(packed);
    expect(Object.keys(files)).toEqual(['lifecycle-lab.json', 'MODEL_CARD.md', 'model.json', 'weights.bin', 'vectorizer.json']);
    expect(readJson(files, 'model.json')).toEqual(JSON.parse(JSON.stringify(toModelJson(input.model, 'weights.bin'))));
    const doc = readJson(files, 'lifecycle-lab.json');
    expect(doc.kind).toBe(MODEL_VERSION_KIND);
    expect(doc.schemaVersion).toBe(1);
    expect(Object.keys(doc.data as object)).toEqual(expect.arrayContaining(['name', 'version', 'classes', 'lineage', 'params', 'seed', 'createdAt', 'appVersion', 'metrics']));
  });

  it('accepts the files inside one top-level folder (re-zipped by an OS tool)', () => {
    const files = filesOf(packed);
    const nested = Object.fromEntries(Object.entries(files).map(([name, data]) => [`ticket-router-v3/${name}`, data]));
    const result = unpackModel(rezip({ ...nested, '__MACOSX/ticket-router-v3/._model.json': strToU8('x') }));
    expect(result.ok).toBe(true);
  });

  it('refuses inconsistent input when packing', () => {
    expect(() => packModel({ ...input, classes: ['a', 'b'] })).toThrow(/3 outputs but 2 class names/);
    expect(() => packModel({ ...input, model: { ...input.model, weightData: input.model.weightData.slice(4) } })).toThrow(/weight specs describe/);
    expect(() => packModel({ ...input, version: 0 })).toThrow(/data.version must be a whole number ≥ 1/);
  });
});

describe('deterministic bytes', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  it('gives the same bytes for the same input, whatever the clock or time zone', () => {
    expect(packModel(input)).toEqual(packed);
    // Tags and params in another key order are the same input.
    const reordered = { ...input, tags: { family: 'softmax-regression', team: 'support' }, params: Object.fromEntries(Object.entries(input.params).reverse()) };
    expect(packModel(reordered)).toEqual(packed);
    process.env.TZ = 'Pacific/Kiritimati';
    expect(new Date(0).getTimezoneOffset()).not.toBe(0);
    expect(packModel(input)).toEqual(packed);
  });

  it('stamps every entry 1980-01-01 00:00 (DOS time 0, date 0x21)', () => {
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    expect(view.getUint16(10, true)).toBe(0);
    expect(view.getUint16(12, true)).toBe(0x21);
  });

  it('changes when the content changes', () => {
    expect(packModel({ ...input, description: 'Another description.' })).not.toEqual(packed);
  });
});

describe('unpackModel errors', () => {
  it.each(['lifecycle-lab.json', 'model.json', 'weights.bin', 'vectorizer.json'])('names a missing %s', (name) => {
    const { [name]: _removed, ...rest } = filesOf(packed);
    const errors = errorsOf(rezip(rest));
    expect(errors.join('\n')).toMatch(name === 'lifecycle-lab.json' ? /Missing lifecycle-lab.json: this is not a Lifecycle Lab model package/ : new RegExp(`Missing ${name.replace('.', '\\.')} in the package`));
  });

  it('reports JSON syntax errors with the file name', () => {
    const files = filesOf(packed);
    const errors = errorsOf(rezip({ ...files, 'model.json': strToU8('{"format": "layers-model",'), 'vectorizer.json': strToU8('nope') }));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^model\.json is not valid JSON: /);
    expect(errors[1]).toMatch(/^vectorizer\.json is not valid JSON: /);
  });

  it('refuses a document of another kind', () => {
    const files = filesOf(packed);
    const doc = readJson(files, 'lifecycle-lab.json');
    const errors = errorsOf(rezip(withJson(files, 'lifecycle-lab.json', { ...doc, kind: 'lifecycle-lab/dataset' })));
    expect(errors).toEqual([expect.stringMatching(/^lifecycle-lab\.json: kind must be "lifecycle-lab\/model-version", got "lifecycle-lab\/dataset"/)]);
  });

  it('refuses a newer schema version with a message', () => {
    const files = filesOf(packed);
    const doc = readJson(files, 'lifecycle-lab.json');
    const errors = errorsOf(rezip(withJson(files, 'lifecycle-lab.json', { ...doc, schemaVersion: 2 })));
    expect(errors).toEqual(['lifecycle-lab.json: written by a newer Lifecycle Lab (schema version 2); this version reads up to 1. Update the app to import this model.']);
  });

  it('refuses weights whose length does not match the manifest', () => {
    const files = filesOf(packed);
    const bytes = files['weights.bin'].length;
    const errors = errorsOf(rezip({ ...files, 'weights.bin': files['weights.bin'].slice(4) }));
    expect(errors).toEqual([`weights.bin has ${bytes - 4} bytes; model.json's weightsManifest describes ${bytes}.`]);
  });

  it('refuses a class list that does not match the output units', () => {
    const files = filesOf(packed);
    const doc = readJson(files, 'lifecycle-lab.json');
    const data = { ...(doc.data as object), classes: ['a', 'b', 'c', 'd'] };
    const errors = errorsOf(rezip(withJson(files, 'lifecycle-lab.json', { ...doc, data })));
    expect(errors).toEqual(['lifecycle-lab.json names 4 classes but the model has 3 outputs.']);
  });

  it('refuses a vectorizer that fails TfidfVectorizer.fromJSON or does not fit the model', () => {
    const files = filesOf(packed);
    const v = readJson(files, 'vectorizer.json');
    const badIdf = errorsOf(rezip(withJson(files, 'vectorizer.json', { ...v, idf: (v.idf as number[]).map((x, i) => (i === 0 ? -1 : x)) })));
    expect(badIdf).toEqual([expect.stringMatching(/^vectorizer\.json: TfidfVectorizer\.fromJSON: idf\[0\] must be a finite number > 0/)]);
    const fewer = { ...v, vocabulary: (v.vocabulary as string[]).slice(1), idf: (v.idf as number[]).slice(1) };
    expect(errorsOf(rezip(withJson(files, 'vectorizer.json', fewer)))).toEqual([expect.stringMatching(/^vectorizer\.json has \d+ terms but the model expects \d+ input features/)]);
  });

  it('refuses graph models, unsafe weight paths and quantized weights', () => {
    const files = filesOf(packed);
    const m = readJson(files, 'model.json');
    const manifest = m.weightsManifest as { paths: string[]; weights: Record<string, unknown>[] }[];
    expect(errorsOf(rezip(withJson(files, 'model.json', { ...m, format: 'graph-model' })))[0]).toMatch(/format must be "layers-model"/);
    expect(errorsOf(rezip(withJson(files, 'model.json', { ...m, weightsManifest: [{ ...manifest[0], paths: ['../weights.bin'] }] })))[0]).toMatch(/not a safe relative file path/);
    const quantized = [{ ...manifest[0], weights: [{ ...manifest[0].weights[0], quantization: { dtype: 'uint8', scale: 1, min: 0 } }] }];
    expect(errorsOf(rezip(withJson(files, 'model.json', { ...m, weightsManifest: quantized })))[0]).toMatch(/quantized weights are not supported/);
  });

  it('collects every problem at once', () => {
    const { 'vectorizer.json': _v, ...files } = filesOf(packed);
    const doc = readJson(files, 'lifecycle-lab.json');
    const errors = errorsOf(rezip(withJson(files, 'lifecycle-lab.json', { ...doc, data: { ...(doc.data as object), version: 'three', classes: 'a' } })));
    expect(errors).toEqual(
      expect.arrayContaining([
        'Missing vectorizer.json in the package.',
        expect.stringMatching(/^lifecycle-lab\.json: data\.version must be a whole number ≥ 1, got "three"/),
        expect.stringMatching(/^lifecycle-lab\.json: data\.classes must be a list of strings/),
      ]),
    );
  });

  it('refuses what is not a zip, and damaged data', () => {
    expect(errorsOf(strToU8('model.json'))).toEqual(['This is not a ZIP archive (no end-of-central-directory record found).']);
    // weights.bin is stored: flip one of its bytes inside the archive.
    const weights = filesOf(packed)['weights.bin'];
    const at = indexOf(packed, weights.subarray(0, 64));
    const damaged = packed.slice();
    damaged[at + 10] ^= 0xff;
    expect(errorsOf(damaged)).toEqual(['weights.bin: checksum mismatch, the file is damaged.']);
  });
});

describe('unpackModel limits (zip bombs)', () => {
  it('refuses archives declaring more than the size cap, before decompressing', () => {
    expect(packed.length).toBeLessThan(DEFAULT_UNPACK_LIMITS.maxTotalBytes);
    expect(errorsOf(packed, { ...DEFAULT_UNPACK_LIMITS, maxTotalBytes: 1000 })[0]).toMatch(/add up to more than 0\.0 MB once decompressed/);
    // A small archive whose directory claims 300 MB: refused from the directory alone.
    const claims = patchDeclaredSize(packed, 'vectorizer.json', 300 * 1024 * 1024);
    expect(errorsOf(claims)).toEqual([expect.stringMatching(/add up to more than 200\.0 MB once decompressed/)]);
  });

  it('stops inflating an entry that produces more than its declared size', () => {
    const files = filesOf(packed);
    const bomb = rezip({ ...files, 'MODEL_CARD.md': new Uint8Array(8 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const lying = patchDeclaredSize(bomb, 'MODEL_CARD.md', 1024);
    expect(errorsOf(lying)).toEqual(['MODEL_CARD.md decompresses to more than its declared 1024 bytes.']);
  });

  it('refuses too many files', () => {
    const files: Record<string, Uint8Array> = { ...filesOf(packed) };
    for (let i = 0; i < 60; i++) files[`extra/${i}.txt`] = strToU8('x');
    expect(errorsOf(rezip(files))).toEqual(['The archive lists 65 files; at most 64 are accepted.']);
  });
});

describe('topologyShape', () => {
  it('reads input features and output units of Sequential and functional topologies', () => {
    expect(topologyShape(input.model.modelTopology)).toEqual({ inputDim: input.vectorizer.vocabulary.length, outputUnits: 3 });
    const functional = {
      class_name: 'Model',
      config: {
        layers: [
          { name: 'in', class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 5] } },
          { name: 'out', class_name: 'Dense', config: { name: 'out', units: 4 } },
          { name: 'aux', class_name: 'Dense', config: { name: 'aux', units: 9 } },
        ],
        output_layers: [['out', 0, 0]],
      },
    };
    expect(topologyShape(functional)).toEqual({ inputDim: 5, outputUnits: 4 });
    expect(topologyShape({})).toEqual({ inputDim: null, outputUnits: null });
  });
});

function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error('not found');
}
