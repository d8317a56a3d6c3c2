/**
 * Keeps only the newest of overlapping loads: `run` starts one, and its result (or error) is
 * applied only if no later `run` of the same `Latest` started meanwhile — so a slow read for what
 * was shown before never overwrites what is shown now.
 */
export class Latest {
  #started = 0;

  /**
   * Starts `load`; resolves once it settled and `apply` (or `failed`) ran, unless stale. Without
   * `failed`, the newest load's error rejects the returned promise.
   */
  async run<T>(load: () => Promise<T>, apply: (value: T) => void, failed?: (error: unknown) => void): Promise<void> {
    const ticket = ++this.#started;
    let value: T;
    try {
      value = await load();
    } catch (error) {
      if (ticket !== this.#started) return;
      if (!failed) throw error;
      failed(error);
      return;
    }
    if (ticket === this.#started) apply(value);
  }
}
