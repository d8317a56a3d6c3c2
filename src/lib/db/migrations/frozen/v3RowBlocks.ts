/**
 * Row blocks as schema v3 wrote them: 2,000 rows per block, each block one JSON string of the
 * rows in order. A frozen copy of `toBlocks` (db/rowBlocks.ts) at v3, so that the v3 upgrade
 * writes v3 blocks forever: if today's block layout changes, that change gets its own upgrade
 * (which reads these blocks), and this file stays as it is.
 */

/** A row as v1–v3 stored it (without its table fields): key, text, label, timestamp, meta. */
export type RowV3 = Record<string, unknown>;

export interface RowBlockV3 {
  datasetVersionId: string;
  block: number;
  count: number;
  rowsJson: string;
}

const ROW_BLOCK_SIZE_V3 = 2000;

export function toBlocksV3(datasetVersionId: string, rows: readonly RowV3[]): RowBlockV3[] {
  const blocks: RowBlockV3[] = [];
  for (let start = 0, block = 0; start < rows.length; start += ROW_BLOCK_SIZE_V3, block++) {
    const slice = rows.slice(start, start + ROW_BLOCK_SIZE_V3);
    blocks.push({ datasetVersionId, block, count: slice.length, rowsJson: JSON.stringify(slice) });
  }
  return blocks;
}
