/**
 * Segment routing: a deployment can answer each request with a version chosen by a field of the
 * request — `segment`, `tier`, a region, any key — instead of one version for everyone (e.g. the
 * expensive model for enterprise customers, the cheap one elsewhere). Beside routing.ts's canary
 * and shadow, and exclusive with them: a deployment routes by segment or splits traffic, not both.
 *
 * The value is read from, in this order: the record's own field (`fields` / `records[i]`), the
 * body's `metadata` object, the body's top-level key (`{"text": "…", "segment": "enterprise"}`).
 * Only strings count (trimmed, compared exactly). A value no route names, or no value, goes to the
 * default route: the deployment's served version. One request is answered by one version, so the
 * records of a batch must share their value (a batch mixing segments is refused, naming the record).
 *
 * The rule is pure and deterministic — the same request always gets the same version — and its
 * route label (`tier=enterprise`, or `default`) is what the logs, the Monitor page and `/metrics`
 * count by.
 */

export interface SegmentRoute {
  /** The field's value this route takes, e.g. "enterprise". */
  value: string;
  modelVersionId: string;
}

export interface SegmentRouting {
  /** The request field (or metadata key) whose value picks the version, e.g. "segment" or "tier". */
  field: string;
  routes: SegmentRoute[];
}

/** The label of requests no route names: they go to the deployment's served version. */
export const DEFAULT_ROUTE = 'default';

export interface SegmentDecision {
  /** The version that answers. */
  modelVersionId: string;
  /** `field=value` of the route taken, or `default`. ('=' never appears in `default', so they cannot clash.) */
  route: string;
}

/** Keys of a predict request's body that are the request itself, so they cannot name a segment. */
const RESERVED = new Set(['text', 'texts', 'fields', 'records', 'ref', 'refs', 'metadata']);

/** The route label of a request routed by `field` with `value` (matched), or the default. */
export function routeLabel(field: string, value: string | null): string {
  return value === null ? DEFAULT_ROUTE : `${field}=${value}`;
}

/** Which version answers a request whose segment value is `value` (null: it sent none). */
export function routeBySegment(routing: SegmentRouting, defaultVersionId: string, value: string | null): SegmentDecision {
  const route = value === null ? undefined : routing.routes.find((r) => r.value === value);
  return route ? { modelVersionId: route.modelVersionId, route: routeLabel(routing.field, route.value) } : { modelVersionId: defaultVersionId, route: DEFAULT_ROUTE };
}

const stringAt = (source: unknown, key: string): string | null => {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) return null;
  const v = (source as Record<string, unknown>)[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
};

/**
 * The segment value of a predict request's parsed JSON `body` for `field` (see the module comment
 * for where it is looked up), or the refusal when its records disagree.
 */
export function requestSegment(body: unknown, field: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const obj = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const shared = stringAt(obj.metadata, field) ?? stringAt(obj, field);
  const records: unknown[] = Array.isArray(obj.records) ? obj.records : obj.fields !== undefined ? [obj.fields] : [];
  let value: string | null = null;
  for (const [i, record] of records.entries()) {
    const own = stringAt(record, field) ?? shared;
    if (i > 0 && own !== value) return { ok: false, message: `"records[${i}]" has ${field} ${own === null ? 'missing' : `"${own}"`} but "records[0]" has ${value === null ? 'none' : `"${value}"`}: one request is answered by one version, so send each ${field} in its own request.` };
    value = own;
  }
  return { ok: true, value: records.length ? value : shared };
}

/** What is wrong with a routing (empty when valid), in words for the Deploy page; `defaultVersionId` is the served version. */
export function segmentRoutingErrors(routing: SegmentRouting, defaultVersionId: string): string[] {
  const errors: string[] = [];
  const field = routing.field.trim();
  if (!field) errors.push('Name the request field to route by, e.g. segment.');
  else if (field.length > 100) errors.push('The field name is longer than 100 characters.');
  else if (RESERVED.has(field)) errors.push(`"${field}" is part of the request itself; route by another field.`);
  if (routing.routes.length === 0) errors.push('Add at least one route: a value and the version that answers it.');
  const seen = new Set<string>();
  routing.routes.forEach((r, i) => {
    const value = r.value.trim();
    if (!value) errors.push(`Route ${i + 1} needs a value.`);
    else if (seen.has(value)) errors.push(`Two routes take the value "${value}".`);
    seen.add(value);
    if (!r.modelVersionId) errors.push(`Route ${i + 1} needs a version.`);
  });
  if (errors.length === 0 && routing.routes.every((r) => r.modelVersionId === defaultVersionId)) errors.push('Every route goes to the default version: choose another version for at least one value.');
  return errors;
}

/** The routing as stored: field and values trimmed. */
export function normalizeSegmentRouting(routing: SegmentRouting): SegmentRouting {
  return { field: routing.field.trim(), routes: routing.routes.map((r) => ({ value: r.value.trim(), modelVersionId: r.modelVersionId })) };
}

/** Every version a deployment answers with: the served (default) one first, then each route's, once. */
export function routedVersionIds(defaultVersionId: string, routing: SegmentRouting | undefined): string[] {
  return [...new Set([defaultVersionId, ...(routing?.routes.map((r) => r.modelVersionId) ?? [])])];
}

/** The routing in words for people: `By tier: enterprise → Router v2; other requests → Router v1.` */
export function routingInWords(routing: SegmentRouting, defaultVersionId: string, nameOf: (versionId: string) => string): string {
  return `By ${routing.field}: ${routing.routes.map((r) => `${r.value} → ${nameOf(r.modelVersionId)}`).join(', ')}; other requests → ${nameOf(defaultVersionId)}.`;
}
