import { describe, expect, it } from 'vitest';
import { documentMarkdown, documentTitle, type DocumentView } from '$lib/core/documents/governed/documentMarkdown';
import { standaloneHtml } from '$lib/core/documents/standaloneHtml';
import { datasheetFacts, type DatasheetInput } from '$lib/core/documents/governed/datasheet';

const HOSTILE = '<img src=x onerror="alert(1)"> **bold** [link](javascript:alert(1))';

const input: DatasheetInput = {
  number: 3, message: 'relabel', createdAt: '2026-12-01T10:00:00.000Z', contentHash: 'abc', rowCount: 10,
  classBalance: { Billing: 6, [HOSTILE]: 4 }, columns: [{ name: 'text', type: 'text' }],
  split: { method: 'stratified', seed: 7, counts: { train: 6, validation: 2, test: 2 } },
  imports: [{ source: 'tickets.csv', createdAt: '2026-11-30T00:00:00.000Z', rowCount: 10 }],
  lineage: [{ number: 1, change: 'import', message: 'first' }, { number: 3, change: 'label', message: 'relabel' }],
  checks: null, piiMasked: false, labelEvents: { count: 2, people: ['Ana'] },
};

function view(fields: Record<string, string>): DocumentView {
  return {
    doc: { kind: 'datasheet', version: 2, status: 'approved', fields, transitions: [{ status: 'approved', at: '2026-12-02T00:00:00.000Z', by: { personId: 'b', name: HOSTILE }, note: '' }] },
    subject: 'dataset v3',
    facts: datasheetFacts(input),
  };
}

describe('document rendering', () => {
  it('writes the header, facts, written text and the history as Markdown', () => {
    const md = documentMarkdown(view({ motivation: 'Route tickets to the right team.' }));
    expect(documentTitle(view({}))).toBe('Datasheet: dataset v3');
    expect(md).toContain('# Datasheet: dataset v3');
    expect(md).toContain('- **Status:** Approved');
    expect(md).toContain('- **Required sections written:** 1 of 4');
    expect(md).toContain('## Motivation (required)');
    expect(md).toContain('Route tickets to the right team.');
    expect(md).toContain('- 10 rows in v3, content hash abc.');
    expect(md).toContain('- Split stratified, seed 7: train 6, validation 2, test 2.');
    expect(md).toContain('*Not written yet.*');
  });

  it('never lets text from data or people become HTML, and carries a print stylesheet', () => {
    const html = standaloneHtml(documentMarkdown(view({ motivation: HOSTILE, uses: '<script>alert(1)</script>' })), `Datasheet ${HOSTILE}`);
    expect(html).not.toMatch(/<img|<script|<strong>bold|href="javascript/);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('@media print{');
    expect(html.startsWith('<!doctype html>')).toBe(true);
  });
});
