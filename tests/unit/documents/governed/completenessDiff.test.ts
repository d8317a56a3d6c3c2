import { describe, expect, it } from 'vitest';
import { completeness } from '$lib/core/documents/governed/completeness';
import { documentDiff } from '$lib/core/documents/governed/documentDiff';
import { lineDiff } from '$lib/core/documents/governed/lineDiff';
import { DATASHEET_SECTIONS } from '$lib/core/documents/governed/datasheet';
import { ANNEX_IV_SECTIONS } from '$lib/core/documents/governed/annexIv';
import { MODEL_CARD_SECTIONS } from '$lib/core/documents/governed/modelCardSections';
import { normaliseFields } from '$lib/core/documents/governed/sections';

describe('completeness', () => {
  it('counts the required sections written, blank text counting as empty', () => {
    expect(completeness(DATASHEET_SECTIONS, {})).toEqual({ required: 4, filled: 0, missing: ['Motivation', 'Composition', 'Collection', 'Uses'], ratio: 0 });
    const some = completeness(DATASHEET_SECTIONS, { motivation: 'Routing tickets', composition: '   ', uses: 'Routing only', distribution: 'Internal' });
    expect(some).toEqual({ required: 4, filled: 2, missing: ['Composition', 'Collection'], ratio: 0.5 });
    expect(completeness(ANNEX_IV_SECTIONS, {}).required).toBe(8);
  });

  it('asks the model card for the owner fields, not for the generated facts', () => {
    expect(completeness(MODEL_CARD_SECTIONS, {}).missing).toEqual(['Overview', 'Owners', 'Intended users', 'Use cases', 'Ethical considerations']);
  });

  it('keeps only the kind’s written sections, trimmed', () => {
    expect(normaliseFields(DATASHEET_SECTIONS, { motivation: '  Why  ', details: 'x', uses: 3 })).toEqual({
      motivation: 'Why', composition: '', collection: '', preprocessing: '', uses: '', distribution: '', maintenance: '',
    });
  });
});

describe('diff', () => {
  it('diffs lines: kept, removed and added in order', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'x' },
      { op: 'same', text: 'c' },
      { op: 'added', text: 'd' },
    ]);
    expect(lineDiff('', 'new')).toEqual([{ op: 'added', text: 'new' }]);
    expect(lineDiff('same', 'same')).toEqual([{ op: 'same', text: 'same' }]);
  });

  it('lists only the sections whose text changed, in document order', () => {
    const diff = documentDiff(DATASHEET_SECTIONS, { motivation: 'A', uses: 'U' }, { motivation: 'A', uses: 'U2', maintenance: 'M' });
    expect(diff.map((d) => d.id)).toEqual(['uses', 'maintenance']);
    expect(diff[0].lines).toEqual([{ op: 'removed', text: 'U' }, { op: 'added', text: 'U2' }]);
  });
});
