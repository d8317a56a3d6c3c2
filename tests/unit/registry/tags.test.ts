import { describe, expect, it } from 'vitest';
import { parseTags } from '../../../src/lib/core/registry/tags';

describe('parseTags', () => {
  it('reads key=value pairs and bare words, ignoring empty items and spaces', () => {
    expect(parseTags(' team = support, data=november ,, reviewed ')).toEqual({ ok: true, tags: { team: 'support', data: 'november', reviewed: '' } });
    expect(parseTags('')).toEqual({ ok: true, tags: {} });
    expect(parseTags('note=a=b')).toEqual({ ok: true, tags: { note: 'a=b' } });
  });

  it('refuses bad keys, duplicates and long values with a message naming the tag', () => {
    expect(parseTags('1st=x')).toMatchObject({ ok: false, error: expect.stringMatching(/Tag "1st": a key starts with a letter/) });
    expect(parseTags('=x')).toMatchObject({ ok: false });
    expect(parseTags('a=1, a=2')).toEqual({ ok: false, error: 'Tag "a" is given twice.' });
    expect(parseTags(`a=${'x'.repeat(121)}`)).toMatchObject({ ok: false, error: expect.stringMatching(/longer than 120/) });
    // Prototype keys are plain tags, not a way into Object.prototype.
    const proto = parseTags('__proto__=x');
    expect(proto.ok).toBe(false);
    expect(parseTags('constructor=x')).toEqual({ ok: true, tags: { constructor: 'x' } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
