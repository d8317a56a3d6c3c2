/**
 * One writer per project across tabs: a Web Lock named after the project, held while a job works
 * out a change and writes it, so a second tab's write starts from the version the first one
 * saved instead of racing it. Where the Web Locks API is missing (Node tests, old browsers) the
 * job runs unlocked; the write's compare-and-set on the parent version (db/datasets.ts) keeps
 * the result correct either way — the lock only saves redoing work.
 */
export function withProjectLock<T>(projectId: string, job: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request(`project:${projectId}`, job) : job();
}
