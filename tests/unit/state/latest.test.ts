import { describe, expect, it } from 'vitest';
import { Latest } from '$lib/state/latest';

/** A load that resolves (or rejects) when told to. */
function pending<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('Latest', () => {
  it('drops a slow load that a newer one overtook: what was asked for last is what is shown', async () => {
    const latest = new Latest();
    const shown: string[] = [];
    const a = pending<string>();
    const b = pending<string>();
    const forA = latest.run(() => a.promise, (v) => shown.push(v));
    const forB = latest.run(() => b.promise, (v) => shown.push(v));
    b.resolve('card of version B');
    await forB;
    a.resolve('card of version A');
    await forA;
    expect(shown).toEqual(['card of version B']);
  });

  it('drops a stale failure too, and reports the newest one', async () => {
    const latest = new Latest();
    const errors: unknown[] = [];
    const a = pending<string>();
    const forA = latest.run(() => a.promise, () => undefined, (e) => errors.push(e));
    const forB = latest.run(() => Promise.reject(new Error('B is missing')), () => undefined, (e) => errors.push(e));
    a.reject(new Error('A is missing'));
    await Promise.all([forA, forB]);
    expect(errors.map((e) => (e as Error).message)).toEqual(['B is missing']);
    // Without a handler the newest failure rejects.
    await expect(latest.run(() => Promise.reject(new Error('C')), () => undefined)).rejects.toThrow('C');
  });
});
