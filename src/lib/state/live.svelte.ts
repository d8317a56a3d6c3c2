import { createSubscriber } from 'svelte/reactivity';
import { observe } from '$lib/db';

/**
 * A database query as a reactive value: `current` re-reads when the stored data changes.
 * It subscribes only while something on screen reads it.
 */
export class Live<T> {
  #value: T;
  #loaded = false;
  #error: unknown = null;
  #subscribe: () => void;

  constructor(query: () => Promise<T>, initial: T) {
    this.#value = initial;
    this.#subscribe = createSubscriber((update) =>
      observe(
        query,
        (value) => {
          this.#value = value;
          this.#loaded = true;
          this.#error = null;
          update();
        },
        (error) => {
          this.#error = error;
          this.#loaded = true;
          update();
        },
      ),
    );
  }

  get current(): T {
    this.#subscribe();
    return this.#value;
  }

  get loaded(): boolean {
    this.#subscribe();
    return this.#loaded;
  }

  get error(): unknown {
    this.#subscribe();
    return this.#error;
  }
}
