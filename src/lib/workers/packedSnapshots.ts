/**
 * Snapshots the full backup pass has just exported, packed for the compact copies, each with the
 * fingerprint the project had. The compact pass runs right after the full one (state/backups)
 * and asks for the same projects: exporting each changed project whole (rows and weights) a
 * second time would double the heaviest work of a pass. An entry is used once, and only while
 * the project's fingerprint is still the one it was made at; otherwise the snapshot is made anew.
 */
import type { BackupSource } from '$lib/core/backup/backupPass';
import { packSnapshot } from '$lib/core/backup/compactBackup';

const packed = new Map<string, { fingerprint: string; packed: string }>();
/** The fingerprint each project had when it was last asked for, in this worker. */
const fingerprints = new Map<string, string>();

/** `source`, with every fingerprint noted and every snapshot it exports kept packed. */
export function keepingPacked(source: BackupSource): BackupSource {
  return {
    ...source,
    fingerprint: async (projectId) => noteFingerprint(projectId, await source.fingerprint(projectId)),
    snapshotText: async (projectId) => {
      const fingerprint = fingerprints.get(projectId);
      const text = await source.snapshotText(projectId);
      if (fingerprint !== undefined) packed.set(projectId, { fingerprint, packed: packSnapshot(text) });
      return text;
    },
  };
}

export function noteFingerprint(projectId: string, fingerprint: string): string {
  fingerprints.set(projectId, fingerprint);
  return fingerprint;
}

/** The project's snapshot packed: the one kept from the full pass when it is still current, else `make()`. */
export async function packedSnapshot(projectId: string, make: () => Promise<string>): Promise<string> {
  const kept = packed.get(projectId);
  packed.delete(projectId);
  return kept && kept.fingerprint === fingerprints.get(projectId) ? kept.packed : packSnapshot(await make());
}
