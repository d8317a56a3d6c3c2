import { describe, expect, it } from 'vitest';
import {
  checkRequestContract,
  requestContractOf,
  requestContractProblem,
  suggestRequestContract,
  textColumnValues,
  textFieldOrder,
  metaFromRequestFields,
  type RequestContract,
} from '$lib/core/serving/requestContract';
import type { DataRow } from '$lib/core/data/dataset';

const contract: RequestContract = {
  enabled: true,
  fields: [
    { name: 'subject', required: true, minLength: 3, maxLength: 10, charset: 'printable' },
    { name: 'body', required: false, maxLength: 20, charset: 'printable-no-replacement' },
  ],
};
const one = (record: Record<string, string | null | undefined>) => checkRequestContract(contract, { kind: 'fields', records: [record] });

describe('checkRequestContract: the one rule every predict request meets', () => {
  it('passes a request that keeps every rule, and anything when there is no contract or it is off', () => {
    expect(one({ subject: 'Refund', body: 'charged twice', channel: 'email' })).toBeNull();
    expect(checkRequestContract(null, { kind: 'text' })).toBeNull();
    expect(checkRequestContract({ ...contract, enabled: false }, { kind: 'fields', records: [{}] })).toBeNull();
  });

  it('names a missing, null or blank required field', () => {
    expect(one({ body: 'x' })).toEqual({ field: 'subject', message: expect.stringMatching(/"subject" is required .* missing/) });
    expect(one({ subject: null })?.field).toBe('subject');
    expect(one({ subject: '   ' })?.message).toMatch(/empty/);
    // An optional field may be absent.
    expect(one({ subject: 'Refund' })).toBeNull();
  });

  it('bounds lengths inclusively, in code points of the trimmed value', () => {
    expect(one({ subject: 'abc' })).toBeNull();
    expect(one({ subject: 'ab' })).toEqual({ field: 'subject', message: expect.stringContaining('at least 3') });
    expect(one({ subject: 'a'.repeat(10) })).toBeNull();
    expect(one({ subject: 'a'.repeat(11) })?.message).toContain('at most 10');
    expect(one({ subject: '  abc  ' })).toBeNull();
    // Ten emoji are ten characters, not twenty UTF-16 units.
    expect(one({ subject: '😀'.repeat(10) })).toBeNull();
    expect(one({ subject: 'Refund', body: 'b'.repeat(21) })?.field).toBe('body');
  });

  it('refuses control characters except newline and tab, and replacement characters where asked', () => {
    expect(one({ subject: 'Re\tfu\nnd' })).toBeNull();
    expect(one({ subject: 'Ref\u0000und' })).toEqual({ field: 'subject', message: expect.stringContaining('(U+0000) at position 4') });
    expect(one({ subject: 'Ref\rund' })?.message).toContain('U+000D');
    expect(one({ subject: 'Caf\uFFFD' })).toBeNull(); // printable allows it
    expect(one({ subject: 'Refund', body: 'caf\uFFFD' })).toEqual({ field: 'body', message: expect.stringContaining('replacement character') });
  });

  it('refuses a plain text under a contract with a required field, telling the caller to send fields', () => {
    const v = checkRequestContract(contract, { kind: 'text' });
    expect(v?.field).toBe('subject');
    expect(v?.message).toContain('send {"fields": {"subject": "…"}}');
    const optional: RequestContract = { enabled: true, fields: [{ name: 'body', required: false, charset: 'any' }] };
    expect(checkRequestContract(optional, { kind: 'text' })).toBeNull();
  });

  it('names the record of a batch that breaks it', () => {
    const v = checkRequestContract(contract, { kind: 'fields', records: [{ subject: 'Fine' }, { body: 'no subject' }] });
    expect(v).toEqual({ field: 'subject', message: expect.stringContaining('"records[1].subject"') });
  });
});

describe('the contract as a setting', () => {
  it('reads absent or empty as none, and says why a contract cannot be saved', () => {
    expect(requestContractOf(undefined)).toBeNull();
    expect(requestContractOf({ requestContract: { enabled: true, fields: [] } })).toBeNull();
    expect(requestContractOf({ requestContract: contract })).toBe(contract);
    expect(requestContractProblem(contract)).toBeNull();
    expect(requestContractProblem({ enabled: true, fields: [] })).toMatch(/at least one field/);
    expect(requestContractProblem({ enabled: true, fields: [contract.fields[0], contract.fields[0]] })).toMatch(/used twice/);
    expect(requestContractProblem({ enabled: true, fields: [{ ...contract.fields[0], minLength: 11 }] })).toMatch(/minimum length is above/);
    expect(requestContractProblem({ enabled: true, fields: [{ ...contract.fields[0], maxLength: 1.5 }] })).toMatch(/whole number/);
    expect(requestContractProblem({ enabled: true, fields: [{ ...contract.fields[0], name: 'two words' }] })).toMatch(/a name is/);
  });

  it('orders text fields by the contract, else by the dataset text columns', () => {
    const schema = [{ name: 'id', type: 'id' as const }, { name: 'subject', type: 'text' as const }, { name: 'body', type: 'text' as const }, { name: 'tier', type: 'category' as const }];
    expect(textFieldOrder(null, schema)).toEqual(['subject', 'body']);
    expect(textFieldOrder({ enabled: true, fields: [contract.fields[1], contract.fields[0]] }, schema)).toEqual(['body', 'subject']);
  });
});

describe('suggestRequestContract: from the training data', () => {
  const row = (subject: string | null, body: string): DataRow => ({ key: body, text: subject ? `${subject}\n\n${body}` : body, label: 'x', meta: { subject } });
  const schema = [{ name: 'subject', type: 'text' as const }, { name: 'body', type: 'text' as const }];

  it('reads a column from metadata and the other from what remains of the text', () => {
    const values = textColumnValues([row('Hi', 'there'), row(null, 'alone')], ['subject', 'body']);
    expect(values.get('subject')).toEqual(['Hi', null]);
    expect(values.get('body')).toEqual(['there', 'alone']);
  });

  it('requires fields never missing and bounds lengths by the 1st and 99th percentiles', () => {
    // Body lengths 1..100: numpy.percentile(range(1, 101), [1, 99]) = [1.99, 99.01].
    const rows = Array.from({ length: 100 }, (_, i) => row(i === 0 ? null : 'Subject', 'b'.repeat(i + 1)));
    const suggested = suggestRequestContract(rows, schema);
    expect(suggested.enabled).toBe(false);
    expect(suggested.fields).toEqual([
      { name: 'subject', required: false, minLength: 7, maxLength: 7, charset: 'printable' },
      { name: 'body', required: true, minLength: 1, maxLength: 100, charset: 'printable' },
    ]);
    expect(requestContractProblem(suggested)).toBeNull();
  });
});

describe('metaFromRequestFields: a logged request as production metadata', () => {
  it('keeps the dataset’s metadata columns, null where the request lacked them', () => {
    expect(metaFromRequestFields({ body: 'cut', channel: 'email', extra: 'x' }, ['subject', 'channel', 'tier'])).toEqual({ subject: null, channel: 'email', tier: null });
    expect(metaFromRequestFields({ subject: '  ' }, ['subject'])).toEqual({ subject: null });
    expect(metaFromRequestFields(undefined, ['subject'])).toEqual({});
  });
});
