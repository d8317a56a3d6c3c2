/**
 * A column mapping seen column by column: each column has one role. The import form edits
 * roles; the mapping is derived from them, so label, timestamp, id and split stay unique.
 */
import type { ColumnMapping } from './dataset';

export type MetaType = ColumnMapping['metaTypes'][string];
export type ColumnRole = 'text' | 'label' | 'timestamp' | 'id' | 'split' | 'ignore' | `meta:${MetaType}`;

export const COLUMN_ROLES: readonly { role: ColumnRole; title: string }[] = [
  { role: 'text', title: 'Text (read by the model)' },
  { role: 'label', title: 'Label' },
  { role: 'timestamp', title: 'Timestamp' },
  { role: 'id', title: 'Id' },
  { role: 'split', title: 'Split (train/validation/test)' },
  { role: 'meta:category', title: 'Metadata: category' },
  { role: 'meta:number', title: 'Metadata: number' },
  { role: 'meta:date', title: 'Metadata: date' },
  { role: 'meta:text', title: 'Metadata: text' },
  { role: 'ignore', title: 'Leave out' },
];

/** Roles only one column can have. */
const UNIQUE_ROLES: readonly ColumnRole[] = ['label', 'timestamp', 'id', 'split'];

export function roleOf(mapping: ColumnMapping, column: string): ColumnRole {
  if (mapping.textColumns.includes(column)) return 'text';
  if (mapping.labelColumn === column) return 'label';
  if (mapping.timestampColumn === column) return 'timestamp';
  if (mapping.idColumn === column) return 'id';
  if (mapping.splitColumn === column) return 'split';
  // A column in no role and not in metaTypes is left out of the import.
  return Object.hasOwn(mapping.metaTypes, column) ? `meta:${mapping.metaTypes[column]}` : 'ignore';
}

/**
 * The mapping with `column` given `role`. A column that loses the label, timestamp or id role
 * to another becomes metadata of `fallback(column)` type (its inferred type).
 */
export function withRole(
  mapping: ColumnMapping,
  header: readonly string[],
  column: string,
  role: ColumnRole,
  fallback: (column: string) => MetaType,
): ColumnMapping {
  const roles = new Map(header.map((c) => [c, roleOf(mapping, c)]));
  if (UNIQUE_ROLES.includes(role)) {
    for (const [c, r] of roles) if (r === role && c !== column) roles.set(c, `meta:${fallback(c)}`);
  }
  roles.set(column, role);
  const next: ColumnMapping = { textColumns: [], labelColumn: null, timestampColumn: null, idColumn: null, splitColumn: null, metaTypes: {} };
  for (const c of header) {
    const r = roles.get(c)!;
    if (r === 'text') next.textColumns.push(c);
    else if (r === 'label') next.labelColumn = c;
    else if (r === 'timestamp') next.timestampColumn = c;
    else if (r === 'id') next.idColumn = c;
    else if (r === 'split') next.splitColumn = c;
    else if (r !== 'ignore') next.metaTypes[c] = r.slice(5) as MetaType;
  }
  return next;
}
