import { createSlice, deleteSlice, listSlices, type SliceRecord } from '$lib/db';
import type { SliceCondition } from '$lib/core/data/slices';
import { dataCall } from '$lib/workers/dataClient';
import type { ChecksReport, DataResults, ExploreReport } from '$lib/workers/dataProtocol';
import { db } from './database.svelte';
import { Live } from './live.svelte';
import { attempt } from './notices.svelte';
import type { ProjectDataset } from './dataset.svelte';
import { noteMissionAction } from './practice/missionEvents';
import { DATA_DIFF_EVENT } from '$lib/core/practice/missions/drillRegression';

/** A report computed in the data worker for one version, recomputed when the version changes. */
class VersionReport<T> {
  value = $state.raw<T | null>(null);
  versionId = $state<string | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  async load(versionId: string, compute: () => Promise<T>): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      const value = await compute();
      this.value = value;
      this.versionId = versionId;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
  }
}

/** Exploration and the responsibility checks of a project's newest dataset version, plus slices. */
export class DataInsights {
  readonly dataset: ProjectDataset;
  readonly explore = new VersionReport<ExploreReport>();
  readonly checks = new VersionReport<ChecksReport>();
  readonly diff = new VersionReport<DataResults['diff']>();
  slices: Live<SliceRecord[]>;

  constructor(dataset: ProjectDataset) {
    this.dataset = dataset;
    this.slices = new Live(() => listSlices(db, dataset.projectId), []);
  }

  loadExplore(versionId: string) {
    return this.explore.load(versionId, () => dataCall({ type: 'explore', versionId }).result);
  }

  loadChecks(versionId: string) {
    const slices = $state.snapshot(this.slices.current).map(({ id, name, where }) => ({ id, name, where }));
    return this.checks.load(versionId, () => dataCall({ type: 'checks', versionId, slices }).result);
  }

  async loadDiff(fromId: string, toId: string) {
    await this.diff.load(`${fromId}→${toId}`, () => dataCall({ type: 'diff', fromId, toId }).result);
    // A mission may ask for this comparison (the regression drill's data diff); nothing else keeps that it was looked at.
    const shown = this.diff.value;
    if (shown && !this.diff.error && this.diff.versionId === `${fromId}→${toId}`) {
      await attempt(() => noteMissionAction({ projectId: this.dataset.projectId }, DATA_DIFF_EVENT, { fromId, toId, summary: shown.summary }));
    }
  }

  addSlice(name: string, where: SliceCondition[]) {
    const columns = this.dataset.head?.schema ?? [];
    return attempt(() => createSlice(db, { projectId: this.dataset.projectId, name, where, columns }));
  }

  removeSlice(slice: SliceRecord) {
    return attempt(() => deleteSlice(db, slice));
  }
}
