import { describe, expect, it } from 'vitest';
import {
  deprecationHeaders, deprecationProblem, mayUseVersion, retirementBadge, retirementProblem, retirementState, retirementWarning, type RetirableVersion, type VersionUse,
} from '$lib/core/registry/retirement';

const T0 = Date.parse('2026-06-01T12:00:00.000Z');
const SUNSET = '2026-07-01T00:00:00.000Z';
const deprecation = { at: '2026-06-01T12:00:00.000Z', by: 'Ana', reason: 'v3 is better', sunset: SUNSET, replacementId: 'v3' };
const active: RetirableVersion = { id: 'v1', modelName: 'Router', version: 1 };
const deprecated: RetirableVersion = { ...active, deprecated: deprecation };
const retired: RetirableVersion = { ...deprecated, retired: { at: '2026-07-02T00:00:00.000Z', by: 'Ben', reason: 'sunset passed' } };
const before = T0 + 1000;
const after = Date.parse(SUNSET) + 1;
const USES: VersionUse[] = ['serve', 'deploy', 'champion', 'canary', 'shadow'];
const HEADERS = { Deprecation: `@${Date.parse(deprecation.at) / 1000}`, Sunset: 'Wed, 01 Jul 2026 00:00:00 GMT' };

describe('retirementState', () => {
  it('is active, deprecated, past its sunset (by the clock passed in) or retired', () => {
    expect(retirementState(active, after)).toBe('active');
    expect(retirementState(deprecated, before)).toBe('deprecated');
    expect(retirementState(deprecated, Date.parse(SUNSET) - 1)).toBe('deprecated');
    expect(retirementState(deprecated, Date.parse(SUNSET))).toBe('past-sunset');
    expect(retirementState(retired, before)).toBe('retired');
  });
});

describe('deprecationHeaders', () => {
  it('writes Deprecation as @unix-seconds (RFC 9745) and Sunset as an HTTP-date (RFC 8594)', () => {
    expect(deprecationHeaders(deprecation)).toEqual({ Deprecation: '@1780315200', Sunset: 'Wed, 01 Jul 2026 00:00:00 GMT' });
  });
});

describe('mayUseVersion', () => {
  // Every state × use: allowed (with the headers its answers carry) or refused with its code.
  const table: [string, RetirableVersion, number, Record<VersionUse, string>][] = [
    ['active', active, before, { serve: 'ok', deploy: 'ok', champion: 'ok', canary: 'ok', shadow: 'ok' }],
    ['deprecated', deprecated, before, { serve: 'ok+headers', deploy: 'ok+headers', champion: 'model_deprecated', canary: 'ok+headers', shadow: 'ok+headers' }],
    ['past its sunset', deprecated, after, { serve: 'ok+headers', deploy: 'past_sunset', champion: 'model_deprecated', canary: 'past_sunset', shadow: 'past_sunset' }],
    ['retired', retired, before, { serve: 'model_retired', deploy: 'model_retired', champion: 'model_retired', canary: 'model_retired', shadow: 'model_retired' }],
  ];
  for (const [state, version, now, expected] of table) {
    it(`decides every use of a version that is ${state}`, () => {
      for (const use of USES) {
        const decision = mayUseVersion(version, use, now);
        const outcome = decision.allowed ? (Object.keys(decision.headers).length ? 'ok+headers' : 'ok') : decision.code;
        expect(`${use}: ${outcome}`).toBe(`${use}: ${expected[use]}`);
        if (decision.allowed && outcome === 'ok+headers') expect(decision.headers).toEqual(HEADERS);
        if (!decision.allowed) expect(decision.reason).toMatch(/^Router v1 /);
      }
    });
  }

  it('says why: the retirement date and reason, the sunset, and a warning when a deprecated version is chosen', () => {
    expect(mayUseVersion(retired, 'serve', before)).toMatchObject({ reason: 'Router v1 was retired on 2026-07-02 (sunset passed); deploy another version.' });
    expect(mayUseVersion(deprecated, 'deploy', after)).toMatchObject({ reason: expect.stringContaining('past its sunset (2026-07-01)') });
    expect(mayUseVersion(deprecated, 'deploy', before)).toMatchObject({ allowed: true, warning: 'Router v1 is deprecated (v3 is better); its sunset is 2026-07-01.' });
  });
});

describe('deprecationProblem', () => {
  const replacement: RetirableVersion = { id: 'v3', modelName: 'Router', version: 3 };
  const ask = (over: Partial<Parameters<typeof deprecationProblem>[0]> = {}) =>
    deprecationProblem({ version: active, isChampion: false, replacement: null, reason: 'old', sunset: SUNSET, nowMs: before, ...over });

  it('accepts a reason and a future sunset; the champion needs a replacement of the same model', () => {
    expect(ask()).toBeNull();
    expect(ask({ isChampion: true })).toBe('Router v1 is the champion or being served: name the version that replaces it.');
    expect(ask({ isChampion: true, replacement })).toBeNull();
  });

  it('refuses a blank reason, a sunset that is not in the future, a second deprecation and a retired version', () => {
    expect(ask({ reason: '  ' })).toMatch(/Say why/);
    expect(ask({ sunset: 'soon' })).toBe('The sunset date is not a date.');
    expect(ask({ sunset: new Date(before).toISOString() })).toBe('The sunset date must be in the future.');
    expect(ask({ version: deprecated })).toBe('Router v1 is already deprecated (since 2026-06-01).');
    expect(ask({ version: retired })).toBe('Router v1 is already retired.');
  });

  it('refuses a replacement that is itself, of another model, archived, deprecated or retired', () => {
    expect(ask({ replacement: active })).toBe('A version cannot replace itself.');
    expect(ask({ replacement: { ...replacement, modelName: 'Other' } })).toBe('The replacement must be a version of Router.');
    expect(ask({ replacement: { ...replacement, archived: true } })).toMatch(/archived/);
    expect(ask({ replacement: { ...replacement, deprecated: deprecation } })).toBe('Router v3 is itself deprecated and cannot be the replacement.');
    expect(ask({ replacement: { ...retired, id: 'v3', version: 3 } })).toBe('Router v3 is itself retired and cannot be the replacement.');
  });
});

describe('retirementProblem', () => {
  const replacement: RetirableVersion = { id: 'v3', modelName: 'Router', version: 3 };
  it('needs a deprecation first, a reason, and the champion alias moved away', () => {
    expect(retirementProblem({ version: { ...active, aliases: [] }, reason: 'gone', replacement: null })).toMatch(/^Deprecate Router v1 first/);
    expect(retirementProblem({ version: { ...deprecated, aliases: [] }, reason: ' ', replacement: null })).toMatch(/Say why/);
    expect(retirementProblem({ version: { ...deprecated, aliases: ['champion'] }, reason: 'gone', replacement })).toBe('Router v1 still holds the champion alias: move it to Router v3 first.');
    expect(retirementProblem({ version: { ...retired, aliases: [] }, reason: 'gone', replacement: null })).toBe('Router v1 is already retired.');
    expect(retirementProblem({ version: { ...deprecated, aliases: ['challenger'] }, reason: 'gone', replacement: null })).toBeNull();
  });
});

describe('what the Deploy page shows', () => {
  it('badges and warns with the reason, the dates, the replacement and what the endpoint does', () => {
    expect(retirementBadge(active)).toBeNull();
    expect(retirementBadge(deprecated)).toBe('deprecated (sunset 2026-07-01)');
    expect(retirementBadge(retired)).toBe('retired');
    expect(retirementWarning(active, { nowMs: before, served: true, replacement: null })).toBeNull();
    expect(retirementWarning(deprecated, { nowMs: before, served: true, replacement: 'Router v3' })).toBe(
      'Router v1 is deprecated since 2026-06-01 (v3 is better); sunset 2026-07-01. Its answers carry the Deprecation and Sunset headers. Use Router v3 instead.',
    );
    expect(retirementWarning(deprecated, { nowMs: after, served: false, replacement: null })).toBe('Router v1 is deprecated since 2026-06-01 (v3 is better); its sunset (2026-07-01) has passed: retire it.');
    expect(retirementWarning(retired, { nowMs: before, served: true, replacement: null })).toBe(
      'Router v1 was retired on 2026-07-02 by Ben: sunset passed. It is still deployed: the endpoint answers 410 (model_retired) until another version is deployed.',
    );
  });
});
