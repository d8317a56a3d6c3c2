/** The data worker's whole-project documents: snapshots, the PM summary, model packages, backups and monitoring exports. */
import type { LifecycleDatabase } from '$lib/db/database';
import { ensureRoomFor } from '$lib/db/storage';
import type { DataHandlers } from './dataProtocol';
import { pmSummaryJob, snapshotExportJob, snapshotImportJob, snapshotReadJob } from './snapshotJobs';
import { modelImportJob } from './modelImportJob';
import { backupDiscardJob, backupPassJob, backupRestoreJob, backupStatusJob } from './backupJobs';
import { backupFingerprintJob, backupPackedJob, backupRestorePackedJob } from './compactBackupJobs';
import { exportMonitoringBackfill, exportMonitoringPrometheus } from '$lib/db/interop';

type DocumentRequest =
  | 'snapshotExport' | 'snapshotRead' | 'snapshotImport' | 'modelImport' | 'pmSummary'
  | 'backupStatus' | 'backupPass' | 'backupRestore' | 'backupDiscard' | 'backupFingerprint' | 'backupPacked' | 'backupRestorePacked'
  | 'monitoringExport';

export function documentHandlers(db: LifecycleDatabase): Pick<DataHandlers, DocumentRequest> {
  return {
    snapshotExport: ({ projectId, options }) => snapshotExportJob(db, projectId, options),
    snapshotRead: ({ file }) => snapshotReadJob(file),
    snapshotImport: async ({ file, by }) => {
      await ensureRoomFor(file.size, 'import this snapshot');
      return snapshotImportJob(db, file, by);
    },
    modelImport: (request) => modelImportJob(db, request),
    pmSummary: ({ projectId }) => pmSummaryJob(db, projectId),
    backupStatus: () => backupStatusJob(db),
    backupPass: () => backupPassJob(db),
    backupRestore: ({ by }) => backupRestoreJob(db, by),
    backupDiscard: () => backupDiscardJob(db),
    backupFingerprint: ({ projectId }) => backupFingerprintJob(db, projectId),
    backupPacked: ({ projectId }) => backupPackedJob(db, projectId),
    backupRestorePacked: ({ packed, by }) => backupRestorePackedJob(db, packed, by),
    // A week's backfill is megabytes of text: written here, off the page's thread.
    monitoringExport: ({ projectId, from, to, format }) =>
      format === 'openmetrics' ? exportMonitoringBackfill(db, projectId, from, to) : exportMonitoringPrometheus(db, projectId, from, to),
  };
}
