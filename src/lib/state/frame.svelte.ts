import { getCanvas, saveCanvasFields, saveCriteria, setCrispPhase, type CanvasRecord } from '$lib/db';
import { emptyCanvas, type CanvasBoxKey } from '$lib/core/lifecycle/canvas';
import type { CrispDmPhase } from '$lib/core/lifecycle/crispDm';
import type { SuccessCriterion } from '$lib/core/lifecycle/criteria';
import { db } from './database.svelte';
import { attempt } from './notices.svelte';
import { Live } from './live.svelte';

export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

/** Pause after the last keystroke before a canvas box is written (ms). */
const AUTOSAVE_DELAY_MS = 400;

/** The Frame stage of one project: the canvas (autosaved), the CRISP-DM phase, the criteria. */
export class FrameState {
  readonly projectId: string;
  canvas: Live<CanvasRecord | undefined>;
  saveState = $state<SaveState>('saved');
  #pending: Partial<Record<CanvasBoxKey, string>> = {};
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(projectId: string) {
    this.projectId = projectId;
    this.canvas = new Live<CanvasRecord | undefined>(() => getCanvas(db, projectId), undefined);
  }

  get fields() {
    return this.canvas.current?.fields ?? emptyCanvas();
  }

  /** Queues a box's new text; it is written after a short pause, or at once on flush(). */
  edit(key: CanvasBoxKey, text: string): void {
    this.#pending[key] = text;
    this.saveState = 'pending';
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
  }

  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    const fields = this.#pending;
    if (!Object.keys(fields).length) return;
    this.#pending = {};
    this.saveState = 'saving';
    const ok = await attempt(() => saveCanvasFields(db, this.projectId, fields).then(() => true));
    if (ok) {
      if (!Object.keys(this.#pending).length) this.saveState = 'saved';
    } else {
      // Keep the unsaved text queued so the next edit or flush retries it.
      this.#pending = { ...fields, ...this.#pending };
      this.saveState = 'failed';
    }
  }

  setPhase(phase: CrispDmPhase) {
    return attempt(() => setCrispPhase(db, this.projectId, phase));
  }

  saveCriteria(criteria: SuccessCriterion[]) {
    return attempt(() => saveCriteria(db, this.projectId, criteria).then(() => true));
  }
}
