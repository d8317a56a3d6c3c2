import { describe, expect, it } from 'vitest';
import { readPolicyText } from '$lib/core/governance/policyFile';
import { policyDocument } from '$lib/core/governance/policyDocument';
import { policyTemplate } from '$lib/core/governance/templates';

const standard = () => policyTemplate('standard');

describe('reading a policy file', () => {
  it('reads a valid document and normalises it', () => {
    const doc = policyDocument({ ...standard(), name: '  Workshop policy ' });
    expect(readPolicyText(JSON.stringify(doc))).toEqual({ ok: true, data: { ...standard(), name: 'Workshop policy' } });
  });

  it('refuses bad JSON with its line, a wrong kind, invalid data with pointers, and forbidden keys', () => {
    expect(readPolicyText('{\n  "kind": 1,\n  x}')).toEqual({ ok: false, problems: [{ path: '', message: expect.stringMatching(/not valid JSON .*line 3/) }] });
    expect(readPolicyText('{"kind": "lifecycle-lab/snapshot", "schemaVersion": 1}')).toMatchObject({ ok: false, problems: [{ path: '/kind' }] });
    const bad = policyDocument({ ...standard(), reReview: { days: 0, graceDays: 1 } });
    expect(readPolicyText(JSON.stringify(bad))).toMatchObject({ ok: false, problems: [{ path: '/data/reReview/days', message: expect.stringMatching(/whole number from 1/) }] });
    expect(readPolicyText('{"__proto__": {}, "kind": "x"}')).toMatchObject({ ok: false, problems: [{ path: '/__proto__', message: expect.stringMatching(/not allowed anywhere in a policy/) }] });
  });
});
