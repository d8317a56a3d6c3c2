import { describe, expect, it } from 'vitest';
import { findTimestampColumn, schemaFromMapping } from '$lib/core/data/mapping';

describe('findTimestampColumn', () => {
  it('finds the column a mapping made the timestamp', () => {
    const header = ['id', 'body', 'created', 'tier'];
    const schema = schemaFromMapping(header, {
      textColumns: ['body'], labelColumn: null, timestampColumn: 'created', idColumn: 'id', metaTypes: { tier: 'category' },
    });
    expect(findTimestampColumn(schema)).toBe('created');
  });

  it('is undefined without a date column', () => {
    expect(findTimestampColumn([{ name: 'body', type: 'text' }, { name: 'tier', type: 'category' }])).toBeUndefined();
  });
});
