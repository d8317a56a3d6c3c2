/// <reference lib="webworker" />
/**
 * The room probe (db/opfsFiles.ts probeFreeSpace) on a thread of its own: it writes through a
 * sync access handle, which holds its thread for the whole write — 32 MB took ≈ 0.2 s on disk and
 * 1.1–2.2 s in an off-the-record profile (Playwright's contexts), where OPFS lives in memory and
 * each write crosses to the browser process. Here the data worker goes on parsing meanwhile.
 * Not an asynchronous stream instead: on a nearly full disk, the stream's failed write made
 * Chromium evict the whole site (diskfull.spec), the sync handle's does not.
 * One message in (the bytes), one answer out; the client ends the worker.
 */
import { probeFreeSpace } from '$lib/db/opfsFiles';

self.onmessage = async (event: MessageEvent<number>) => {
  self.postMessage(await probeFreeSpace(event.data));
};
