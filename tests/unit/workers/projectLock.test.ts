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
});
