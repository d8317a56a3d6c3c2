import {
  activeDeployment, aliasHistory, deploy, deploymentHistory, deprecateVersion, getSetting, listModelVersions, registerRun, retireVersion, rollback, setAlias, setArchived, setSetting,
  type AliasEventRecord, type DeploymentRecord, type ModelVersionRecord,
} from '$lib/db';
import { dataCall } from '$lib/workers/dataClient';
import { db } from './database.svelte';
import { attempt } from './notices.svelte';
import { Live } from './live.svelte';
import { tellEndpoint } from './endpointNotice';
import type { SegmentRouting } from '$lib/core/serving/segmentRouting';

const DISPLAY_NAME_KEY = 'user.displayName';

/** The local display name written into audit trails ("who moved the alias"). */
export const displayName = new Live<string>(() => getSetting(db, DISPLAY_NAME_KEY, 'you'), 'you');

export function setDisplayName(name: string) {
  return attempt(() => setSetting(db, DISPLAY_NAME_KEY, name.trim() || 'you'));
}

/** A project's registry and deployments, with the actions on them. */
export class ProjectRegistry {
  readonly projectId: string;
  versions: Live<ModelVersionRecord[]>;
  active: Live<DeploymentRecord | undefined>;
  deployments: Live<DeploymentRecord[]>;

  constructor(projectId: string) {
    this.projectId = projectId;
    this.versions = new Live(() => listModelVersions(db, projectId), []);
    this.active = new Live(() => activeDeployment(db, projectId), undefined);
    this.deployments = new Live(() => deploymentHistory(db, projectId), []);
  }

  history(modelName: string): Live<AliasEventRecord[]> {
    return new Live(() => aliasHistory(db, this.projectId, modelName), []);
  }

  register(runId: string, modelName: string, description: string, tags: Record<string, string> = {}) {
    return attempt(() => registerRun(db, { runId, modelName, description, tags, by: displayName.current }));
  }

  setAlias(modelName: string, alias: string, versionId: string | null, reason: string) {
    return attempt(() => setAlias(db, { projectId: this.projectId, modelName, alias, versionId, by: displayName.current, reason }));
  }

  /** Registers an exported model .zip as the next version of its model (in the data worker); throws with every problem found in the file. */
  importZip(file: File): Promise<ModelVersionRecord> {
    return dataCall({ type: 'modelImport', projectId: this.projectId, file, fileName: file.name, by: displayName.current }).result;
  }

  archive(versionId: string, archived: boolean) {
    return attempt(() => setArchived(db, versionId, archived, displayName.current));
  }

  deploy(input: { servedVersionId: string; alias: string; challenger?: { versionId: string; mode: 'canary' | 'shadow'; percent: number } | null; makeChampion?: boolean; segmentRouting?: SegmentRouting | null; reason: string }) {
    return attempt(() => deploy(db, { projectId: this.projectId, by: displayName.current, ...input }).then(tellEndpoint));
  }

  /** Deprecates a version (core/registry/retirement.ts); throws with the reason it is refused, for the dialog to show. */
  deprecate(input: { versionId: string; reason: string; /** ISO time */ sunset: string; replacementId: string | null }): Promise<ModelVersionRecord> {
    return deprecateVersion(db, { ...input, by: displayName.current }).then(tellEndpoint);
  }

  /** Retires a deprecated version; throws with the reason it is refused. */
  retire(versionId: string, reason: string): Promise<ModelVersionRecord> {
    return retireVersion(db, { versionId, reason, by: displayName.current }).then(tellEndpoint);
  }

  rollback(reason: string) {
    return attempt(() => rollback(db, this.projectId, displayName.current, reason).then(tellEndpoint));
  }
}
