/**
 * The drift lab page's state: the scenario (in its worker), play/pause/step, remediations, the
 * drift report and the champion–challenger evaluation, and the address kept in step with the
 * scenario so the URL always reopens what is on screen.
 */
import type { ChampionChallengerReport, CtrScenarioConfigInput } from '$lib/core/scenarios/ctr';
import type { LabDrift, LabSnapshot, WeekWindow } from '$lib/workers/labProtocol';
import type { TestOverride } from '$lib/core/drift/selectTest';
import { labCall } from '$lib/workers/labClient';
import { downloadBlob } from '$lib/download';
import { decodeLabState, encodeLabState } from './labUrl';
import { routeHref, type LabView } from './routes';
import { router } from './router.svelte';

/** Pause between weeks while playing, ms. */
export const PLAY_INTERVAL_MS = 1200;

export class CtrLab {
  snapshot = $state.raw<LabSnapshot | null>(null);
  busy = $state(false);
  playing = $state(false);
  error = $state('');
  drift = $state.raw<LabDrift | null>(null);
  evaluation = $state.raw<ChampionChallengerReport | null>(null);
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** The scenario state as written in the address (reactive: links to the other view follow it). */
  #encoded = $state<string | null>(null);

  /** Opens the scenario in the address (or the default one); called when the route changes. */
  async open(encoded: string | null): Promise<void> {
    if (encoded !== null && encoded === this.#encoded && this.snapshot) return;
    // An address without a state while a scenario is open (the other view, the menu link): keep it.
    if (encoded === null && this.snapshot && this.#encoded) {
      if (router.route.name === 'lab') router.replace(routeHref({ name: 'lab', view: router.route.view, state: this.#encoded }));
      return;
    }
    let record = null;
    if (encoded) {
      try {
        record = decodeLabState(encoded);
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
      }
    }
    await this.#run(() => labCall({ type: 'open', ...(record ? { record } : {}) }).result, { clearAnalyses: true });
  }

  /** A new scenario with these controls (seed, drifts): back to week 0. */
  configure(config: CtrScenarioConfigInput) {
    this.pause();
    return this.#run(() => labCall({ type: 'open', config }).result, { clearAnalyses: true });
  }

  step(weeks: number | 'to-end' = 1) {
    return this.#run(() => labCall({ type: 'step', weeks }).result);
  }

  play(): void {
    if (this.playing || this.snapshot?.finished) return;
    this.playing = true;
    const tick = async () => {
      if (!this.playing) return;
      await this.step(1);
      if (this.snapshot?.finished || this.error) this.playing = false;
      if (this.playing) this.#timer = setTimeout(() => void tick(), PLAY_INTERVAL_MS);
    };
    void tick();
  }

  pause(): void {
    this.playing = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  reset() {
    this.pause();
    return this.#run(() => labCall({ type: 'reset' }).result, { clearAnalyses: true });
  }

  /** Back to week `week`: the later weeks and the remedies from that week on are undone. */
  rewind(week: number) {
    this.pause();
    return this.#run(() => labCall({ type: 'rewind', week }).result, { clearAnalyses: true });
  }

  retrain(window: WeekWindow) {
    return this.#run(() => labCall({ type: 'retrain', window }).result);
  }

  changeFeatures(add: string[], drop: string[], window: WeekWindow) {
    return this.#run(() => labCall({ type: 'change-features', add, drop, window }).result);
  }

  rollback() {
    return this.#run(() => labCall({ type: 'rollback' }).result);
  }

  deployChallenger(trainWindow: WeekWindow, features?: string[]) {
    return this.#run(() => labCall({ type: 'deploy-challenger', trainWindow, ...(features ? { features } : {}) }).result);
  }

  evaluate(trainWindow: WeekWindow, evalWindow: WeekWindow, features?: string[]): Promise<void> {
    return this.#busy(async () => {
      this.evaluation = await labCall({ type: 'evaluate', trainWindow, evalWindow, ...(features ? { features } : {}) }).result;
    });
  }

  runDrift(reference: WeekWindow, current: WeekWindow, overrides?: Record<string, TestOverride>): Promise<void> {
    return this.#busy(async () => {
      this.drift = await labCall({ type: 'drift', reference, current, ...(overrides ? { overrides } : {}) }).result;
    });
  }

  /** Downloads model `version` as a TF.js layers model (`ctr-model-v<n>.zip`, built in the worker). */
  async exportModel(version: number): Promise<void> {
    this.error = '';
    try {
      const { bytes, fileName } = await labCall({ type: 'export-model', version }).result;
      downloadBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), fileName);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }

  /** The address of this scenario state in a view (for links between the two views). */
  href(view: LabView): string {
    return routeHref({ name: 'lab', view, state: this.#encoded });
  }

  /** Runs a worker job with `busy` set; a failure shows its message (and calls `onError`). */
  async #busy(job: () => Promise<void>, onError?: () => void): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await job();
    } catch (error) {
      onError?.();
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  /** A job that changes the scenario: the new snapshot, and the address follows it. */
  #run(job: () => Promise<LabSnapshot>, options: { clearAnalyses?: boolean } = {}): Promise<void> {
    return this.#busy(async () => {
      this.snapshot = await job();
      if (options.clearAnalyses) {
        this.drift = null;
        this.evaluation = null;
      }
      this.#encoded = encodeLabState(this.snapshot.record);
      // A job that ends after the person left the lab must not pull the address back to it.
      if (router.route.name === 'lab') router.replace(routeHref({ name: 'lab', view: router.route.view, state: this.#encoded }));
    }, () => this.pause());
  }
}
