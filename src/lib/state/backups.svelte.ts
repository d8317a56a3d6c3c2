import { onDatabaseChange } from '$lib/db';
import { dataCall } from '$lib/workers/dataClient';
import type { BackupStatus } from '$lib/workers/dataProtocol';
import { notices } from './notices.svelte';

/** Quiet time after the last change before the backups are brought up to date (ms). */
const BACKUP_DELAY_MS = 5_000;

/**
 * The project backups kept outside IndexedDB (core/backup): brought up to date a few seconds
 * after changes (in the data worker), and — when the browser discarded the database — the offer
 * to restore them.
 */
class Backups {
  status = $state.raw<BackupStatus | null>(null);
  busy = $state(false);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #again = false;

  /** Checks the backups against the database, then keeps them up to date. Call once at start. */
  start(): () => void {
    void this.#pass();
    const stop = onDatabaseChange(() => this.#schedule());
    return () => {
      stop();
      if (this.#timer) clearTimeout(this.#timer);
    };
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#pass(), BACKUP_DELAY_MS);
  }

  async #pass(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    try {
      const result = await dataCall({ type: 'backupPass' }).result;
      this.status = result.status;
      for (const f of result.failed) notices.push('error', `The backup of “${f.name}” could not be brought up to date; the previous backup is kept. ${f.message}`);
    } catch (error) {
      console.warn('Backup pass failed', error);
    } finally {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        this.#schedule();
      }
    }
  }

  async restore(): Promise<void> {
    this.busy = true;
    try {
      const result = await dataCall({ type: 'backupRestore', by: 'you' }).result;
      if (result.restored.length) notices.push('info', `Restored from backups: ${result.restored.map((n) => `“${n}”`).join(', ')}.`);
      for (const f of result.failed) notices.push('error', `“${f.name}” could not be restored: ${f.message}`);
    } catch (error) {
      notices.error(error);
    } finally {
      this.busy = false;
      await this.#pass();
    }
  }

  async discard(): Promise<void> {
    this.busy = true;
    try {
      await dataCall({ type: 'backupDiscard' }).result;
    } catch (error) {
      notices.error(error);
    } finally {
      this.busy = false;
      await this.#pass();
    }
  }
}

export const backups = new Backups();
