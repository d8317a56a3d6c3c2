import { afterEach, describe, expect, it, vi } from 'vitest';
import { withProjectLock } from '$lib/workers/projectLock';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('withProjectLock', () => {
  it('holds a Web Lock named after the project while the job runs', async () => {
    const held: string[] = [];
    const request = vi.fn(async (name: string, job: () => Promise<unknown>) => {
      held.push(name);
      try {
        return await job();
      } finally {
        held.pop();
      }
    });
    vi.stubGlobal('navigator', { locks: { request } });
    const result = await withProjectLock('p1', async () => [...held]);
    expect(result).toEqual(['project:p1']);
    expect(request).toHaveBeenCalledOnce();
  });

  it('runs the job unlocked where the Web Locks API is missing', async () => {
    vi.stubGlobal('navigator', {});
    await expect(withProjectLock('p1', async () => 'done')).resolves.toBe('done');
  });

  it('runs the jobs of one project one at a time where the Web Locks API is missing, other projects alongside', async () => {
    vi.stubGlobal('navigator', {});
    const log: string[] = [];
    const job = (name: string, fail = false) => async () => {
      log.push(`${name} start`);
      await Promise.resolve();
      await Promise.resolve();
      log.push(`${name} end`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([
      withProjectLock('p1', job('a', true)),
      withProjectLock('p1', job('b')),
      withProjectLock('p2', job('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    // b starts only after a (which failed) ended; c, of another project, does not wait.
    expect(log.indexOf('b start')).toBeGreaterThan(log.indexOf('a end'));
    expect(log.indexOf('c start')).toBeLessThan(log.indexOf('a end'));
  });
});
