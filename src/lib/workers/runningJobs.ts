/**
 * The jobs the page's workers are running now, by name ("a training", "an import"…): every
 * worker call counts from its request until its reply. An update waits for these to end
 * (core/offline/update.ts), since reloading the page stops its workers.
 */
const running = new Map<number, string>();
const listeners = new Set<() => void>();
let nextId = 1;

/** Marks a job as running; the returned function marks it ended (once). */
export function jobStarted(name: string): () => void {
  const id = nextId++;
  running.set(id, name);
  notify();
  return () => {
    if (running.delete(id)) notify();
  };
}

export function runningJobs(): string[] {
  return [...running.values()];
}

/** Calls `listener` whenever a job starts or ends; returns the unsubscribe. */
export function onJobsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(): void {
  for (const listener of listeners) listener();
}
