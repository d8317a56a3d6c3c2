/**
 * Upgrade functions, one per schema version. Each takes the data as the previous version left
 * it and must keep every record: what cannot be converted is carried along, never dropped.
 */
import type { Transaction } from 'dexie';
import { parseCriterion, type SuccessCriterion } from '$lib/core/lifecycle/criteria';
import type { DataRow } from '$lib/core/data/dataset';
import { toBlocks } from './rowBlocks';

/** v1 → v2: backfill `projects.updatedAt`; turn free-text criteria into structured ones. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('projects')
    .toCollection()
    .modify((p: { createdAt: string; updatedAt?: string }) => {
      p.updatedAt ??= p.createdAt;
    });
  await tx
    .table('canvases')
    .toCollection()
    .modify((c: { criteriaText?: string[]; criteria?: SuccessCriterion[]; unparsedCriteria?: string[]; crispPhase?: string }) => {
      const criteria: SuccessCriterion[] = c.criteria ?? [];
      const unparsed: string[] = [];
      (c.criteriaText ?? []).forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = parseCriterion(line, `migrated-${i + 1}`);
        if (parsed.ok) criteria.push(parsed.criterion);
        else unparsed.push(line);
      });
      c.criteria = criteria;
      if (unparsed.length) c.unparsedCriteria = unparsed;
      c.crispPhase ??= 'business-understanding';
      delete c.criteriaText;
    });
}

/**
 * v2 → v3: every existing dataset version stored all its rows, so each is a full version; its
 * rows move from one record each into blocks (v4 then drops the old table).
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const rowsByVersion = new Map<string, { index: number; row: DataRow }[]>();
  await tx.table('rows').each((r: DataRow & { id?: number; datasetVersionId: string; index: number }) => {
    const { id: _id, datasetVersionId, index, ...row } = r;
    const list = rowsByVersion.get(datasetVersionId) ?? [];
    list.push({ index, row });
    rowsByVersion.set(datasetVersionId, list);
  });
  for (const [versionId, list] of rowsByVersion) {
    list.sort((a, b) => a.index - b.index);
    await tx.table('rowBlocks').bulkAdd([...toBlocks(versionId, list.map((x) => x.row))]);
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

/** v4 → v5: logs written before prediction ids existed get one from their row number. */
export async function upgradeToV5(tx: Transaction): Promise<void> {
  await tx
    .table('predictionLogs')
    .toCollection()
    .modify((log: { id: number; predictionId?: string }) => {
      log.predictionId ??= `p-row-${log.id}`;
    });
}
