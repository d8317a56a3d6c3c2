/**
 * Web Locks as the browser grants them, for Node tests (not a test file itself): one holder per
 * name, the others wait their turn; `ifAvailable` gets null when the name is held; a closed tab
 * gives up its locks while its work never ends.
 */
import type { StagingLocks } from '$lib/db/stagedRows';

type Work<T> = (lock: { name: string } | null) => Promise<T> | T;

export class FakeLocks {
  readonly #held = new Map<string, { released: Promise<void>; release: () => void }>();
  /** Every grant, in order. */
  readonly granted: string[] = [];
  #waiters: { prefix: string; resolve: (name: string) => void }[] = [];

  request<T>(name: string, optionsOrWork: { ifAvailable?: boolean } | Work<T>, maybeWork?: Work<T>): Promise<T> {
    const options = typeof optionsOrWork === 'function' ? {} : optionsOrWork;
    const work = typeof optionsOrWork === 'function' ? optionsOrWork : maybeWork!;
    return this.#request(name, options, work);
  }

  async #request<T>(name: string, options: { ifAvailable?: boolean }, work: Work<T>): Promise<T> {
    if (options.ifAvailable && this.#held.has(name)) return work(null);
    while (this.#held.has(name)) await this.#held.get(name)!.released;
    let release = () => {};
    const hold = { released: new Promise<void>((resolve) => (release = resolve)), release: () => release() };
    this.#held.set(name, hold);
    this.granted.push(name);
    for (const w of this.#waiters.filter((w) => name.startsWith(w.prefix))) w.resolve(name);
    this.#waiters = this.#waiters.filter((w) => !name.startsWith(w.prefix));
    try {
      return await work({ name });
    } finally {
      if (this.#held.get(name) === hold) this.#held.delete(name);
      hold.release();
    }
  }

  isHeld(name: string): boolean {
    return this.#held.has(name);
  }

  /** Resolves with the name of the next lock granted whose name starts with `prefix`. */
  nextGrant(prefix: string): Promise<string> {
    return new Promise((resolve) => this.#waiters.push({ prefix, resolve }));
  }

  /** Every lock given up, as when the tab holding them is closed (their work never ends). */
  closeTab(): void {
    for (const hold of this.#held.values()) hold.release();
    this.#held.clear();
  }

  /** This manager as the staging's lock API. */
  get api(): StagingLocks {
    return this as unknown as StagingLocks;
  }
}
