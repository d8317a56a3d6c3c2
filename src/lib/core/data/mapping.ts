/** What a column mapping means for a dataset's schema. */
import type { ColumnMapping, ColumnSchema } from './dataset';

/** The schema a mapping gives the header's columns, in header order; left-out columns are omitted. */
export function schemaFromMapping(header: readonly string[], mapping: ColumnMapping): ColumnSchema[] {
  const roles = [mapping.idColumn, mapping.labelColumn, mapping.timestampColumn, mapping.splitColumn, ...mapping.textColumns];
  return header.filter((name) => roles.includes(name) || Object.hasOwn(mapping.metaTypes, name)).map((name): ColumnSchema => {
    if (name === mapping.idColumn) return { name, type: 'id' };
    if (name === mapping.labelColumn) return { name, type: 'label' };
    if (name === mapping.timestampColumn) return { name, type: 'date' };
    if (name === mapping.splitColumn) return { name, type: 'split' };
    if (mapping.textColumns.includes(name)) return { name, type: 'text' };
    return { name, type: mapping.metaTypes[name] };
  });
}

/**
 * The column a schema stores as the rows' timestamp (on the row, not in meta): the first 'date'
 * column, as schemaFromMapping writes the timestamp column with that type.
 */
export function findTimestampColumn(schema: readonly Pick<ColumnSchema, 'name' | 'type'>[]): string | undefined {
  return schema.find((c) => c.type === 'date')?.name;
}

/** Problems that make a mapping unusable; [] when it can be imported. */
export function mappingProblems(header: readonly string[], mapping: ColumnMapping): string[] {
  const problems: string[] = [];
  const known = new Set(header);
  if (mapping.textColumns.length === 0) problems.push('Choose at least one text column.');
  const single = [mapping.labelColumn, mapping.timestampColumn, mapping.idColumn, mapping.splitColumn ?? null];
  for (const name of [...mapping.textColumns, ...single]) {
    if (name !== null && !known.has(name)) problems.push(`There is no column “${name}” in the file.`);
  }
  const roles = single.filter((n): n is string => n !== null);
  if (new Set(roles).size !== roles.length) problems.push('A column can play only one role (label, timestamp, id or split).');
  if (roles.some((r) => mapping.textColumns.includes(r))) problems.push('A text column cannot also be the label, timestamp, id or split.');
  return problems;
}

/** Whether two mappings give every column the same role and type (key order does not matter). */
export function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  const metaA = Object.keys(a.metaTypes);
  return (
    a.textColumns.length === b.textColumns.length &&
    a.textColumns.every((c, i) => b.textColumns[i] === c) &&
    a.labelColumn === b.labelColumn &&
    a.timestampColumn === b.timestampColumn &&
    a.idColumn === b.idColumn &&
    (a.splitColumn ?? null) === (b.splitColumn ?? null) &&
    metaA.length === Object.keys(b.metaTypes).length &&
    metaA.every((k) => Object.hasOwn(b.metaTypes, k) && b.metaTypes[k] === a.metaTypes[k])
  );
}
