import type { Transaction } from 'dexie';

/** v4 → v5: logs written before prediction ids existed get one from their row number. */
export async function upgradeToV5(tx: Transaction): Promise<void> {
  await tx
    .table('predictionLogs')
    .toCollection()
    .modify((log: { id: number; predictionId?: string }) => {
      log.predictionId ??= `p-row-${log.id}`;
    });
}
