import { describe, expect, it } from 'vitest';
import { yamlDocument, yamlString } from '$lib/core/interop/mlflow/yaml';
import { parseYaml } from './readMlruns';

describe('yamlString', () => {
  it('leaves ordinary text plain, as PyYAML does', () => {
    for (const s of ['active', 'None', 'READY', 'Ticket router', 'runs:/95afb2/model', 'file:///home/ada/mlruns/1', './mlruns/1', '95afb21260be2c70b364814861c89c15', '0.1.0', 'a, b [c]', 'x:y', 'a#b']) {
      expect(yamlString(s)).toBe(s);
    }
  });

  it('single-quotes what a reader would take for null, a bool, a number or a date', () => {
    const quoted = ['', '0', '123', '-1', '1.5', '.5', '1e3', '0x1F', '0o7', '1_000', '1:30', '2026-01-01', '2026-01-01T00:00:00Z', '.inf', '.NaN',
      'null', 'Null', '~', 'yes', 'No', 'on', 'OFF', 'true', 'False', 'y', 'n', '<<', '='];
    for (const s of quoted) expect(yamlString(s)).toBe(`'${s}'`);
  });

  it('single-quotes indicators, colons, comments and edge spaces, doubling quotes', () => {
    expect(yamlString('a: b')).toBe("'a: b'");
    expect(yamlString('a #b')).toBe("'a #b'");
    expect(yamlString('end:')).toBe("'end:'");
    expect(yamlString('- item')).toBe("'- item'");
    expect(yamlString('[x]')).toBe("'[x]'");
    expect(yamlString('...')).toBe("'...'");
    expect(yamlString(' lead')).toBe("' lead'");
    expect(yamlString('trail ')).toBe("'trail '");
    expect(yamlString("it's")).toBe("it's");
    expect(yamlString("'q' x")).toBe("'''q'' x'");
    expect(yamlString('"q"')).toBe(`'"q"'`);
  });

  it('double-quotes line breaks, tabs and non-printable characters with escapes', () => {
    expect(yamlString('two\nlines')).toBe('"two\\nlines"');
    expect(yamlString('tab\there "q" \\')).toBe('"tab\\there \\"q\\" \\\\"');
    expect(yamlString('nel\u0085 ls\u2028 bom\ufeff c\u0001 lone\ud800')).toBe('"nel\\x85 ls\\u2028 bom\\uFEFF c\\x01 lone\\uD800"');
    expect(yamlString('ünïcödé 日本 🎉')).toBe('ünïcödé 日本 🎉');
  });

  it('reads back as the same string for every style', () => {
    const strings = ['plain', '0', "it's", 'two\nlines', 'a: b', 'nel\u0085x', 'y', ' x ', 'emoji 🎉', '\\', ''];
    for (const s of strings) expect(parseYaml(yamlDocument({ k: s })).k).toBe(s);
  });
});

describe('yamlDocument', () => {
  it('writes a block map with sorted keys, as PyYAML safe_dump(default_flow_style=False)', () => {
    // The expected text is what PyYAML 6 writes for the same dict.
    const text = yamlDocument({
      name: 'Ticket router',
      version: 2,
      description: null,
      aliases: ['champion', 'staging'],
      tags: [],
      map: { champion: '2', on: 'x' },
      empty: {},
      experiment_id: '0',
    });
    expect(text).toBe(
      [
        'aliases:',
        '- champion',
        '- staging',
        'description: null',
        'empty: {}',
        "experiment_id: '0'",
        'map:',
        '  champion: \'2\'',
        "  'on': x",
        'name: Ticket router',
        'tags: []',
        'version: 2',
        '',
      ].join('\n'),
    );
    expect(parseYaml(text)).toEqual({ aliases: ['champion', 'staging'], description: null, empty: {}, experiment_id: '0', map: { champion: '2', on: 'x' }, name: 'Ticket router', tags: [], version: 2 });
  });

  it('refuses numbers that are not safe integers (MLflow meta files hold none)', () => {
    expect(() => yamlDocument({ x: 0.5 })).toThrow(/safe integer/);
  });
});
