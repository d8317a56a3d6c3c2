import { afterEach, describe, expect, it, vi } from 'vitest';
import { roomNeeded } from '$lib/core/storage/room';
import { ensureRoomAhead, NotEnoughRoomError } from '$lib/db/storage';
import { BACKUP_LOCK, COMPACT_BACKUP_LOCK, exclusively } from '$lib/db/writeLocks';
import { FakeLocks } from './fakeLocks';

afterEach(() => {
  vi.unstubAllGlobals();
});

const storage = { estimate: async () => ({ usage: 0, quota: 10 * 1024 ** 3 }) };

describe('the room check run ahead of an import', () => {
  it('waits for a backup being written, then probes while holding both backup locks', async () => {
    const locks = new FakeLocks();
    vi.stubGlobal('navigator', { locks, storage });
    const probes: { bytes: number; held: string[] }[] = [];
    const probe = async (bytes: number) => {
      probes.push({ bytes, held: [BACKUP_LOCK, COMPACT_BACKUP_LOCK].filter((n) => locks.isHeld(n)) });
      return { requested: bytes, written: bytes };
    };
    let backupDone = () => {};
    const backup = exclusively([BACKUP_LOCK], () => new Promise<void>((resolve) => (backupDone = resolve)));
    const check = ensureRoomAhead(1024 * 1024, 'import big.csv', probe);
    for (let i = 0; i < 20; i++) await Promise.resolve();
    expect(probes).toEqual([]);
    backupDone();
    await backup;
    await check;
    expect(probes).toEqual([{ bytes: roomNeeded(1024 * 1024), held: [BACKUP_LOCK, COMPACT_BACKUP_LOCK] }]);
    expect(locks.granted).toEqual([BACKUP_LOCK, BACKUP_LOCK, COMPACT_BACKUP_LOCK]);
  });

  it('refuses when the probe does not fit, and gives the locks back', async () => {
    const locks = new FakeLocks();
    vi.stubGlobal('navigator', { locks, storage });
    const check = ensureRoomAhead(5 * 1024 * 1024, 'import big.csv', async (bytes) => ({ requested: bytes, written: 300 * 1024 }));
    await expect(check).rejects.toBeInstanceOf(NotEnoughRoomError);
    await expect(check).rejects.toThrow('There is not enough free storage to import big.csv');
    expect(locks.isHeld(BACKUP_LOCK) || locks.isHeld(COMPACT_BACKUP_LOCK)).toBe(false);
  });

  it('runs the work alone where there is no Web Locks API', async () => {
    vi.stubGlobal('navigator', {});
    expect(await exclusively([BACKUP_LOCK, COMPACT_BACKUP_LOCK], async () => 7)).toBe(7);
  });
});
