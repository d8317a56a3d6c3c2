import { listModelVersions, listRuns, type DatasetVersionRecord } from '$lib/db';
import { orderQueue, scoringModel, type QueueOrder, type RowScore, type ScoringModel } from '$lib/core/loop/labelOrder';
import { computeCall } from '$lib/workers/computeClient';
import type { RowScores, ScoreProgress } from '$lib/workers/computeProtocol';
import { CancelledError, type Call } from '$lib/workers/rpc';
import { db } from './database.svelte';
import { Live } from './live.svelte';
import { noteSessionLabel, scoreKey, sessionLabels, sessionScores } from './queueSession';

/** Each scoring's full order per queue order, by its scores (carried-over copies share them). */
const rankings = new WeakMap<ReadonlyMap<string, RowScore>, Partial<Record<QueueOrder, string[]>>>();

/** Changes that move labels or splits only: their rows and texts, and so the model's scores, are their parent's. */
const SAME_TEXTS: ReadonlySet<DatasetVersionRecord['change']> = new Set(['label', 'bulk-label', 'merge-labels', 'split']);

/**
 * The model's scores of the labelling queue's rows: which model (the champion, else the newest
 * registered version, else the newest run), one scoring job in the compute worker per model and
 * version, with progress and cancel. A version that only changed labels reuses its parent's scores,
 * so labelling a row does not score the rows again.
 */
export class QueueScores {
  readonly projectId: string;
  #versions;
  #runs;
  scoring = $state(false);
  progress = $state.raw<ScoreProgress | null>(null);
  error = $state<string | null>(null);
  #job: { key: string; call: Call<RowScores>; result: Promise<RowScores | null> } | null = null;

  constructor(projectId: string) {
    this.projectId = projectId;
    this.#versions = new Live(() => listModelVersions(db, projectId), []);
    this.#runs = new Live(() => listRuns(db, projectId), []);
  }

  /** The model asked for suggestions; null while none exists (or the lists are loading). */
  get model(): ScoringModel | null {
    return scoringModel(this.#versions.current, this.#runs.current);
  }

  get loaded(): boolean {
    return this.#versions.loaded && this.#runs.loaded;
  }

  /**
   * Scores already held for this version, without starting a job: its own, or those of the
   * nearest ancestor it reaches through label-only versions (`versionOf` finds a parent).
   */
  cached(version: DatasetVersionRecord | undefined, versionOf: (id: string) => DatasetVersionRecord | undefined): RowScores | null {
    const model = this.model;
    if (!model || !version) return null;
    let at: DatasetVersionRecord | undefined = version;
    while (at) {
      const held = sessionScores.get(scoreKey(model.runId, at.id));
      if (held) {
        const carried = held.datasetVersionId === version.id ? held : { ...held, datasetVersionId: version.id };
        sessionScores.set(scoreKey(model.runId, version.id), carried);
        return carried;
      }
      at = SAME_TEXTS.has(at.change) && at.parentId ? versionOf(at.parentId) : undefined;
    }
    return null;
  }

  /**
   * The queue's keys in `order` (core's orderQueue over the candidates as scored), less the rows
   * labelled or kept in this session since: for the disagreement order every such row is reviewed,
   * for the uncertain order only a row whose label was undone to none stays. The full order is
   * sorted once per scoring (about 0.1–0.3 s for 100,000 rows) and then only filtered.
   */
  ordered(scores: RowScores, order: Exclude<QueueOrder, 'stored'>): string[] {
    let byOrder = rankings.get(scores.scores);
    if (!byOrder) rankings.set(scores.scores, (byOrder = {}));
    const ranked = (byOrder[order] ??= orderQueue(order, scores.candidates, scores.scores));
    const mine = sessionLabels.get(this.projectId);
    if (!mine?.size) return ranked;
    return ranked.filter((key) => !mine.has(key) || (order === 'uncertain' && mine.get(key) === null));
  }

  /** A person labelled (or kept the label of) a row. */
  note(key: string, label: string | null): void {
    noteSessionLabel(this.projectId, key, label);
  }

  /** The version's scores: held, or scored now. Null when there is no model, or the job failed or was cancelled (`error` says which). */
  async ensure(version: DatasetVersionRecord, versionOf: (id: string) => DatasetVersionRecord | undefined): Promise<RowScores | null> {
    const held = this.cached(version, versionOf);
    if (held) return held;
    const model = this.model;
    if (!model) return null;
    const key = scoreKey(model.runId, version.id);
    // The same scores asked again while they are being computed: wait for that job.
    if (this.#job?.key === key) return this.#job.result;
    this.#job?.call.cancel();
    const call = computeCall({ type: 'scoreRows', runId: model.runId, datasetVersionId: version.id }, (p) => (this.progress = p));
    const result = this.#settle(key, call);
    this.#job = { key, call, result };
    return result;
  }

  async #settle(key: string, call: Call<RowScores>): Promise<RowScores | null> {
    this.scoring = true;
    this.error = null;
    this.progress = null;
    try {
      const scores = await call.result;
      sessionScores.set(key, scores);
      return scores;
    } catch (error) {
      // A job replaced by a newer one says nothing; one the person stopped leaves the rows as stored.
      if (this.#job?.call === call) this.error = error instanceof CancelledError ? 'Scoring stopped, so the rows are shown as stored.' : error instanceof Error ? error.message : String(error);
      return null;
    } finally {
      if (this.#job?.call === call) {
        this.#job = null;
        this.scoring = false;
        this.progress = null;
      }
    }
  }

  cancel(): void {
    this.#job?.call.cancel();
  }
}
