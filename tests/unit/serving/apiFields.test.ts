import { describe, expect, it } from 'vitest';
import { errorBody, parsePredictRequest, textsOfFields } from '$lib/core/serving/api';

describe('POST /api/v1/predict with named fields', () => {
  it('reads {"fields": {…}} as one record and {"records": […]} as several, with refs', () => {
    expect(parsePredictRequest('{"fields": {"subject": "Refund", "body": "charged twice", "channel": null}, "ref": "T-1"}')).toEqual({
      ok: true,
      texts: null,
      fields: [{ subject: 'Refund', body: 'charged twice', channel: null }],
      single: true,
      refs: ['T-1'],
    });
    const batch = parsePredictRequest('{"records": [{"body": "a"}, {"body": "b"}], "refs": ["x", null]}');
    expect(batch).toMatchObject({ ok: true, texts: null, fields: [{ body: 'a' }, { body: 'b' }], single: false, refs: ['x', null] });
  });

  it('refuses mixed forms, wrong shapes and long values with the field named', () => {
    const rejected = (body: string) => {
      const parsed = parsePredictRequest(body);
      if (parsed.ok) throw new Error('accepted');
      return parsed;
    };
    expect(rejected('{"text": "a", "fields": {"body": "b"}}').error.message).toMatch(/not "text" and "fields"/);
    expect(rejected('{"fields": ["a"]}').error.message).toMatch(/"fields" must be an object/);
    expect(rejected('{"fields": {}}').error.message).toMatch(/at least one field/);
    expect(rejected('{"fields": {"body": 3}}').error.message).toMatch(/"fields.body" must be a string or null/);
    expect(rejected('{"records": [{"body": "a"}, {"body": false}]}').error.message).toMatch(/"records\[1\].body"/);
    expect(rejected('{"records": []}').error.message).toMatch(/must not be empty/);
    expect(rejected('{"fields": {"body": "a"}, "refs": ["x"]}').error.message).toMatch(/"ref", not "refs"/);
    const long = rejected(JSON.stringify({ fields: { body: 'x'.repeat(10_001) } }));
    expect(long).toMatchObject({ status: 413, error: { code: 'text_too_long' } });
    expect(rejected('{"ref": "x"}').error.message).toMatch(/"fields" \(an object of named strings\)/);
  });

  it('joins the text fields in order with a blank line, as the dataset joins its text columns', () => {
    expect(textsOfFields([{ body: ' charged twice ', subject: 'Refund', channel: 'email' }], ['subject', 'body'])).toEqual({ ok: true, texts: ['Refund\n\ncharged twice'] });
    // A missing or blank field is left out, not joined as an empty line.
    expect(textsOfFields([{ subject: '', body: 'only body' }, { subject: 'only subject' }], ['subject', 'body'])).toEqual({ ok: true, texts: ['only body', 'only subject'] });
    expect(textsOfFields([{ channel: 'email' }], ['subject', 'body'])).toMatchObject({ ok: false, status: 422, error: { message: expect.stringContaining('"subject", "body"') } });
  });

  it('puts the field of a contract violation into the error body', () => {
    expect(errorBody(422, 'contract_violation', 'm', 'subject')).toEqual({ error: { status: 422, code: 'contract_violation', message: 'm', field: 'subject' } });
    expect(errorBody(422, 'invalid_request', 'm')).toEqual({ error: { status: 422, code: 'invalid_request', message: 'm' } });
  });
});
