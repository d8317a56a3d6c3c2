/**
 * A mission template's generated rows as a dataset version: split stratified 70/15/15 with the
 * template's seed (the same split the Data page makes) and prepared outside any transaction
 * (hashing is slow), ready for `writeDatasetVersion` inside the template's one transaction.
 */
import type { DataRow } from '$lib/core/data/dataset';
import { DEFAULT_SPLIT_RATIOS } from '$lib/core/data/split';
import { splitDelta } from '$lib/core/data/splitDelta';
import { prepareDatasetVersion, type PreparedDatasetVersion } from '../datasets';
import { TICKET_SCHEMA } from '../sampleProject';

export function prepareSplitVersion(
  rows: DataRow[],
  input: { seed: string; source: string; message: string; parentId?: 'newest' | null },
): Promise<PreparedDatasetVersion> {
  const split = splitDelta({ rows }, { method: 'stratified', ratios: DEFAULT_SPLIT_RATIOS, seed: input.seed });
  return prepareDatasetVersion({
    projectId: '',
    source: { name: input.source, seed: input.seed },
    parentId: input.parentId ?? null,
    message: `${input.message}; ${split.message.charAt(0).toLowerCase()}${split.message.slice(1)}`,
    schema: TICKET_SCHEMA,
    rows: split.delta.upserts,
    split: split.split,
  });
}
