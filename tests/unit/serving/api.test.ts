import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PREDICT_LIMITS,
  errorBody,
  healthResponse,
  noModelDeployedBody,
  parsePredictRequest,
  predictResponse,
} from '../../../src/lib/core/serving/api';

/** The rejection of `body`, or a failure if it was accepted. */
function rejection(body: string, limits = DEFAULT_PREDICT_LIMITS) {
  const parsed = parsePredictRequest(body, limits);
  if (parsed.ok) throw new Error(`accepted ${body.slice(0, 80)}`);
  return { status: parsed.status, code: parsed.error.code, message: parsed.error.message };
}

describe('parsePredictRequest', () => {
  it('accepts one text or a list of texts', () => {
    expect(parsePredictRequest('{"text": "My invoice is wrong"}')).toEqual({ ok: true, texts: ['My invoice is wrong'], fields: null, single: true, refs: [null] });
    expect(parsePredictRequest('{"texts": ["a b", "c"], "client": "console"}')).toEqual({ ok: true, texts: ['a b', 'c'], fields: null, single: false, refs: [null, null] });
    expect(parsePredictRequest(JSON.stringify({ texts: Array(100).fill('x'.repeat(10_000)) }))).toMatchObject({ ok: true, single: false });
  });

  it('keeps the caller\'s references, one per text', () => {
    expect(parsePredictRequest('{"text": "a", "ref": "T-1"}')).toMatchObject({ ok: true, refs: ['T-1'] });
    expect(parsePredictRequest('{"texts": ["a", "b"], "refs": ["T-1", null]}')).toMatchObject({ ok: true, refs: ['T-1', null] });
    const cases: [string, RegExp][] = [
      ['{"text": "a", "ref": 7}', /"ref" must be a non-empty string/],
      ['{"text": "a", "ref": " "}', /"ref" must be a non-empty string/],
      ['{"text": "a", "refs": ["x"]}', /send your reference as "ref"/],
      ['{"texts": ["a"], "ref": "x"}', /send references as "refs"/],
      ['{"texts": ["a", "b"], "refs": ["x"]}', /one entry per text \(2\)/],
      [JSON.stringify({ text: 'a', ref: 'r'.repeat(201) }), /more than 200 characters/],
    ];
    for (const [body, message] of cases) {
      const r = rejection(body);
      expect(r, body).toMatchObject({ status: 422, code: 'invalid_request' });
      expect(r.message, body).toMatch(message);
    }
  });

  it('rejects a body that is not JSON with 400 invalid_json', () => {
    for (const body of ['', '{text: "a"}', '{"text": "a"', 'hello']) {
      expect(rejection(body)).toMatchObject({ status: 400, code: 'invalid_json' });
    }
  });

  it('rejects JSON of the wrong shape with 422 invalid_request, naming the field', () => {
    const cases: [string, RegExp][] = [
      ['null', /must be a JSON object/],
      ['[{"text": "a"}]', /must be a JSON object/],
      ['"just a string"', /must be a JSON object/],
      ['{}', /needs a "text" \(one string\), "texts"/],
      ['{"input": "a"}', /needs a "text"/],
      ['{"text": "a", "texts": ["b"]}', /Send one of "text", "texts", "fields" or "records", not "text" and "texts"/],
      ['{"text": 42}', /"text" must be a string \(got number\)/],
      ['{"text": null}', /"text" must be a string \(got null\)/],
      ['{"text": ["a"]}', /"text" must be a string \(got an array\)/],
      ['{"text": ""}', /"text" must not be empty/],
      ['{"text": "  \\n "}', /"text" must not be empty/],
      ['{"texts": "a"}', /"texts" must be an array of strings \(got string\)/],
      ['{"texts": null}', /"texts" must be an array of strings \(got null\)/],
      ['{"texts": []}', /"texts" must not be empty/],
      ['{"texts": ["a", 2]}', /"texts\[1\]" must be a string \(got number\)/],
      ['{"texts": ["a", ""]}', /"texts\[1\]" must not be empty/],
    ];
    for (const [body, message] of cases) {
      const r = rejection(body);
      expect(r, body).toMatchObject({ status: 422, code: 'invalid_request' });
      expect(r.message, body).toMatch(message);
    }
  });

  it('rejects too long texts and too many texts with 413', () => {
    const limits = { maxChars: 10, maxTexts: 3 };
    expect(parsePredictRequest(JSON.stringify({ text: 'x'.repeat(10) }), limits).ok).toBe(true);
    expect(rejection(JSON.stringify({ text: 'x'.repeat(11) }), limits)).toEqual({ status: 413, code: 'text_too_long', message: '"text" has more than 10 characters.' });
    expect(rejection(JSON.stringify({ texts: ['ok', 'x'.repeat(11)] }), limits)).toMatchObject({ status: 413, code: 'text_too_long', message: expect.stringMatching(/"texts\[1\]"/) });
    expect(rejection(JSON.stringify({ texts: ['a', 'b', 'c', 'd'] }), limits)).toEqual({
      status: 413,
      code: 'too_many_texts',
      message: '"texts" has 4 entries; at most 3 per request.',
    });
    // Characters are code points: ten emoji (twenty UTF-16 units) fit in ten characters.
    expect(parsePredictRequest(JSON.stringify({ text: '😀'.repeat(10) }), limits).ok).toBe(true);
    expect(rejection(JSON.stringify({ text: '😀'.repeat(11) }), limits).code).toBe('text_too_long');
    // The defaults: 10,000 characters and 100 texts.
    expect(rejection(JSON.stringify({ text: 'x'.repeat(10_001) })).code).toBe('text_too_long');
    expect(rejection(JSON.stringify({ texts: Array(101).fill('a') })).code).toBe('too_many_texts');
    // A body no valid request could fill is refused before parsing.
    expect(rejection(`{"text": "${'x'.repeat(2000)}"}`, { maxChars: 1, maxTexts: 1 })).toMatchObject({ status: 413, code: 'payload_too_large' });
  });
});

describe('response bodies', () => {
  const classes = ['Billing', 'Technical Issue', 'General Inquiry'];
  const model = { name: 'ticket-classifier', version: 3 };
  const prediction = { id: 'p-0123456789abcdef', label: 'Billing', classIndex: 0, confidence: 0.91234567, probabilities: [0.91234567, 0.0543211, 0.03333323] };

  it('predictResponse: one prediction or a list, probabilities by class name, rounded', () => {
    expect(predictResponse({ predictions: [prediction], classes, model, latencyMs: 0.41234, single: true })).toEqual({
      model: { name: 'ticket-classifier', version: 3 },
      latency_ms: 0.412,
      prediction: { id: 'p-0123456789abcdef', label: 'Billing', confidence: 0.912346, probabilities: { Billing: 0.912346, 'Technical Issue': 0.054321, 'General Inquiry': 0.033333 } },
    });
    const many = predictResponse({ predictions: [prediction, { ...prediction, label: 'General Inquiry' }], classes, model, latencyMs: 2, single: false });
    expect(Object.keys(many)).toEqual(['model', 'latency_ms', 'predictions']);
    expect(many.predictions?.map((p) => p.label)).toEqual(['Billing', 'General Inquiry']);
    // The caller's reference is echoed only when given.
    expect(many.predictions![0]).not.toHaveProperty('ref');
    const withRef = predictResponse({ predictions: [{ ...prediction, ref: 'T-9' }], classes, model, latencyMs: 1, single: true });
    expect(withRef.prediction).toMatchObject({ id: 'p-0123456789abcdef', ref: 'T-9' });
    expect(Object.keys(many.predictions![0].probabilities)).toEqual(classes);
    expect(() => predictResponse({ predictions: [prediction], classes: ['a', 'b'], model, latencyMs: 1, single: true })).toThrow(/3 probabilities for 2 classes/);
    expect(() => predictResponse({ predictions: [prediction, prediction], classes, model, latencyMs: 1, single: true })).toThrow(/exactly one prediction/);
  });

  it('errorBody and the 404 for "no model deployed"', () => {
    expect(errorBody(422, 'invalid_request', 'bad')).toEqual({ error: { status: 422, code: 'invalid_request', message: 'bad' } });
    const body = noModelDeployedBody();
    expect(body.error).toMatchObject({ status: 404, code: 'no_model_deployed' });
    expect(body.error.message).toMatch(/Deploy page/);
  });

  it('healthResponse: with and without a served model', () => {
    expect(healthResponse({ model: { ...model, alias: 'champion' }, uptimeSeconds: 12.34567 })).toEqual({
      status: 'ok',
      model: { name: 'ticket-classifier', version: 3, alias: 'champion' },
      uptime_s: 12.346,
    });
    expect(healthResponse({ model: null, uptimeSeconds: 1 })).toEqual({
      status: 'no_model_deployed',
      model: null,
      uptime_s: 1,
      message: noModelDeployedBody().error.message,
    });
  });
});
