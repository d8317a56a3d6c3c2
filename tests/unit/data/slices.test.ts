import { describe, it, expect } from 'vitest';
import {
  describeCondition,
  describeSlice,
  matchesSlice,
  parseSliceCondition,
  sliceRows,
  validateSlice,
  type Slice,
  type SliceCondition,
} from '$lib/core/data/slices';
import type { ColumnSchema, DataRow } from '$lib/core/data/dataset';

type Row = Pick<DataRow, 'label' | 'split' | 'meta'> & { id: string };
const rows: Row[] = [
  { id: 'r1', label: 'Billing', split: 'train', meta: { channel: 'email', tier: 'enterprise', amount: 120, created: '2026-01-05T09:00:00Z' } },
  { id: 'r2', label: 'Technical', split: 'test', meta: { channel: 'chat', tier: 'free', amount: 15, created: '2026-02-01T09:00:00Z' } },
  { id: 'r3', label: null, meta: { channel: 'email', tier: null, amount: 100 } },
  { id: 'r4', label: 'Billing', split: 'validation', meta: { channel: 'web form', tier: 'pro', amount: '100' } },
];
const ids = (where: SliceCondition[]) => sliceRows(rows, { where }).map((r) => r.id);

describe('matchesSlice', () => {
  it('applies each operator', () => {
    expect(ids([{ column: 'channel', op: '=', value: 'email' }])).toEqual(['r1', 'r3']);
    expect(ids([{ column: 'channel', op: '!=', value: 'email' }])).toEqual(['r2', 'r4']);
    expect(ids([{ column: 'channel', op: 'in', value: ['chat', 'web form'] }])).toEqual(['r2', 'r4']);
    expect(ids([{ column: 'amount', op: '<', value: 100 }])).toEqual(['r2']);
    expect(ids([{ column: 'amount', op: '<=', value: 100 }])).toEqual(['r2', 'r3']);
    expect(ids([{ column: 'amount', op: '>', value: 100 }])).toEqual(['r1']);
    expect(ids([{ column: 'amount', op: '>=', value: 100 }])).toEqual(['r1', 'r3']);
    expect(ids([{ column: 'created', op: '>=', value: '2026-01-31' }])).toEqual(['r2']);
  });

  it('requires every condition', () => {
    expect(ids([{ column: 'channel', op: '=', value: 'email' }, { column: 'tier', op: '=', value: 'enterprise' }])).toEqual(['r1']);
    expect(ids([])).toEqual(['r1', 'r2', 'r3', 'r4']);
  });

  it('reads label and split, and treats missing values as null', () => {
    expect(ids([{ column: 'label', op: '=', value: 'Billing' }])).toEqual(['r1', 'r4']);
    expect(ids([{ column: 'label', op: '=', value: null }])).toEqual(['r3']);
    expect(ids([{ column: 'split', op: '=', value: null }])).toEqual(['r3']);
    expect(ids([{ column: 'split', op: 'in', value: ['train', 'test'] }])).toEqual(['r1', 'r2']);
    expect(ids([{ column: 'tier', op: '=', value: null }])).toEqual(['r3']);
    expect(ids([{ column: 'created', op: '=', value: null }])).toEqual(['r3', 'r4']);
    expect(ids([{ column: 'tier', op: '!=', value: 'pro' }])).toEqual(['r1', 'r2', 'r3']);
  });

  it('matches a number with its decimal string, but never orders across types', () => {
    expect(ids([{ column: 'amount', op: '=', value: 100 }])).toEqual(['r3', 'r4']);
    expect(ids([{ column: 'amount', op: '=', value: '120' }])).toEqual(['r1']);
    expect(ids([{ column: 'amount', op: '=', value: '' }])).toEqual([]);
    expect(ids([{ column: 'amount', op: '>=', value: '100' }])).toEqual(['r4']);
    expect(matchesSlice(rows[0], { where: [{ column: 'amount', op: '<', value: null }] })).toBe(false);
  });
});

describe('validateSlice', () => {
  const columns: ColumnSchema[] = [
    { name: 'channel', type: 'category' },
    { name: 'amount', type: 'number' },
    { name: 'created', type: 'date' },
  ];
  const slice = (where: SliceCondition[], name = 'S'): Slice => ({ id: 's', name, where });

  it('accepts a good slice', () => {
    expect(
      validateSlice(
        slice([
          { column: 'channel', op: 'in', value: ['email', 'chat'] },
          { column: 'amount', op: '>=', value: 10 },
          { column: 'created', op: '<', value: '2026-02-01' },
          { column: 'label', op: '!=', value: null },
          { column: 'split', op: '=', value: 'test' },
        ]),
        columns,
      ),
    ).toEqual([]);
  });

  it('names every problem', () => {
    expect(validateSlice(slice([], ' '), columns)).toEqual(['Give the slice a name.', 'Add at least one condition.']);
    expect(
      validateSlice(
        slice([
          { column: 'tier', op: '=', value: 'pro' },
          { column: 'channel', op: '<', value: 'email' },
          { column: 'channel', op: 'in', value: 'email' },
          { column: 'channel', op: '=', value: ['email'] },
          { column: 'split', op: '=', value: 'holdout' },
          { column: 'amount', op: '>', value: 'lots' },
          { column: 'created', op: '>', value: 'soon' },
          { column: 'amount', op: '>', value: null },
          { column: 'channel', op: '~' as '=', value: 'x' },
        ]),
        columns,
      ),
    ).toEqual([
      'Condition 1 (tier): there is no column "tier".',
      'Condition 2 (channel): "<" compares numbers or dates, and channel is a category.',
      'Condition 3 (channel): "in" needs a list of values.',
      'Condition 4 (channel): "=" needs a single value, not a list.',
      'Condition 5 (split): split is one of train, validation, test, not holdout.',
      'Condition 6 (amount): amount holds numbers.',
      'Condition 7 (created): created holds dates; write them as 2026-01-31.',
      'Condition 8 (amount): ">" cannot compare with null.',
      'Condition 9 (channel): unknown operator "~".',
    ]);
  });
});

describe('describeSlice', () => {
  it('writes conditions joined by "and"', () => {
    expect(
      describeSlice({
        where: [
          { column: 'channel', op: '=', value: 'email' },
          { column: 'tier', op: '=', value: 'enterprise' },
        ],
      }),
    ).toBe('channel = email and tier = enterprise');
    expect(describeSlice({ where: [] })).toBe('all rows');
  });

  it('quotes what would not read back the same', () => {
    expect(describeCondition({ column: 'account tier', op: 'in', value: ['gold', 'web form', '42', null, 7, 'a, b'] })).toBe(
      '"account tier" in (gold, web form, "42", null, 7, "a, b")',
    );
    expect(describeCondition({ column: 'note', op: '!=', value: 'null' })).toBe('note != "null"');
    expect(describeCondition({ column: 'note', op: '=', value: 'this and that' })).toBe('note = "this and that"');
  });
});

describe('parseSliceCondition', () => {
  const ok = (text: string) => {
    const r = parseSliceCondition(text);
    if (!r.ok) throw new Error(`${text}: ${r.error}`);
    return r.condition;
  };

  it('reads column, operator and typed value', () => {
    expect(ok('tier = enterprise')).toEqual({ column: 'tier', op: '=', value: 'enterprise' });
    expect(ok('amount>=100')).toEqual({ column: 'amount', op: '>=', value: 100 });
    expect(ok('amount < -2.5e3')).toEqual({ column: 'amount', op: '<', value: -2500 });
    expect(ok('region = North America')).toEqual({ column: 'region', op: '=', value: 'North America' });
    expect(ok('code = "42"')).toEqual({ column: 'code', op: '=', value: '42' });
    expect(ok('tier == null')).toEqual({ column: 'tier', op: '=', value: null });
    expect(ok('"account tier" != gold')).toEqual({ column: 'account tier', op: '!=', value: 'gold' });
    expect(ok('channel IN (email, "web form", 3)')).toEqual({ column: 'channel', op: 'in', value: ['email', 'web form', 3] });
    expect(ok('channel in(email,chat)')).toEqual({ column: 'channel', op: 'in', value: ['email', 'chat'] });
    expect(ok('login_count > 3')).toEqual({ column: 'login_count', op: '>', value: 3 });
  });

  it('explains what is missing', () => {
    expect(parseSliceCondition('')).toEqual({ ok: false, error: 'Write a condition such as "tier = enterprise".' });
    expect(parseSliceCondition('tier')).toMatchObject({ ok: false, error: expect.stringContaining('No operator') });
    expect(parseSliceCondition('= x')).toEqual({ ok: false, error: '"= x" names no column.' });
    expect(parseSliceCondition('tier =')).toEqual({ ok: false, error: '"tier =" needs a value.' });
    expect(parseSliceCondition('tier in (a,,b)')).toMatchObject({ ok: false });
    expect(parseSliceCondition('"tier" enterprise')).toMatchObject({ ok: false, error: expect.stringContaining('Expected an operator') });
  });

  it('reads back what describeCondition writes', () => {
    const conditions: SliceCondition[] = [
      { column: 'channel', op: '=', value: 'web form' },
      { column: 'account tier', op: 'in', value: ['gold', '42', null, 7, 'a, b', 'say "hi"'] },
      { column: 'amount', op: '<=', value: 0.5 },
      { column: 'note', op: '!=', value: 'null' },
      { column: 'x<y', op: '>', value: '2026-01-01' },
      { column: 'in', op: '=', value: 'this and that' },
    ];
    for (const c of conditions) expect(ok(describeCondition(c))).toEqual(c);
  });
});
