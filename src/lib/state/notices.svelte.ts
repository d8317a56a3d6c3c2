import { describeStorageError } from '$lib/db';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
  /** Sticky notices stay until the page reloads (e.g. the database was closed). */
  sticky: boolean;
}

/** Messages shown in the banner at the top of every page. */
class Notices {
  list = $state.raw<Notice[]>([]);
  #next = 1;

  push(kind: Notice['kind'], text: string, sticky = false): void {
    if (this.list.some((n) => n.text === text)) return;
    this.list = [...this.list, { id: this.#next++, kind, text, sticky }];
  }

  error(error: unknown): void {
    console.warn(error);
    this.push('error', describeStorageError(error));
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();

/** Runs a database action; a failure becomes a notice instead of an unhandled rejection. */
export async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    notices.error(error);
    return undefined;
  }
}
