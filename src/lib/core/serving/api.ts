/**
 * The prediction endpoint's HTTP contract as pure functions: request parsing with limits, and
 * the JSON bodies of every answer. The service worker only moves bytes and calls these, so the
 * contract is tested here and documented in one place (the README copies the shapes below).
 *
 * Routes (served by the service worker for any page of the app's origin):
 * - `POST /api/v1/predict` — body `{"text": "…"}` or `{"texts": ["…", …]}`, optionally with your own
 *   reference for each text (`"ref": "T-1042"` or `"refs": ["T-1042", …]`) to send outcomes by later.
 *   Or the request's named fields, as a client application holds them:
 *   `{"fields": {"subject": "…", "body": "…", "channel": "email"}}` (one; the answer has `prediction`)
 *   or `{"records": [{"subject": "…", "body": "…"}, …]}` (several; `predictions`), with `ref`/`refs`
 *   as above. Field values are strings (null or absent = missing). The model reads the project's
 *   text fields joined with a blank line, as the dataset joins its text columns — in the order of
 *   the project's request contract, or else of the newest dataset version's text columns; other
 *   fields (e.g. `channel`) are only logged. The log keeps every field (bounded and masked like a text).
 *   If the project has a request contract (requestContract.ts), every predict request is checked
 *   against it first: a request that breaks it answers 422 `contract_violation`, with the field
 *   in the message and in `error.field`; a plain `text` under a contract with required fields
 *   is refused the same way and told to send `fields`.
 *   A deployment that routes by segment (segmentRouting.ts) reads its field from the record, the
 *   body's `metadata` object or a top-level key (`{"text": "…", "segment": "enterprise"}`) and
 *   answers with that segment's version; such keys are otherwise ignored.
 * - `POST /api/v1/feedback` — ground truth for earlier predictions:
 *   `{"id": "<prediction id or your ref>", "label": "…"}` or `{"outcomes": [{"id": …, "label": …}, …]}`.
 * - `GET /api/v1/health` — always 200 while the worker runs; the body says whether a model is served.
 * - `GET /metrics` — Prometheus text format (prometheus.ts).
 *
 * Errors are always `{"error": {"status": 422, "code": "invalid_request", "message": "…"}}`:
 *
 * | status | code                | when                                                           |
 * |--------|---------------------|----------------------------------------------------------------|
 * | 400    | `invalid_json`      | the body is not JSON                                           |
 * | 404    | `no_model_deployed` | nothing is deployed under the serving alias                    |
 * | 404    | `not_found`         | an unknown path under `/api/v1/`                               |
 * | 404    | `unknown_prediction`| feedback for an id or ref no logged prediction has             |
 * | 405    | `method_not_allowed`| e.g. `GET /api/v1/predict`                                     |
 * | 410    | `model_retired`     | the deployed version is retired (core/registry/retirement.ts)  |
 * | 413    | `payload_too_large` | the body is larger than any valid request could be             |
 * | 413    | `text_too_long`     | a text longer than `maxChars` characters (10,000)              |
 * | 413    | `too_many_texts`    | more than `maxTexts` texts (100)                               |
 * | 422    | `invalid_request`   | valid JSON, wrong shape: the message names the field           |
 * | 422    | `contract_violation`| a field breaks the project's request contract (`error.field`)   |
 * | 422    | `unknown_label`     | feedback with a label the predicting version has no class for  |
 * | 500    | `internal_error`    | the model could not be loaded or run (the message says why)    |
 *
 * A deprecated version's predict answers carry `Deprecation: @<unix seconds>` (RFC 9745) and
 * `Sunset: <HTTP-date>` (RFC 8594).
 *
 * Every answer to `/api/v1/*` is logged with its status and code (the Monitor page's error rate
 * and availability count them); `GET /metrics` scrapes are counted in `/metrics` only.
 *
 * Why "no model deployed" is a 404 and not a 503: nothing is broken and waiting will not help —
 * the user has to deploy a version (a 4xx: the request cannot be served as things are set up),
 * and a 5xx would count against the endpoint's error rate and availability on the Monitor page
 * although the endpoint is working. The message says what to do.
 */

import { rowText } from '../data/recordFields';

/** Limits on one predict request. Characters are Unicode code points. */
export interface PredictLimits {
  maxChars: number;
  maxTexts: number;
}

export const DEFAULT_PREDICT_LIMITS: Readonly<PredictLimits> = Object.freeze({ maxChars: 10_000, maxTexts: 100 });

export interface ApiError {
  code: string;
  message: string;
}

/** The body of every error answer; `field` names the request field a contract violation concerns. */
export interface ErrorBody {
  error: { status: number; code: string; message: string; field?: string };
}

/** A request's named fields as sent: string values, null for a field sent as null. */
export type RequestFields = Record<string, string | null>;

export type ParsedPredictRequest =
  | {
      ok: true;
      /** The texts of a `text`/`texts` request; null for a `fields`/`records` one (its texts depend on the project: `textsOfFields`). */
      texts: string[] | null;
      /** The records of a `fields`/`records` request, else null. */
      fields: RequestFields[] | null;
      single: boolean;
      /** The caller's reference per text, or null. */
      refs: (string | null)[];
    }
  | { ok: false; status: number; error: ApiError };

/** `{ error: { status, code, message } }`, with `field` when one is given. */
export function errorBody(status: number, code: string, message: string, field?: string): ErrorBody {
  return { error: { status, code, message, ...(field !== undefined ? { field } : {}) } };
}

/** A deployment whose version lost its approval under the governance policy (core/governance/mayProceed.ts). */
export const GATE_NOT_APPROVED = Object.freeze({ status: 403, code: 'gate_not_approved' as const });

export const NO_MODEL_DEPLOYED = Object.freeze({
  status: 404,
  code: 'no_model_deployed',
  message: 'No model is deployed. Register a trained model and deploy a version on the Deploy page, then try again.',
});

/** The 404 answer when nothing is deployed under the serving alias (see the module comment for why 404). */
export function noModelDeployedBody(): ErrorBody {
  return errorBody(NO_MODEL_DEPLOYED.status, NO_MODEL_DEPLOYED.code, NO_MODEL_DEPLOYED.message);
}

const invalid = (message: string): ParsedPredictRequest => ({ ok: false, status: 422, error: { code: 'invalid_request', message } });
const tooLarge = (code: string, message: string): ParsedPredictRequest => ({ ok: false, status: 413, error: { code, message } });

/** Number of code points of `text`, counted only as far as needed to compare with `limit`. */
function exceeds(text: string, limit: number): boolean {
  if (text.length <= limit) return false;
  let points = 0;
  for (const _ of text) if (++points > limit) return true;
  return false;
}

/** Rejects a text (the field name is `text` or `texts[i]`) or returns null if it is fine. */
function checkText(value: unknown, field: string, limits: PredictLimits): ParsedPredictRequest | null {
  if (typeof value !== 'string') return invalid(`"${field}" must be a string (got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}).`);
  if (value.trim() === '') return invalid(`"${field}" must not be empty.`);
  if (exceeds(value, limits.maxChars)) return tooLarge('text_too_long', `"${field}" has more than ${limits.maxChars} characters.`);
  return null;
}

/**
 * Parses the body of `POST /api/v1/predict`:
 * `{"text": "…"}` (single: the answer has `prediction`) or `{"texts": ["…", …]}` (the answer has
 * `predictions`, in order). Other fields are ignored. Texts may not be empty or blank. Checks
 * come in this order: body size → JSON → object → text/texts presence → types → limits.
 */
export function parsePredictRequest(bodyText: string, limits: PredictLimits = DEFAULT_PREDICT_LIMITS): ParsedPredictRequest {
  // Every character can take at most 6 in JSON (\uXXXX), plus quotes, commas and some slack.
  const maxBody = limits.maxTexts * (limits.maxChars * 6 + 8) + 1024;
  if (bodyText.length > maxBody) return tooLarge('payload_too_large', `The request body is larger than ${maxBody} characters.`);
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch (e) {
    return { ok: false, status: 400, error: { code: 'invalid_json', message: `The request body is not valid JSON: ${(e as Error).message}` } };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalid('The request body must be a JSON object: {"text": "…"} or {"texts": ["…", …]}.');
  }
  const fields = body as Record<string, unknown>;
  const hasText = fields.text !== undefined;
  const hasTexts = fields.texts !== undefined;
  const forms = ['text', 'texts', 'fields', 'records'].filter((k) => fields[k] !== undefined);
  if (forms.length > 1) return invalid(`Send one of "text", "texts", "fields" or "records", not ${forms.map((f) => `"${f}"`).join(' and ')}.`);
  if (forms.length === 0) return invalid('The request needs a "text" (one string), "texts" (an array of strings), "fields" (an object of named strings) or "records" (an array of such objects).');
  if (!hasText && !hasTexts) return parseFieldsRequest(fields, limits);
  if (hasText) {
    if (fields.refs !== undefined) return invalid('With "text", send your reference as "ref", not "refs".');
    const ref = checkRef(fields.ref, 'ref');
    if (typeof ref === 'object' && ref !== null) return ref;
    return checkText(fields.text, 'text', limits) ?? { ok: true, texts: [fields.text as string], fields: null, single: true, refs: [ref] };
  }
  const texts = fields.texts;
  if (!Array.isArray(texts)) return invalid(`"texts" must be an array of strings (got ${texts === null ? 'null' : typeof texts}).`);
  if (texts.length === 0) return invalid('"texts" must not be empty.');
  if (texts.length > limits.maxTexts) return tooLarge('too_many_texts', `"texts" has ${texts.length} entries; at most ${limits.maxTexts} per request.`);
  for (let i = 0; i < texts.length; i++) {
    const rejected = checkText(texts[i], `texts[${i}]`, limits);
    if (rejected) return rejected;
  }
  const refs = batchRefs(fields, 'texts', 'text', texts.length);
  return Array.isArray(refs) ? { ok: true, texts: texts as string[], fields: null, single: false, refs } : refs;
}

/** The `refs` of a batch of `count` (one per entry, or all null when absent), or the rejection. */
function batchRefs(body: Record<string, unknown>, key: string, noun: string, count: number): (string | null)[] | ParsedPredictRequest {
  if (body.ref !== undefined) return invalid(`With "${key}", send references as "refs" (one per ${noun}), not "ref".`);
  if (body.refs === undefined) return new Array<null>(count).fill(null);
  if (!Array.isArray(body.refs) || body.refs.length !== count) return invalid(`"refs" must be an array with one entry per ${noun} (${count}).`);
  const refs: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const ref = checkRef(body.refs[i], `refs[${i}]`);
    if (typeof ref === 'object' && ref !== null) return ref;
    refs.push(ref);
  }
  return refs;
}

/** Most named fields in one record. */
export const MAX_REQUEST_FIELDS = 50;

/** One record of named fields (`fields` or `records[i]`), or the rejection. */
function checkFields(value: unknown, where: string, limits: PredictLimits): RequestFields | ParsedPredictRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(`"${where}" must be an object of named strings, e.g. {"subject": "…", "body": "…"}.`);
  const entries = Object.entries(value);
  if (entries.length === 0) return invalid(`"${where}" must name at least one field.`);
  if (entries.length > MAX_REQUEST_FIELDS) return invalid(`"${where}" has ${entries.length} fields; at most ${MAX_REQUEST_FIELDS}.`);
  const out: RequestFields = {};
  for (const [name, v] of entries) {
    if (name.length > 100) return invalid(`"${where}" has a field name longer than 100 characters.`);
    if (v !== null && typeof v !== 'string') return invalid(`"${where}.${name}" must be a string or null (got ${Array.isArray(v) ? 'an array' : typeof v}).`);
    if (typeof v === 'string' && exceeds(v, limits.maxChars)) return tooLarge('text_too_long', `"${where}.${name}" has more than ${limits.maxChars} characters.`);
    out[name] = v;
  }
  return out;
}

const isRejection = (x: unknown): x is ParsedPredictRequest => typeof x === 'object' && x !== null && (x as { ok?: unknown }).ok === false;

/** `{"fields": {…}}` (single) or `{"records": [{…}, …]}`, with `ref`/`refs` as for texts. */
function parseFieldsRequest(body: Record<string, unknown>, limits: PredictLimits): ParsedPredictRequest {
  if (body.fields !== undefined) {
    if (body.refs !== undefined) return invalid('With "fields", send your reference as "ref", not "refs".');
    const ref = checkRef(body.ref, 'ref');
    if (isRejection(ref)) return ref;
    const record = checkFields(body.fields, 'fields', limits);
    return isRejection(record) ? record : { ok: true, texts: null, fields: [record], single: true, refs: [ref as string | null] };
  }
  const records = body.records;
  if (!Array.isArray(records)) return invalid('"records" must be an array of objects of named strings.');
  if (records.length === 0) return invalid('"records" must not be empty.');
  if (records.length > limits.maxTexts) return tooLarge('too_many_texts', `"records" has ${records.length} entries; at most ${limits.maxTexts} per request.`);
  const out: RequestFields[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = checkFields(records[i], `records[${i}]`, limits);
    if (isRejection(record)) return record;
    out.push(record);
  }
  const refs = batchRefs(body, 'records', 'record', out.length);
  return Array.isArray(refs) ? { ok: true, texts: null, fields: out, single: false, refs } : refs;
}

/**
 * The texts the model reads for records of named fields: the `order` fields' trimmed non-blank
 * values joined with a blank line (data/recordFields.ts `rowText`, as the dataset joins its text
 * columns), or a 422 naming what is missing when a record has none of them.
 */
export function textsOfFields(records: readonly RequestFields[], order: readonly string[]): { ok: true; texts: string[] } | { ok: false; status: number; error: ApiError } {
  const texts: string[] = [];
  for (const [i, record] of records.entries()) {
    const text = rowText(order.map((name) => record[name] ?? ''), order.map((_, k) => k));
    if (text === '') {
      const where = records.length > 1 ? `records[${i}]` : 'fields';
      const names = order.length ? order.map((n) => `"${n}"`).join(', ') : 'none (the project has no text columns)';
      return { ok: false, status: 422, error: { code: 'invalid_request', message: `"${where}" has no text to classify: the project's text fields are ${names}.` } };
    }
    texts.push(text);
  }
  return { ok: true, texts };
}

/** Longest accepted caller reference or prediction id, in characters. */
export const MAX_REF_CHARS = 200;

/** A caller reference: absent/null → null, a short non-blank string → itself, else the rejection. */
function checkRef(value: unknown, field: string): string | null | ParsedPredictRequest {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || value.trim() === '') return invalid(`"${field}" must be a non-empty string.`);
  if (value.length > MAX_REF_CHARS) return invalid(`"${field}" has more than ${MAX_REF_CHARS} characters.`);
  return value;
}

/** The served model, as answers name it. `version` is the registry's version number. */
export interface ServedModel {
  name: string;
  version: number;
}

/** One prediction as the API returns it. */
export interface PredictionJson {
  /** The prediction's id: send it to `/api/v1/feedback` with the true label. */
  id: string;
  /** Your reference, when the request gave one. */
  ref?: string;
  label: string;
  confidence: number;
  /** Class name → probability, in the model's class order. */
  probabilities: Record<string, number>;
}

/**
 * The body of a successful `POST /api/v1/predict` (200):
 * ```json
 * {
 *   "model": { "name": "ticket-classifier", "version": 3 },
 *   "latency_ms": 0.412,
 *   "prediction": {
 *     "id": "p-3f9c2a61d0b84e7a",
 *     "label": "Billing",
 *     "confidence": 0.912345,
 *     "probabilities": { "Billing": 0.912345, "Technical Issue": 0.054321, "General Inquiry": 0.033334 }
 *   }
 * }
 * ```
 * For `{"texts": [...]}` the body has `"predictions": [ {label, confidence, probabilities}, … ]`
 * (one per text, in order) instead of `"prediction"`. Probabilities and confidence are rounded to
 * 6 decimals (the weights are float32; more digits are noise), so they may not sum to exactly 1.
 * `latency_ms` is the time from receiving the request to building the answer, rounded to µs.
 */
export interface PredictResponseBody {
  model: ServedModel;
  latency_ms: number;
  prediction?: PredictionJson;
  predictions?: PredictionJson[];
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function predictResponse(input: {
  predictions: readonly { id: string; ref?: string | null; label: string; confidence: number; probabilities: readonly number[] }[];
  /** Class names in the order of `probabilities`. */
  classes: readonly string[];
  model: ServedModel;
  latencyMs: number;
  single: boolean;
}): PredictResponseBody {
  const { classes } = input;
  const items = input.predictions.map((p): PredictionJson => {
    if (p.probabilities.length !== classes.length) throw new Error(`predictResponse: ${p.probabilities.length} probabilities for ${classes.length} classes`);
    const probabilities: Record<string, number> = {};
    classes.forEach((c, i) => (probabilities[c] = round(p.probabilities[i], 6)));
    return { id: p.id, ...(p.ref ? { ref: p.ref } : {}), label: p.label, confidence: round(p.confidence, 6), probabilities };
  });
  if (input.single && items.length !== 1) throw new Error(`predictResponse: a single answer needs exactly one prediction (got ${items.length})`);
  const head = { model: { name: input.model.name, version: input.model.version }, latency_ms: round(input.latencyMs, 3) };
  return input.single ? { ...head, prediction: items[0] } : { ...head, predictions: items };
}

/**
 * The body of `GET /api/v1/health`, always sent with status 200 — the endpoint answered, so it is
 * available; whether it can predict is in the body:
 * ```json
 * { "status": "ok", "model": { "name": "ticket-classifier", "version": 3, "alias": "champion" }, "uptime_s": 12.5 }
 * { "status": "no_model_deployed", "model": null, "uptime_s": 12.5, "message": "No model is deployed. …" }
 * ```
 */
export interface HealthResponseBody {
  /**
   * `model_retired`: a deployment serves a retired version, so predictions answer 410;
   * `gate_not_approved`: its version lost its approval under the governance policy (403).
   */
  status: 'ok' | 'no_model_deployed' | HealthRefusal['status'];
  model: (ServedModel & { alias: string }) | null;
  /** Seconds since the service worker started serving, rounded to ms. */
  uptime_s: number;
  message?: string;
}

/** `refused`: why the served version may not answer (the retirement decision), when it may not. */
/** Why the served version does not answer predictions, in words. */
export interface HealthRefusal {
  status: 'model_retired' | 'gate_not_approved';
  message: string;
}

export function healthResponse(input: { model: (ServedModel & { alias: string }) | null; uptimeSeconds: number; refused?: HealthRefusal | null }): HealthResponseBody {
  const uptime_s = round(Math.max(0, input.uptimeSeconds), 3);
  if (!input.model) return { status: 'no_model_deployed', model: null, uptime_s, message: NO_MODEL_DEPLOYED.message };
  const { name, version, alias } = input.model;
  if (input.refused) return { status: input.refused.status, model: { name, version, alias }, uptime_s, message: input.refused.message };
  return { status: 'ok', model: { name, version, alias }, uptime_s };
}
