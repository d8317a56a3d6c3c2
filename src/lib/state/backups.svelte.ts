import { describeStorageError, onDatabaseChange } from '$lib/db';
import { dataCall } from '$lib/workers/dataClient';
import type { BackupStatus } from '$lib/workers/dataProtocol';
import type { BackupAssessment } from '$lib/core/backup/backupIndex';
import { compactAssessment, compactDiscard, compactPass, compactRestore } from './compactBackups';
import { notices } from './notices.svelte';

/** Quiet time after the last change before the backups are brought up to date (ms). */
const BACKUP_DELAY_MS = 5_000;
/**
 * Least time from the end of one pass to the start of the next (ms). A pass re-exports every
 * changed project whole (rows and weights), and endpoint traffic changes a project's monitoring
 * every few seconds: without a gap a served project would be exported again and again, keeping
 * the data worker from the person's own work.
 */
const BACKUP_MIN_GAP_MS = 30_000;

type LostProjects = Extract<BackupStatus, { state: 'lost' }>['projects'];

/**
 * What can be restored, and from where: the full backups (OPFS) when they survived; else the
 * compact copies in localStorage, which survive the browser evicting the whole site.
 */
export type RestoreOffer = { from: 'files' | 'local'; projects: LostProjects };

/** The compact copies: how many projects they hold for this database. */
export type CompactStatus = { state: 'none' } | { state: 'current'; projects: number } | { state: 'lost' };

function compactStatusOf(assessment: BackupAssessment): CompactStatus {
  if (assessment.state === 'current') return { state: 'current', projects: assessment.index.projects.length };
  return { state: assessment.state === 'lost' ? 'lost' : 'none' };
}

/**
 * The project backups kept outside IndexedDB (core/backup): brought up to date a few seconds
 * after changes — the full ones in the data worker, then the compact copies from this page —
 * and, when the browser discarded the database or evicted the site, the offer to restore them.
 */
class Backups {
  status = $state.raw<BackupStatus | null>(null);
  compact = $state.raw<CompactStatus | null>(null);
  offer = $state.raw<RestoreOffer | null>(null);
  busy = $state(false);
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running = false;
  #again = false;
  #lastPassEnded = -Infinity;

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
    const gapLeft = this.#lastPassEnded + BACKUP_MIN_GAP_MS - performance.now();
    this.#timer = setTimeout(() => void this.#pass(), Math.max(BACKUP_DELAY_MS, gapLeft));
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
      // A project over the compact copies' budget keeps its full backup: not worth a notice.
      await compactPass();
      const compact = await compactAssessment();
      this.compact = compactStatusOf(compact);
      this.offer = this.#offerFrom(result.status, compact);
    } catch (error) {
      console.warn('Backup pass failed', error);
    } finally {
      this.#running = false;
      this.#lastPassEnded = performance.now();
      if (this.#again) {
        this.#again = false;
        this.#schedule();
      }
    }
  }

  #offerFrom(status: BackupStatus, compact: BackupAssessment): RestoreOffer | null {
    if (status.state === 'lost') return { from: 'files', projects: status.projects };
    if (compact.state !== 'lost') return null;
    return { from: 'local', projects: compact.projects.map(({ name, backedUpAt, bytes }) => ({ name, backedUpAt, bytes })) };
  }

  async restore(): Promise<void> {
    this.busy = true;
    try {
      const result =
        this.offer?.from === 'local'
          ? await this.#restoreCompact()
          : await dataCall({ type: 'backupRestore', by: 'you' }).result;
      if (result.restored.length) notices.push('info', `Restored from backups: ${result.restored.map((n) => `“${n}”`).join(', ')}.`);
      for (const f of result.failed) notices.push('error', `“${f.name}” could not be restored: ${f.message}`);
      // The compact copies hold no more than the full backups just restored.
      if (this.offer?.from === 'files' && !result.failed.length) await compactDiscard();
    } catch (error) {
      notices.error(error);
    } finally {
      this.busy = false;
      await this.#pass();
    }
  }

  async #restoreCompact(): Promise<{ restored: string[]; failed: { name: string; message: string }[] }> {
    const result = await compactRestore('you');
    return {
      restored: result.restored.map((r) => r.name),
      failed: result.failed.map((f) => ({ name: f.name, message: describeStorageError(f.error) })),
    };
  }

  async discard(): Promise<void> {
    this.busy = true;
    try {
      await dataCall({ type: 'backupDiscard' }).result;
      await compactDiscard();
    } catch (error) {
      notices.error(error);
    } finally {
      this.busy = false;
      await this.#pass();
    }
  }
}

export const backups = new Backups();
