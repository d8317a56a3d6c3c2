/**
 * Hyper-parameter specifications: one table per model family drives validation (here) and, later,
 * the form that edits them. Loose in (`unknown` from a form, a stored run or a JSON import),
 * strict out (a complete, typed parameter object or a list of readable errors).
 */

interface SpecBase {
  key: string;
  label: string;
  help: string;
  /**
   * The parameter matters only when parameter `key` has one of `values` (e.g. the learning rate
   * only for the mini-batch optimizers); the form hides it otherwise. It is still validated and
   * stored, with its default, so a run's parameters keep one shape.
   */
  usedBy?: { key: string; values: readonly string[] };
}

export type ParamSpec =
  | (SpecBase & { kind: 'number'; min: number; max: number; minExclusive?: boolean; maxExclusive?: boolean })
  | (SpecBase & { kind: 'integer'; min: number; max: number })
  | (SpecBase & { kind: 'choice'; options: readonly string[] })
  | (SpecBase & { kind: 'integer-list'; minLength: number; maxLength: number; min: number; max: number });

/** Whether `spec` matters for these (possibly partial) parameter values. */
export function specApplies(spec: ParamSpec, values: Readonly<Record<string, unknown>>): boolean {
  return !spec.usedBy || spec.usedBy.values.includes(String(values[spec.usedBy.key]));
}

export type ParamsResult<P> = { ok: true; params: P } | { ok: false; errors: string[] };

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describe).join(', ')}]`;
  return String(value);
}

function rangeText(spec: Extract<ParamSpec, { kind: 'number' | 'integer' | 'integer-list' }>): string {
  if (spec.kind !== 'number') return `from ${spec.min} to ${spec.max}`;
  const low = spec.minExclusive ? `greater than ${spec.min}` : `at least ${spec.min}`;
  const high = spec.maxExclusive ? `less than ${spec.max}` : `at most ${spec.max}`;
  return `${low} and ${high}`;
}

function checkOne(spec: ParamSpec, value: unknown): string | null {
  switch (spec.kind) {
    case 'number': {
      const ok =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (spec.minExclusive ? value > spec.min : value >= spec.min) &&
        (spec.maxExclusive ? value < spec.max : value <= spec.max);
      return ok ? null : `${spec.key} (${spec.label}) must be a number ${rangeText(spec)}; got ${describe(value)}.`;
    }
    case 'integer': {
      const ok = typeof value === 'number' && Number.isInteger(value) && value >= spec.min && value <= spec.max;
      return ok ? null : `${spec.key} (${spec.label}) must be a whole number ${rangeText(spec)}; got ${describe(value)}.`;
    }
    case 'choice':
      return typeof value === 'string' && spec.options.includes(value)
        ? null
        : `${spec.key} (${spec.label}) must be one of ${spec.options.map((o) => `"${o}"`).join(', ')}; got ${describe(value)}.`;
    case 'integer-list': {
      const ok =
        Array.isArray(value) &&
        value.length >= spec.minLength &&
        value.length <= spec.maxLength &&
        value.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= spec.min && v <= spec.max);
      return ok
        ? null
        : `${spec.key} (${spec.label}) must be a list of ${spec.minLength} to ${spec.maxLength} whole numbers, ` +
            `each ${rangeText(spec)}; got ${describe(value)}.`;
    }
  }
}

/**
 * Checks `raw` against `specs`; missing keys take their value from `defaults`, unknown keys are
 * errors (a typo must not silently fall back to a default).
 */
export function validateParams<P extends object>(specs: readonly ParamSpec[], defaults: P, raw: unknown): ParamsResult<P> {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [`Parameters must be an object; got ${describe(raw)}.`] };
  }
  const input = raw as Record<string, unknown>;
  const errors: string[] = [];
  const known = new Set(specs.map((s) => s.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key) && input[key] !== undefined) {
      errors.push(`Unknown parameter "${key}"; expected one of ${[...known].join(', ')}.`);
    }
  }
  const params: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const spec of specs) {
    const value = input[spec.key] === undefined ? (defaults as Record<string, unknown>)[spec.key] : input[spec.key];
    const error = checkOne(spec, value);
    if (error) errors.push(error);
    else params[spec.key] = Array.isArray(value) ? [...value] : value;
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, params: params as P };
}
