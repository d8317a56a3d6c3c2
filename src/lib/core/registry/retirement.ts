/**
 * Retiring a model version, in two steps, decided here once for every path (the registry, the
 * deployment code, the endpoint and the Deploy page all ask these functions):
 *
 * 1. *Deprecated*: it still answers, and every answer it gives carries `Deprecation: @<unix s>`
 *    (RFC 9745) and `Sunset: <HTTP-date>` (RFC 8594) so callers learn before it goes. It may still
 *    be deployed (a rollback to it must stay possible) but not become the champion; once its
 *    sunset has passed it is not deployed anew at all, though a deployment serving it keeps
 *    answering until someone retires it — the sunset is a promise to callers, retiring is the act.
 * 2. *Retired*: nothing may use it. A deployment still serving it answers 410 `model_retired`;
 *    a retired canary's share goes to the served version and a retired shadow is skipped, so a
 *    caller only sees 410 when the version it was promised (the served one) is gone.
 *
 * The clock is passed in (ms since the epoch), so the sunset is tested with any "now".
 */

export interface Deprecation {
  /** ISO time of the deprecation. */
  at: string;
  by: string;
  reason: string;
  /** ISO time after which the version may stop answering. */
  sunset: string;
  /** The version callers should move to (same model); required when the champion is deprecated. */
  replacementId: string | null;
}

export interface Retirement {
  at: string;
  by: string;
  reason: string;
}

/** The optional fields a model version carries once deprecated / retired. */
export interface RetirementFields {
  deprecated?: Deprecation;
  retired?: Retirement;
}

export interface RetirableVersion extends RetirementFields {
  id: string;
  modelName: string;
  version: number;
  archived?: boolean;
}

export type RetirementState = 'active' | 'deprecated' | 'past-sunset' | 'retired';
export type VersionUse = 'serve' | 'deploy' | 'champion' | 'canary' | 'shadow';

export type UseDecision =
  | { allowed: true; /** Headers every answer of this version carries. */ headers: Record<string, string>; /** Said to the person choosing it. */ warning?: string }
  | { allowed: false; code: 'model_retired' | 'model_deprecated' | 'past_sunset'; reason: string };

/** The endpoint's error code and status for a served version that is retired. */
export const MODEL_RETIRED = Object.freeze({ status: 410, code: 'model_retired' as const });

const name = (v: Pick<RetirableVersion, 'modelName' | 'version'>) => `${v.modelName} v${v.version}`;
const day = (iso: string) => iso.slice(0, 10);

export function retirementState(v: RetirementFields, nowMs: number): RetirementState {
  if (v.retired) return 'retired';
  if (!v.deprecated) return 'active';
  return Date.parse(v.deprecated.sunset) <= nowMs ? 'past-sunset' : 'deprecated';
}

/** `Deprecation` (RFC 9745: `@` and Unix seconds) and `Sunset` (RFC 8594: an IMF-fixdate). */
export function deprecationHeaders(d: Deprecation): Record<string, string> {
  return { Deprecation: `@${Math.floor(Date.parse(d.at) / 1000)}`, Sunset: new Date(d.sunset).toUTCString() };
}

/** May `v` be used for `use` at `nowMs`? If so, the headers its answers carry; if not, why. */
export function mayUseVersion(v: RetirableVersion, use: VersionUse, nowMs: number): UseDecision {
  const state = retirementState(v, nowMs);
  if (state === 'retired') {
    const why = v.retired!.reason ? ` (${v.retired!.reason})` : '';
    return { allowed: false, code: MODEL_RETIRED.code, reason: `${name(v)} was retired on ${day(v.retired!.at)}${why}${use === 'serve' ? '; deploy another version' : ''}.` };
  }
  if (state === 'active') return { allowed: true, headers: {} };
  const d = v.deprecated!;
  const headers = deprecationHeaders(d);
  if (use === 'serve') return { allowed: true, headers };
  if (use === 'champion') return { allowed: false, code: 'model_deprecated', reason: `${name(v)} is deprecated (${d.reason}) and cannot become the champion.` };
  if (state === 'past-sunset') return { allowed: false, code: 'past_sunset', reason: `${name(v)} is past its sunset (${day(d.sunset)}): it is not deployed anew; retire it or deploy another version.` };
  return { allowed: true, headers, warning: `${name(v)} is deprecated (${d.reason}); its sunset is ${day(d.sunset)}.` };
}

/** Throws with the reason when `v` may not be used for `use`. */
export function assertMayUse(v: RetirableVersion, use: VersionUse, nowMs: number): void {
  const decision = mayUseVersion(v, use, nowMs);
  if (!decision.allowed) throw new Error(decision.reason);
}

/**
 * Why `version` cannot be deprecated as asked, or null. `isChampion`: it holds the champion alias
 * or an active deployment serves it — then callers need somewhere to go, so a replacement is required.
 */
export function deprecationProblem(input: {
  version: RetirableVersion;
  isChampion: boolean;
  replacement: RetirableVersion | null;
  reason: string;
  /** ISO time. */
  sunset: string;
  nowMs: number;
}): string | null {
  const { version, replacement } = input;
  if (version.retired) return `${name(version)} is already retired.`;
  if (version.deprecated) return `${name(version)} is already deprecated (since ${day(version.deprecated.at)}).`;
  if (!input.reason.trim()) return 'Say why it is deprecated: callers and the audit trail read the reason.';
  const sunset = Date.parse(input.sunset);
  if (!Number.isFinite(sunset)) return 'The sunset date is not a date.';
  if (sunset <= input.nowMs) return 'The sunset date must be in the future.';
  if (!replacement) return input.isChampion ? `${name(version)} is the champion or being served: name the version that replaces it.` : null;
  if (replacement.id === version.id) return 'A version cannot replace itself.';
  if (replacement.modelName !== version.modelName) return `The replacement must be a version of ${version.modelName}.`;
  if (replacement.archived) return `${name(replacement)} is archived and cannot be the replacement.`;
  if (replacement.retired || replacement.deprecated) return `${name(replacement)} is itself ${replacement.retired ? 'retired' : 'deprecated'} and cannot be the replacement.`;
  return null;
}

/**
 * Why `version` cannot be retired, or null. It must be deprecated first (callers were warned), and
 * must not hold the champion alias (move it to the replacement first). A deployment still serving
 * it is allowed: retiring is the decision to stop answering, and the endpoint then answers 410.
 */
export function retirementProblem(input: { version: RetirableVersion & { aliases: string[] }; reason: string; replacement: RetirableVersion | null }): string | null {
  const { version } = input;
  if (version.retired) return `${name(version)} is already retired.`;
  if (!version.deprecated) return `Deprecate ${name(version)} first: callers get a Sunset date before it stops answering.`;
  if (!input.reason.trim()) return 'Say why it is retired: the reason is kept in the audit trail.';
  if (version.aliases.includes('champion')) return `${name(version)} still holds the champion alias: move it${input.replacement ? ` to ${name(input.replacement)}` : ''} first.`;
  return null;
}

/** The badge of a version: "retired", "deprecated (sunset 2026-07-01)", or null while active. */
export function retirementBadge(v: RetirementFields): string | null {
  if (v.retired) return 'retired';
  return v.deprecated ? `deprecated (sunset ${day(v.deprecated.sunset)})` : null;
}

/**
 * What the Deploy page warns about a deprecated or retired version, or null while it is active.
 * `served`: an active deployment serves it; `replacement`: its replacement's name, if any.
 */
export function retirementWarning(v: RetirableVersion, input: { nowMs: number; served: boolean; replacement: string | null }): string | null {
  const d = v.deprecated;
  const state = retirementState(v, input.nowMs);
  if (state === 'active' || !d) return null;
  const instead = input.replacement ? ` Use ${input.replacement} instead.` : '';
  if (state === 'retired') {
    const r = v.retired!;
    const now = input.served ? ' It is still deployed: the endpoint answers 410 (model_retired) until another version is deployed.' : '';
    return `${name(v)} was retired on ${day(r.at)} by ${r.by}: ${r.reason}.${now}${instead}`;
  }
  const sunset = state === 'past-sunset' ? `its sunset (${day(d.sunset)}) has passed: retire it` : `sunset ${day(d.sunset)}`;
  return `${name(v)} is deprecated since ${day(d.at)} (${d.reason}); ${sunset}.${input.served ? ' Its answers carry the Deprecation and Sunset headers.' : ''}${instead}`;
}
