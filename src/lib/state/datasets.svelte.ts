import { getRows, listDatasetVersions, type DatasetVersionRecord, type RowRecord } from '$lib/db';
import { db } from './database.svelte';
import { Live } from './live.svelte';

/** A project's dataset versions and a preview page of the newest one. */
export class ProjectDatasets {
  versions: Live<DatasetVersionRecord[]>;
  preview: Live<RowRecord[]>;

  constructor(projectId: string, previewSize = 25) {
    this.versions = new Live(() => listDatasetVersions(db, projectId), []);
    this.preview = new Live(async () => {
      const [latest] = await listDatasetVersions(db, projectId);
      return latest ? getRows(db, latest.id, { offset: 0, limit: previewSize }) : [];
    }, []);
  }
}
