import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '$lib/core/governance/canonicalJson';
import { policyHash } from '$lib/core/governance/policyVersions';
import { policyTemplate } from '$lib/core/governance/templates';

// Computed with Python: s = json.dumps(obj, sort_keys=True, separators=(',', ':'), ensure_ascii=False);
// hashlib.sha256(s.encode('utf-8')).hexdigest()
const VECTOR = {
  name: 'Standard',
  roles: [{ id: 'ethics-reviewer', name: 'Éthique ✓' }],
  reReview: { graceDays: 14, days: 90 },
  sliceFloor: { min: 0.8, metric: 'accuracy', minExamples: 30 },
  template: null,
  gates: [{ stage: 'model', evidence: ['pii-clear'], ok: true, note: 'line\nbreak "quoted"' }],
  B: -1.5,
  a: 0,
};
const VECTOR_TEXT =
  '{"B":-1.5,"a":0,"gates":[{"evidence":["pii-clear"],"note":"line\\nbreak \\"quoted\\"","ok":true,"stage":"model"}],"name":"Standard","reReview":{"days":90,"graceDays":14},"roles":[{"id":"ethics-reviewer","name":"Éthique ✓"}],"sliceFloor":{"metric":"accuracy","min":0.8,"minExamples":30},"template":null}';
const VECTOR_SHA256 = 'de8d5f7c58601e122a9f3bad25bd3213e741d26394f024f50309a25fada35654';

describe('canonicalJson', () => {
  it('writes keys sorted, without whitespace, exactly as Python json.dumps(sort_keys=True, separators=(",", ":"))', () => {
    expect(canonicalJson(VECTOR)).toBe(VECTOR_TEXT);
  });

  it('gives the same text whatever order the keys were written in', () => {
    const reordered = { a: 0, B: -1.5, template: null, gates: VECTOR.gates, sliceFloor: { minExamples: 30, metric: 'accuracy', min: 0.8 }, reReview: { days: 90, graceDays: 14 }, roles: VECTOR.roles, name: 'Standard' };
    expect(canonicalJson(reordered)).toBe(VECTOR_TEXT);
  });

  it('refuses values JSON cannot carry instead of dropping them', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ a: undefined })).toThrow(/undefined/);
    expect(() => canonicalJson([Infinity])).toThrow(/Infinity/);
  });
});

describe('sha256Hex and policyHash', () => {
  it('matches hashlib on the empty string and on the vector', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex(VECTOR_TEXT)).toBe(VECTOR_SHA256);
  });

  it('pins the Standard template: its hash changes only when the template does (checked with Python on its JSON)', async () => {
    expect(await policyHash(policyTemplate('standard'))).toBe('5535069e7d2dfea6e389174be062d34b437b1cccc09a4d00b7ec36b915035de6');
    const edited = policyTemplate('standard');
    edited.reReview.days = 60;
    expect(await policyHash(edited)).not.toBe('5535069e7d2dfea6e389174be062d34b437b1cccc09a4d00b7ec36b915035de6');
  });
});
