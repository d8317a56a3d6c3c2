import { describe, expect, it } from 'vitest';
import { isMlflowAlias, KeyAllocator, MAX_KEY_LENGTH, modelDirName, sanitizeKey } from '$lib/core/interop/mlflow/names';
import { mlflowExperimentId, mlflowRunId } from '$lib/core/interop/mlflow/ids';
import { pythonFloat, pythonParam } from '$lib/core/interop/mlflow/pythonText';

/** MLflow's check (validation.py): `^[/\w.\- ]*$` and `posixpath.normpath(name) == name`, not '.', no leading '..' or '/'. */
function mlflowAcceptsKey(key: string): boolean {
  if (!/^[/\p{L}\p{N}_.\- ]*$/u.test(key)) return false;
  const parts = key.split('/');
  return key !== '' && !key.startsWith('/') && !key.startsWith('..') && !parts.some((p) => p === '' || p === '.' || p === '..');
}

describe('sanitizeKey', () => {
  it('keeps keys MLflow accepts, Unicode letters included', () => {
    for (const key of ['test.accuracy', 'loss', 'val loss', 'a/b', 'macro-F1', 'größe', '精度']) expect(sanitizeKey(key)).toBe(key);
  });

  it('replaces other characters and normalises the path', () => {
    expect(sanitizeKey('p99 (ms)')).toBe('p99 _ms_');
    expect(sanitizeKey('a:b')).toBe('a_b');
    expect(sanitizeKey('/lead//x/./y/')).toBe('lead/x/y');
    expect(sanitizeKey('../up')).toBe('__/up');
    expect(sanitizeKey('')).toBe('_');
    expect(sanitizeKey('./')).toBe('_');
    expect(sanitizeKey('x'.repeat(300))).toHaveLength(MAX_KEY_LENGTH);
    for (const key of ['a:b', '/x', '../y', 'a/./b', '', '.', 'ok', 'x\ny', 'tab\tkey', '%20']) expect(mlflowAcceptsKey(sanitizeKey(key))).toBe(true);
  });
});

describe('KeyAllocator', () => {
  it('gives later clashing names a numbered suffix: same name, other case, file vs folder', () => {
    const keys = new KeyAllocator();
    const names = ['loss', 'loss', 'Loss', 'loss/val', 'a/b', 'a', 'a/b/c', 'A/b'].map((k) => keys.allocate(k));
    expect(names).toEqual(['loss', 'loss_2', 'Loss_3', 'loss_4/val', 'a/b', 'a_2', 'a/b_2/c', 'A/b_3']);
  });
});

describe('aliases and model names', () => {
  it('accepts the aliases MLflow accepts', () => {
    expect(['champion', 'challenger', 'staging_2', 'a-b', 'V2x'].every(isMlflowAlias)).toBe(true);
    expect(['latest', 'Latest', 'v1', 'V12', 'has space', 'dot.ted', '', 'x'.repeat(256)].some(isMlflowAlias)).toBe(false);
  });

  it('makes model names safe folder names', () => {
    expect(modelDirName('Ticket router')).toBe('Ticket router');
    expect(modelDirName('spam/filter%')).toBe('spam_filter_');
    expect(modelDirName('a\\b<c>:d"e|f?g*h')).toBe('a_b_c__d_e_f_g_h');
    expect(modelDirName('end.')).toBe('end_');
    expect(modelDirName('..')).toBe('__');
    expect(modelDirName('')).toBe('_');
    expect(modelDirName('tab\there')).toBe('tab_here');
  });
});

describe('ids', () => {
  it('derives stable MLflow ids: 32 lowercase hex for runs, a decimal for the experiment', () => {
    expect(mlflowRunId('p', 'r')).toMatch(/^[0-9a-f]{32}$/);
    expect(mlflowRunId('p', 'r')).toBe(mlflowRunId('p', 'r'));
    expect(mlflowRunId('p', 'r')).not.toBe(mlflowRunId('p', 'r2'));
    expect(mlflowRunId('p', 'r')).not.toBe(mlflowRunId('p2', 'r'));
    expect(mlflowExperimentId('p')).toMatch(/^[1-9][0-9]{0,15}$/);
    expect(mlflowExperimentId('p')).toBe(mlflowExperimentId('p'));
  });
});

describe('Python text', () => {
  it("writes floats as Python's repr (checked against CPython)", () => {
    const cases: [number, string][] = [
      [0.9, '0.9'], [3, '3.0'], [1e-5, '1e-05'], [0.0001, '0.0001'], [1e16, '1e+16'], [9999999999999998, '9999999999999998.0'],
      [1.5e20, '1.5e+20'], [0.1 + 0.2, '0.30000000000000004'], [-2.5, '-2.5'], [-0, '-0.0'], [0, '0.0'], [NaN, 'nan'],
      [Infinity, 'inf'], [-Infinity, '-inf'], [5e-324, '5e-324'], [6.666666666666665e-8, '6.666666666666665e-08'],
    ];
    for (const [x, text] of cases) expect(pythonFloat(x)).toBe(text);
  });

  it("writes params as Python's str", () => {
    expect(pythonParam(5)).toBe('5');
    expect(pythonParam(0.001)).toBe('0.001');
    expect(pythonParam(true)).toBe('True');
    expect(pythonParam(false)).toBe('False');
    expect(pythonParam('adam')).toBe('adam');
    expect(pythonParam([64, 32])).toBe('[64, 32]');
    expect(pythonParam(["a'b", 'c"d', 'x\\y'])).toBe(`["a'b", 'c"d', 'x\\\\y']`);
  });
});
