/**
 * Runs the room probe in a worker of its own (roomProbe.worker.ts), so that the thread asking
 * goes on with its work; where a worker cannot be started (Node tests), on this thread.
 */
import type { RoomProbe } from '$lib/core/storage/room';
import { probeFreeSpace } from '$lib/db/opfsFiles';

export function probeAside(bytes: number): Promise<RoomProbe | null> {
  if (typeof Worker !== 'function') return probeFreeSpace(bytes);
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./roomProbe.worker.ts', import.meta.url), { type: 'module', name: 'room probe' });
    const done = (result: Promise<RoomProbe | null> | RoomProbe | null) => {
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (event: MessageEvent<RoomProbe | null>) => done(event.data);
    // A worker that failed to start: probe here rather than go without.
    worker.onerror = () => done(probeFreeSpace(bytes));
    worker.postMessage(bytes);
  });
}
