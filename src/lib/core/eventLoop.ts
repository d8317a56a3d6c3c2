/**
 * Pauses in long work (a training loop, hashing a dataset, applying an import's choices) that let
 * the messages already waiting in, a cancel among them.
 */

/** The next macrotask, through a timer. */
export const nextMacrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The next turn of the event loop, after the messages already waiting, through a message
 * channel: without the 4 ms a nested timer is held to, which a million-row import pausing every
 * 50 ms would pay a hundred times over.
 */
export function nextTurn(): Promise<void> {
  if (typeof MessageChannel !== 'function') return nextMacrotask();
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * Runs `steps` (which yield how much is done) in slices of `sliceMs`, telling `onPause` between
 * them; null when `stop` says so at a pause.
 */
export async function inSlices<T>(steps: Generator<number, T>, sliceMs: number, onPause: (done: number) => void, stop: () => boolean): Promise<T | null> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < sliceMs) continue;
    onPause(step.value);
    await nextTurn();
    if (stop()) return null;
    sliceStart = performance.now();
  }
}
