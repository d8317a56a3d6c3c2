import { describe, expect, it } from 'vitest';
import { DEFAULT_CANARY_RULE, canaryRuleOf, canaryRuleProblems, mayTakeTraffic, trafficOf, type PastDeployment, type TrafficPart, type TrafficRequest } from '$lib/core/loop/canaryRule';

const on = { requireCanary: true, maxFirstPercent: 10 };
const serve = (id: string, percent = 100): TrafficPart => ({ modelVersionId: id, name: `Router ${id}`, percent, mode: 'serve' });
const canary = (id: string, percent: number): TrafficPart => ({ modelVersionId: id, name: `Router ${id}`, percent, mode: 'canary' });
const shadow = (id: string): TrafficPart => ({ modelVersionId: id, name: `Router ${id}`, percent: 0, mode: 'shadow' });
const ask = (traffic: TrafficPart[], via: TrafficRequest['via'] = 'deploy'): TrafficRequest => ({ traffic, via });
/** v1 served alone before; the active deployment serves v1 with v2 as a 10 % canary. */
const history: PastDeployment[] = [
  { status: 'superseded', traffic: [serve('v1')] },
  { status: 'active', traffic: [serve('v1', 90), canary('v2', 10)] },
];

describe('mayTakeTraffic', () => {
  it('refuses a version that never served all traffic taking it outright, saying how it may start', () => {
    const d = mayTakeTraffic(on, ask([serve('v2')]), history);
    expect(d).toEqual({
      allowed: false,
      reason: 'Router v2 has never served all traffic, and the canary rule is on: it may start as a canary on at most 10 % of the requests or in shadow next to the champion, and takes all traffic when the promotion rule promotes it (Monitor → Challenger).',
    });
    // Nor as the served side of a split, with the old champion as its canary.
    expect(mayTakeTraffic(on, ask([serve('v3', 90), canary('v1', 10)]), history).allowed).toBe(false);
  });

  it('allows a canary up to the maximum share and in shadow, and refuses one above it', () => {
    expect(mayTakeTraffic(on, ask([serve('v1', 90), canary('v3', 10)]), history).allowed).toBe(true);
    expect(mayTakeTraffic(on, ask([serve('v1'), shadow('v3')]), history).allowed).toBe(true);
    const over = mayTakeTraffic(on, ask([serve('v1', 89), canary('v3', 11)]), history);
    expect(over.allowed).toBe(false);
    expect(over.reason).toMatch(/^Router v3 has never served all traffic.* 11 % was asked\.$/);
    expect(mayTakeTraffic({ ...on, maxFirstPercent: 50 }, ask([serve('v1', 50), canary('v3', 50)]), history).allowed).toBe(true);
  });

  it('lets the promotion rule promote the challenger of the active deployment, and only it', () => {
    expect(mayTakeTraffic(on, ask([serve('v2')], 'promotion'), history)).toEqual({ allowed: true, reason: 'The promotion rule promoted the challenger on live traffic.' });
    // A shadow earns it the same way.
    expect(mayTakeTraffic(on, ask([serve('v3')], 'promotion'), [{ status: 'active', traffic: [serve('v1'), shadow('v3')] }]).allowed).toBe(true);
    // A version that was no challenger of the active deployment is not promoted by it.
    expect(mayTakeTraffic(on, ask([serve('v3')], 'promotion'), history).allowed).toBe(false);
    expect(mayTakeTraffic(on, ask([serve('v2')], 'promotion'), [{ status: 'superseded', traffic: [serve('v1', 90), canary('v2', 10)] }, { status: 'active', traffic: [serve('v1')] }]).allowed).toBe(false);
  });

  it('never blocks a rollback, and lets a version that served before take all traffic again', () => {
    expect(mayTakeTraffic(on, ask([serve('v1', 50), canary('v2', 50)], 'rollback'), history)).toEqual({ allowed: true, reason: 'A rollback is always allowed.' });
    expect(mayTakeTraffic(on, ask([serve('v2')], 'rollback'), history).allowed).toBe(true);
    expect(mayTakeTraffic(on, ask([serve('v1')]), history).allowed).toBe(true);
    // The old champion may even be a large canary of the new one.
    expect(mayTakeTraffic(on, ask([serve('v2', 60), canary('v1', 40)]), [...history, { status: 'active', traffic: [serve('v2')] }]).allowed).toBe(true);
  });

  it('lets the first deployment of a project serve its version, a canary in it still limited', () => {
    expect(mayTakeTraffic(on, ask([serve('v1')]), [])).toEqual({ allowed: true, reason: 'The first deployment of the project: nothing serves yet, so its version may serve all traffic.' });
    expect(mayTakeTraffic(on, ask([serve('v1', 80), canary('v2', 20)]), []).allowed).toBe(false);
  });

  it('lets a segment route answer with a version only once it served all traffic', () => {
    const routed = (id: string): TrafficRequest => ({ traffic: [serve('v1')], via: 'deploy', routes: [{ modelVersionId: id, name: `Router ${id}`, route: 'tier = enterprise' }] });
    const refused = mayTakeTraffic(on, routed('v2'), history);
    expect(refused.allowed).toBe(false);
    expect(refused.reason).toMatch(/^Router v2 has never served all traffic, and the canary rule is on: the route tier = enterprise would give it every request of that segment\./);
    // Not in a project's first deployment either: the served version is there to compare with.
    expect(mayTakeTraffic(on, routed('v2'), []).allowed).toBe(false);
    // A version that served before may answer a route; a rollback and the rule off allow anything.
    expect(mayTakeTraffic(on, { ...routed('v2'), traffic: [serve('v2')] }, [...history, { status: 'active', traffic: [serve('v2')] }]).allowed).toBe(true);
    expect(mayTakeTraffic(on, { ...routed('v1'), traffic: [serve('v2')] }, [...history, { status: 'active', traffic: [serve('v2')] }]).allowed).toBe(true);
    expect(mayTakeTraffic(on, { ...routed('v3'), via: 'rollback' }, history).allowed).toBe(true);
    expect(mayTakeTraffic(canaryRuleOf({}), routed('v3'), history).allowed).toBe(true);
  });

  it('allows everything when off, the default', () => {
    expect(canaryRuleOf(undefined)).toEqual(DEFAULT_CANARY_RULE);
    expect(DEFAULT_CANARY_RULE.requireCanary).toBe(false);
    expect(mayTakeTraffic(canaryRuleOf({}), ask([serve('v3')]), history)).toEqual({ allowed: true, reason: 'The canary rule is off.' });
    expect(canaryRuleOf({ canaryRule: { requireCanary: true } })).toEqual({ requireCanary: true, maxFirstPercent: 10 });
  });
});

describe('canaryRuleProblems', () => {
  it('accepts 1 to 50 % and reports every problem', () => {
    expect(canaryRuleProblems({ requireCanary: true, maxFirstPercent: 1 })).toEqual([]);
    expect(canaryRuleProblems({ requireCanary: false, maxFirstPercent: 50 })).toEqual([]);
    expect(canaryRuleProblems({ requireCanary: 'yes', maxFirstPercent: 51 })).toEqual([
      'Whether the rule is on must be true or false (got "yes").',
      'The first canary\'s share must be a whole number from 1 to 50 % (got 51).',
    ]);
    expect(canaryRuleProblems({ requireCanary: true, maxFirstPercent: 2.5 })).toHaveLength(1);
    expect(canaryRuleProblems({ requireCanary: true, maxFirstPercent: NaN })).toEqual(['The first canary\'s share must be a whole number from 1 to 50 % (got null).']);
  });
});

describe('trafficOf', () => {
  it('gives a canary its share and the served version the rest; a shadow answers none', () => {
    expect(trafficOf('v1', null)).toEqual([{ modelVersionId: 'v1', percent: 100, mode: 'serve' }]);
    expect(trafficOf('v1', { versionId: 'v2', mode: 'canary', percent: 10 })).toEqual([{ modelVersionId: 'v1', percent: 90, mode: 'serve' }, { modelVersionId: 'v2', percent: 10, mode: 'canary' }]);
    expect(trafficOf('v1', { versionId: 'v2', mode: 'shadow', percent: 30 })).toEqual([{ modelVersionId: 'v1', percent: 100, mode: 'serve' }, { modelVersionId: 'v2', percent: 0, mode: 'shadow' }]);
  });
});
