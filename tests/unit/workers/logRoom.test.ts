import { describe, expect, it } from 'vitest';
import { CHECK_EVERY_BYTES, CHECK_EVERY_MS, createLogRoom } from '$lib/workers/logRoom';
import { NotEnoughRoomError } from '$lib/core/storage/storageErrors';

describe('the endpoint’s log room', () => {
  it('checks the room at most every interval, pauses logging on a full disk and says why, resumes when room is back', async () => {
    let clock = 0;
    let room = true;
    let checks = 0;
    const guard = createLogRoom(async () => {
      checks++;
      if (!room) throw new NotEnoughRoomError('There is not enough free storage to log predictions: …');
    }, () => clock);

    expect(await guard.allows(100)).toBe(true);
    expect(await guard.allows(100)).toBe(true);
    expect(checks).toBe(1);
    // A burst of logs as large as the check's allowance is checked again at once.
    room = false;
    expect(await guard.allows(CHECK_EVERY_BYTES)).toBe(false);
    expect(guard.pausedBecause).toMatch(/^Prediction logging is paused: There is not enough free storage/);
    expect(await guard.allows(100)).toBe(false);
    expect(checks).toBe(2);
    room = true;
    clock += CHECK_EVERY_MS;
    expect(await guard.allows(100)).toBe(true);
    expect(guard.pausedBecause).toBeNull();
  });

  it('a failed log write on storage pauses logging; other failures do not', () => {
    const guard = createLogRoom(async () => undefined, () => 0);
    guard.failed(new Error('That deployment no longer exists.'));
    expect(guard.pausedBecause).toBeNull();
    guard.failed(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(guard.pausedBecause).toMatch(/^Prediction logging is paused: The disk or the browser’s storage for this site is full/);
  });
});
