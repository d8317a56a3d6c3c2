import { afterEach, describe, expect, it, vi } from 'vitest';
import { roomNeeded } from '$lib/core/storage/room';
import { ensureRoomAhead, NotEnoughRoomError } from '$lib/db/storage';
import { BACKUP_LOCK, COMPACT_BACKUP_LOCK, exclusively } from '$lib/db/writeLocks';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Web Locks as the browser grants them: one holder per name, the others wait their turn. */
class FakeLocks {
  readonly #held = new Map<string, Promise<void>>();
  readonly granted: string[] = [];

  async request<T>(name: string, work: () => Promise<T>): Promise<T> {
    while (this.#held.has(name)) await this.#held.get(name);
    let release = () => {};
    this.#held.set(name, new Promise<void>((resolve) => (release = resolve)));
    this.granted.push(name);
    try {
      return await work();
    } finally {
      this.#held.delete(name);
      release();
    }
  }

  isHeld(name: string): boolean {
    return this.#held.has(name);
  }
}

/** An OPFS scratch folder whose files offer both a sync access handle and a writable stream. */
function fakeStorage(write: (data: Uint8Array) => Promise<void>) {
  const calls = { sync: 0, writes: [] as number[], closed: 0, aborted: 0, removed: 0, heldDuringWrite: [] as string[] };
  const file = {
    createSyncAccessHandle: async () => {
      calls.sync++;
      throw new Error('the probe run aside must not take a sync access handle');
    },
    createWritable: async () => ({
      write: async (data: Uint8Array) => {
        calls.writes.push(data.byteLength);
        await write(data);
      },
      close: async () => void calls.closed++,
      abort: async () => void calls.aborted++,
    }),
  };
  const dir = { getFileHandle: async () => file, removeEntry: async () => void calls.removed++ };
  const storage = {
    estimate: async () => ({ usage: 0, quota: 10 * 1024 ** 3 }),
    getDirectory: async () => ({ getDirectoryHandle: async () => dir }),
  };
  return { storage, calls };
}

describe('the room check run ahead of an import', () => {
  it('waits for a backup being written, then probes in one stream write while holding both backup locks', async () => {
    const locks = new FakeLocks();
    const { storage, calls } = fakeStorage(async () => {
      calls.heldDuringWrite = [BACKUP_LOCK, COMPACT_BACKUP_LOCK].filter((n) => locks.isHeld(n));
    });
    vi.stubGlobal('navigator', { locks, storage });
    let backupDone = () => {};
    const backup = exclusively([BACKUP_LOCK], () => new Promise<void>((resolve) => (backupDone = resolve)));
    const check = ensureRoomAhead(1024 * 1024, 'import big.csv');
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(calls.writes).toEqual([]);
    backupDone();
    await backup;
    await check;
    expect(calls.writes).toEqual([roomNeeded(1024 * 1024)]);
    expect(calls.heldDuringWrite).toEqual([BACKUP_LOCK, COMPACT_BACKUP_LOCK]);
    expect(calls).toMatchObject({ sync: 0, closed: 1, aborted: 0, removed: 1 });
    expect(locks.granted).toEqual([BACKUP_LOCK, BACKUP_LOCK, COMPACT_BACKUP_LOCK]);
  });

  it('refuses when the probe does not fit, and gives the locks back', async () => {
    const locks = new FakeLocks();
    const { storage, calls } = fakeStorage(async () => {
      throw new DOMException('No space left.', 'QuotaExceededError');
    });
    vi.stubGlobal('navigator', { locks, storage });
    const check = ensureRoomAhead(5 * 1024 * 1024, 'import big.csv');
    await expect(check).rejects.toBeInstanceOf(NotEnoughRoomError);
    await expect(check).rejects.toThrow('There is not enough free storage to import big.csv');
    expect(calls).toMatchObject({ aborted: 1, closed: 0, removed: 1 });
    expect(locks.isHeld(BACKUP_LOCK) || locks.isHeld(COMPACT_BACKUP_LOCK)).toBe(false);
  });

  it('runs the work alone where there is no Web Locks API', async () => {
    vi.stubGlobal('navigator', {});
    expect(await exclusively([BACKUP_LOCK, COMPACT_BACKUP_LOCK], async () => 7)).toBe(7);
  });
});
