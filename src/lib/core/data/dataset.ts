/**
 * The shapes of tabular text data as the domain sees it, shared by import, validation,
 * splitting, diffing and export. Storage adds its own ids on top (see lib/db/records.ts).
 */

/** What a column holds. 'text' columns are joined into the row text the models read. */
export type ColumnType = 'text' | 'label' | 'number' | 'category' | 'date' | 'id' | 'split';

export interface ColumnSchema {
  name: string;
  type: ColumnType;
}

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

export function isSplitName(value: unknown): value is SplitName {
  return (SPLIT_NAMES as readonly unknown[]).includes(value);
}

/** A metadata value after type conversion: numbers as numbers, dates as ISO strings. */
export type MetaValue = string | number | null;

/** One example of a dataset version. */
export interface DataRow {
  /** Stable identity of the row across versions (the id column, or assigned at import). */
  key: string;
  /** The text the models read (text columns joined with a blank line). */
  text: string;
  /** null = unlabelled (the labelling queue's pool). */
  label: string | null;
  /** ISO 8601 UTC, when the dataset has a timestamp column. */
  timestamp?: string;
  split?: SplitName;
  meta: Record<string, MetaValue>;
}

/** A raw CSV record with the 1-based line of the file where it starts. */
export interface RawRecord {
  line: number;
  fields: string[];
}

/** Which CSV columns play which role; every other column is metadata of the given type. */
export interface ColumnMapping {
  textColumns: string[];
  labelColumn: string | null;
  timestampColumn: string | null;
  idColumn: string | null;
  /** A column of train/validation/test assignments, e.g. from an exported version; optional. */
  splitColumn?: string | null;
  /** Types of the metadata columns (all columns not named above). */
  metaTypes: Record<string, 'number' | 'category' | 'date' | 'text'>;
}
