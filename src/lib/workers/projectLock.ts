/**
 * One writer per project across tabs: a Web Lock named after the project, held while a job works
 * out a change and writes it, so a second tab's write starts from the version the first one
 * saved instead of racing it. Where the Web Locks API is missing (Node tests, old browsers) the
 * jobs of this worker still run one at a time per project (they share the rows it holds in
 * memory), and the write's compare-and-set on the parent version (db/datasets.ts) keeps the
 * result correct across tabs — the lock only saves redoing work.
 */
export function withProjectLock<T>(projectId: string, job: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? locks.request(`project:${projectId}`, job) : queued(projectId, job);
}

/** The last job queued per project in this worker. */
const queues = new Map<string, Promise<unknown>>();

function queued<T>(projectId: string, job: () => Promise<T>): Promise<T> {
  const previous = queues.get(projectId) ?? Promise.resolve();
  const run = previous.then(job, job);
  const tail = run.catch(() => undefined);
  queues.set(projectId, tail);
  void tail.then(() => {
    if (queues.get(projectId) === tail) queues.delete(projectId);
  });
  return run;
}
