/**
 * The stored form of a block of rows: one array per field (structured clone), or, as blocks
 * were stored before and still are for rows the columns cannot hold exactly, one JSON string.
 *
 * Why columns: IndexedDB writes a block's JSON as one string, which turns two-byte as soon as
 * one character of the block is outside Latin-1 and is then stored at 2 bytes per character;
 * structured clone stores each field string apart, most of them one-byte. Measured in Chromium
 * (raw IndexedDB, 100k ticket rows in 50 blocks): ≈0.5 s as columns against ≈1.0 s as JSON.
 *
 * Tried and not kept (commit ce30282): each field's strings joined into one string with a
 * Uint32Array of ends. In Chromium the clone costs mostly by bytes, not by strings: for 100k rows
 * ≈900 ms as ~700k strings, ≈700 ms joined, but joining took ≈100 ms more, so writing was no
 * faster (≈870 ms both), and the joined copies (large objects, probably left for a full
 * collection) raised the 1M import's peak heap from 519 to 736 MB. Reading was faster (≈290
 * against ≈470 ms for 100k rows), lower-casing the sliced texts slower (+80 ms).
 *
 * A row read back from columns is deep-equal to the row written: absent optional fields stay
 * absent, an absent metadata column of one row stays absent. Its properties come in DataRow's
 * order (key, text, label, timestamp, split, meta) whatever order they were written in.
 */
import type { DataRow, MetaValue } from '$lib/core/data/dataset';
import type { ColumnRowBlock, JsonRowBlock, RowBlockRecord } from './records';

/** What a block holds besides its rows: its place. */
type BlockPlace = Pick<RowBlockRecord, 'datasetVersionId' | 'block'>;

const ROW_FIELDS = new Set(['key', 'text', 'label', 'timestamp', 'split', 'meta']);

/** A metadata value the columns keep as it is (undefined: the row has no such column, as JSON drops it). */
function isMetaValue(value: unknown): value is MetaValue | undefined {
  return value === null || value === undefined || typeof value === 'string' || typeof value === 'number';
}

/**
 * Whether the columns give this row back deep-equal: DataRow's fields only, each of its type.
 * Anything else (an extra field, a BigInt that JSON refuses) keeps the JSON form and its errors.
 */
function fitsColumns(row: DataRow): boolean {
  for (const field in row) if (!ROW_FIELDS.has(field)) return false;
  const { key, text, label, timestamp, split, meta } = row as Partial<DataRow>;
  if (typeof key !== 'string' || typeof text !== 'string' || (label !== null && typeof label !== 'string')) return false;
  if ((timestamp !== undefined && typeof timestamp !== 'string') || (split !== undefined && typeof split !== 'string')) return false;
  if (typeof meta !== 'object' || meta === null || Object.getPrototypeOf(meta) !== Object.prototype) return false;
  for (const name in meta) if (!isMetaValue(meta[name])) return false;
  return true;
}

/** rows[start, end) as one block record: columns when every row fits them, else JSON. */
export function encodeBlock(place: BlockPlace, rows: readonly DataRow[], start: number, end: number): RowBlockRecord {
  const count = end - start;
  for (let i = start; i < end; i++) {
    if (!fitsColumns(rows[i])) return { ...place, count, rowsJson: JSON.stringify(rows.slice(start, end)) };
  }
  const key: string[] = new Array(count);
  const text: string[] = new Array(count);
  const label: (string | null)[] = new Array(count);
  let timestamp: (string | undefined)[] | undefined;
  let split: (DataRow['split'] | undefined)[] | undefined;
  const metaNames: string[] = [];
  const metaColumns: (MetaValue | undefined)[][] = [];
  const metaIndex = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const row = rows[start + i];
    key[i] = row.key;
    text[i] = row.text;
    label[i] = row.label;
    if (row.timestamp !== undefined) (timestamp ??= new Array<undefined>(count).fill(undefined))[i] = row.timestamp;
    if (row.split !== undefined) (split ??= new Array<undefined>(count).fill(undefined))[i] = row.split;
    for (const name in row.meta) {
      const value = row.meta[name];
      if (value === undefined) continue;
      let c = metaIndex.get(name);
      if (c === undefined) {
        c = metaNames.push(name) - 1;
        metaIndex.set(name, c);
        metaColumns.push(new Array<undefined>(count).fill(undefined));
      }
      metaColumns[c][i] = value;
    }
  }
  const block: ColumnRowBlock = { ...place, count, v: 2, key, text, label, metaNames, metaColumns };
  if (timestamp) block.timestamp = timestamp;
  if (split) block.split = split;
  return block;
}

export function isJsonBlock(block: RowBlockRecord): block is JsonRowBlock {
  return 'rowsJson' in block;
}

/** The block's rows `from … to` (all by default), in order, from either stored form. */
export function decodeBlock(block: RowBlockRecord, from = 0, to = block.count): DataRow[] {
  if (isJsonBlock(block)) {
    const rows = JSON.parse(block.rowsJson) as DataRow[];
    return from === 0 && to >= rows.length ? rows : rows.slice(from, to);
  }
  const { key, text, label, timestamp, split, metaNames, metaColumns } = block;
  const end = Math.min(to, block.count);
  const rows: DataRow[] = [];
  for (let i = from; i < end; i++) {
    const row = { key: key[i], text: text[i], label: label[i] } as DataRow;
    const ts = timestamp?.[i];
    if (ts !== undefined) row.timestamp = ts;
    const s = split?.[i];
    if (s !== undefined) row.split = s;
    const meta: Record<string, MetaValue> = {};
    for (let c = 0; c < metaNames.length; c++) {
      const value = metaColumns[c][i];
      if (value !== undefined) setOwn(meta, metaNames[c], value);
    }
    row.meta = meta;
    rows.push(row);
  }
  return rows;
}

/** meta[name] = value as JSON.parse would set it: "__proto__" as an own field, not the prototype. */
function setOwn(meta: Record<string, MetaValue>, name: string, value: MetaValue): void {
  if (name === '__proto__') Object.defineProperty(meta, name, { value, writable: true, enumerable: true, configurable: true });
  else meta[name] = value;
}
