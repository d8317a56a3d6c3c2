/** The row browser's query: a page of a version's rows filtered by label, split and a search. */
import type { DataRow, SplitName } from './dataset';

export type LabelFilter = { kind: 'any' } | { kind: 'unlabelled' } | { kind: 'label'; label: string };

export interface RowQuery {
  versionId: string;
  search?: string;
  label?: LabelFilter;
  split?: SplitName | 'none' | 'any';
  /** Only these rows (the labelling queue's next rows in its own order); the page keeps the version's order. */
  keys?: readonly string[];
  offset: number;
  limit: number;
}

export interface RowPage {
  /** `position`: the row's index in the version. */
  rows: (DataRow & { position: number })[];
  /** Rows matching the query, on every page. */
  total: number;
}

/**
 * The query's filters as a test of one row: its keys when given, its label filter, its split
 * ('none' = no split), and the search, which matches inside the text or the whole key, ignoring case.
 */
export function rowFilter(query: Pick<RowQuery, 'search' | 'label' | 'split' | 'keys'>): (row: DataRow) => boolean {
  const label = query.label ?? { kind: 'any' };
  const keys = query.keys ? new Set(query.keys) : null;
  const split = query.split ?? 'any';
  const needle = query.search?.trim().toLowerCase() ?? '';
  return (row) => {
    if (keys && !keys.has(row.key)) return false;
    if (label.kind === 'unlabelled' && row.label !== null) return false;
    if (label.kind === 'label' && row.label !== label.label) return false;
    if (split !== 'any' && (split === 'none' ? row.split !== undefined : row.split !== split)) return false;
    return !needle || row.text.toLowerCase().includes(needle) || row.key.toLowerCase() === needle;
  };
}

/** The query's page of `rows` and how many rows match in all. */
export function queryRows(rows: readonly DataRow[], query: RowQuery): RowPage {
  const matches = rowFilter(query);
  const page: RowPage['rows'] = [];
  let total = 0;
  rows.forEach((row, position) => {
    if (!matches(row)) return;
    if (total >= query.offset && page.length < query.limit) page.push({ ...row, position });
    total++;
  });
  return { rows: page, total };
}
