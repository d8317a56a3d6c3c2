import type { Transaction } from 'dexie';

interface V6ModelFiles {
  modelTopology: unknown;
  weightSpecs: unknown;
  weightData: ArrayBuffer;
  vectorizer: unknown;
}

/** The same model: equal weights byte for byte, equal topology, weight specs and vectorizer. */
function sameV6Files(a: V6ModelFiles, b: V6ModelFiles): boolean {
  if (a.weightData.byteLength !== b.weightData.byteLength) return false;
  const x = new Uint8Array(a.weightData);
  const y = new Uint8Array(b.weightData);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  const json = (f: V6ModelFiles) => JSON.stringify([f.modelTopology, f.weightSpecs, f.vectorizer]);
  return json(a) === json(b);
}

/**
 * v6 → v7: a model's files are kept once, with its run. Registering a run copied the run's files
 * into `artifacts` under the new version's id; an imported package wrote its files there only.
 * Per version copy, in version-id order: when its run has no files yet, the copy becomes the run's
 * (an imported package); when the run has the same files, the copy is dropped (a registered run).
 * A copy that fits neither — its version is gone, or it differs from its run's files — is carried
 * along in `runArtifacts` under the key `version:<its version id>`, never dropped. Self-contained
 * on purpose (no repository helpers): later changes to them must not change what this upgrade did.
 */
export async function upgradeToV7(tx: Transaction): Promise<void> {
  const runOf = new Map<string, string>();
  await tx.table('modelVersions').each((v: { id: string; runId: string }) => runOf.set(v.id, v.runId));
  const runFiles = tx.table('runArtifacts');
  // One copy at a time: weights can be megabytes each.
  for (const versionId of (await tx.table('artifacts').toCollection().primaryKeys()) as string[]) {
    const copy = (await tx.table('artifacts').get(versionId)) as V6ModelFiles & { modelVersionId: string };
    const { modelVersionId: _versionId, ...files } = copy;
    const runId = runOf.get(versionId);
    const stored = runId === undefined ? undefined : ((await runFiles.get(runId)) as V6ModelFiles | undefined);
    if (runId !== undefined && !stored) await runFiles.add({ ...files, runId });
    else if (!stored || !sameV6Files(stored, files)) await runFiles.add({ ...copy, runId: `version:${versionId}` });
  }
}
