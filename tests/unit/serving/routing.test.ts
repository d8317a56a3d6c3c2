import { describe, expect, it } from 'vitest';
import { routeRequest, routingPoint, trafficErrors, trafficFromDeployment, type TrafficSplit } from '../../../src/lib/core/serving/routing';

const canary = (canaryPercent: number): TrafficSplit => ({ champion: 'v1', challenger: 'v2', canaryPercent, shadow: false });

/** Share (in %) of keys 0 … n−1 (or `key-0` …) the challenger answers. */
function challengerShare(traffic: TrafficSplit, seed: string | number, n = 10_000, key: (i: number) => string | number = (i) => i): number {
  let hits = 0;
  for (let i = 0; i < n; i++) if (routeRequest(traffic, key(i), seed).served === 'challenger') hits++;
  return (100 * hits) / n;
}

describe('routeRequest', () => {
  it.each([1, 5, 10, 25, 50, 75, 90])('a %d %% canary gets that share of 10,000 keys (±2 points)', (percent) => {
    for (const seed of ['deployment-a', 42]) {
      expect(Math.abs(challengerShare(canary(percent), seed) - percent)).toBeLessThanOrEqual(2);
      expect(Math.abs(challengerShare(canary(percent), seed, 10_000, (i) => `session-${i}`) - percent)).toBeLessThanOrEqual(2);
    }
  });

  it('0 % never and 100 % always routes to the challenger', () => {
    expect(challengerShare(canary(0), 's')).toBe(0);
    expect(challengerShare(canary(100), 's')).toBe(100);
  });

  it('is deterministic per key and seed; seeds assign independently; more percent only adds keys', () => {
    const keys = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
    const first = keys.map((k) => routeRequest(canary(30), k, 'seed-1').served);
    expect(keys.map((k) => routeRequest(canary(30), k, 'seed-1').served)).toEqual(first);
    const other = keys.map((k) => routeRequest(canary(30), k, 'seed-2').served);
    const agree = first.filter((s, i) => s === other[i]).length / keys.length;
    // Independent 30 % draws agree on 0.3² + 0.7² = 58 % of keys.
    expect(agree).toBeGreaterThan(0.53);
    expect(agree).toBeLessThan(0.63);
    const wider = keys.map((k) => routeRequest(canary(50), k, 'seed-1').served);
    first.forEach((s, i) => {
      if (s === 'challenger') expect(wider[i]).toBe('challenger');
    });
    // Seed and key are kept apart: ("1", 23) and ("12", 3) are different inputs.
    expect(routingPoint(23, '1')).not.toBe(routingPoint(3, '12'));
    for (const k of keys.slice(0, 100)) {
      const u = routingPoint(k, 'x');
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('shadow: the champion answers every request and the challenger scores each one', () => {
    const shadow: TrafficSplit = { champion: 'v1', challenger: 'v2', canaryPercent: 0, shadow: true };
    for (let i = 0; i < 500; i++) expect(routeRequest(shadow, i, 's')).toEqual({ served: 'champion', shadow: true });
    // The modes are exclusive: a percentage is ignored in shadow mode (and reported by trafficErrors).
    expect(routeRequest({ ...shadow, canaryPercent: 50 }, 7, 's')).toEqual({ served: 'champion', shadow: true });
  });

  it('without a challenger the champion answers everything; a bad percentage throws', () => {
    for (let i = 0; i < 200; i++) expect(routeRequest({ champion: 'v1', canaryPercent: 50, shadow: true }, i, 's')).toEqual({ served: 'champion', shadow: false });
    for (const bad of [-1, 101, NaN, Infinity]) expect(() => routeRequest(canary(bad), 1, 's')).toThrow(RangeError);
  });
});

describe('trafficErrors / trafficFromDeployment', () => {
  it('explains invalid splits', () => {
    expect(trafficErrors(canary(10))).toEqual([]);
    expect(trafficErrors({ champion: 'v1', canaryPercent: 0, shadow: false })).toEqual([]);
    expect(trafficErrors({ ...canary(10), shadow: true })).toEqual([expect.stringMatching(/exclusive/)]);
    expect(trafficErrors({ champion: 'v1', canaryPercent: 10, shadow: false })).toEqual([expect.stringMatching(/need a challenger/)]);
    expect(trafficErrors({ champion: 'v1', challenger: 'v1', canaryPercent: 120, shadow: false })).toEqual([
      expect.stringMatching(/from 0 to 100/),
      expect.stringMatching(/another version/),
    ]);
  });

  it('reads the deployment record traffic list', () => {
    expect(trafficFromDeployment([{ modelVersionId: 'a', percent: 100, mode: 'serve' }])).toEqual({ champion: 'a', canaryPercent: 0, shadow: false });
    expect(trafficFromDeployment([{ modelVersionId: 'a', percent: 90, mode: 'serve' }, { modelVersionId: 'b', percent: 10, mode: 'canary' }])).toEqual({ champion: 'a', challenger: 'b', canaryPercent: 10, shadow: false });
    expect(trafficFromDeployment([{ modelVersionId: 'a', percent: 100, mode: 'serve' }, { modelVersionId: 'b', percent: 0, mode: 'shadow' }])).toEqual({ champion: 'a', challenger: 'b', canaryPercent: 0, shadow: true });
    expect(() => trafficFromDeployment([])).toThrow(/no served version/);
  });
});
