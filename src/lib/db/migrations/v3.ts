/**
 * v2 → v3: every existing dataset version stored all its rows, so each is a full version; its
 * rows move from one record each into blocks (v4 then drops the old table).
 */
import type { Transaction } from 'dexie';
import { toBlocksV3, type RowV3 } from './frozen/v3RowBlocks';

export async function upgradeToV3(tx: Transaction): Promise<void> {
  const rowsByVersion = new Map<string, { index: number; row: RowV3 }[]>();
  await tx.table('rows').each((r: RowV3 & { id?: number; datasetVersionId: string; index: number }) => {
    const { id: _id, datasetVersionId, index, ...row } = r;
    const list = rowsByVersion.get(datasetVersionId) ?? [];
    list.push({ index, row });
    rowsByVersion.set(datasetVersionId, list);
  });
  for (const [versionId, list] of rowsByVersion) {
    list.sort((a, b) => a.index - b.index);
    await tx.table('rowBlocks').bulkAdd(toBlocksV3(versionId, list.map((x) => x.row)));
  }
  const imports = new Map<string, string>();
  await tx.table('imports').each((i: { id: string; source: string }) => imports.set(i.id, i.source));
  await tx
    .table('datasetVersions')
    .toCollection()
    .modify((v: Record<string, unknown>) => {
      v.storage ??= 'full';
      v.baseId ??= null;
      v.depth ??= 0;
      v.storedRows ??= v.rowCount;
      v.removedKeys ??= [];
      v.change ??= String(imports.get(v.importId as string) ?? '').startsWith('generator:') ? 'generate' : 'import';
    });
}
