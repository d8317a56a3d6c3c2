import { describe, expect, it } from 'vitest';
import { createDraft, editPublished, policyHash, publish, publishDraft, verifyPolicyHash } from '$lib/core/governance/policyVersions';
import { policyTemplate } from '$lib/core/governance/templates';

const AT = '2026-01-01T09:00:00.000Z';

describe('policy versions', () => {
  it('publishing freezes the draft as version 1 with the hash of its content', async () => {
    const draft = createDraft(policyTemplate('standard'));
    const v1 = await publishDraft(draft, { by: 'Ana', at: AT });
    expect(v1).toMatchObject({ status: 'published', version: 1, publishedBy: 'Ana', publishedAt: AT, hash: await policyHash(policyTemplate('standard')) });
    expect(Object.isFrozen(v1) && Object.isFrozen(v1.data.gates[0].evidence)).toBe(true);
    expect(() => v1.data.gates.push(v1.data.gates[0])).toThrow(TypeError);
    // The draft stays editable and shares nothing with the published version.
    draft.data.name = 'Changed';
    expect(v1.data.name).toBe('Standard');
  });

  it('editing a published version makes the next draft and leaves the version as it was', async () => {
    const v1 = await publishDraft(createDraft(policyTemplate('standard')), { by: 'Ana', at: AT });
    const draft = editPublished(v1);
    expect(draft).toMatchObject({ status: 'draft', version: 2, basedOn: 1 });
    draft.data.reReview.days = 30;
    expect(v1.data.reReview.days).toBe(90);
    const v2 = await publishDraft(draft, { by: 'Ben', at: '2026-02-01T09:00:00.000Z' });
    expect(v2.version).toBe(2);
    expect(v2.hash).not.toBe(v1.hash);
    expect(await verifyPolicyHash(v2)).toBe(true);
  });

  it('hashes the normalised data, so stray spaces do not make a second hash for the same policy', async () => {
    const data = policyTemplate('light');
    data.name = '  Light ';
    const v1 = await publishDraft(createDraft(data), { by: 'Ana', at: AT });
    expect(v1.data.name).toBe('Light');
    expect(v1.hash).toBe(await policyHash(policyTemplate('light')));
  });

  it('detects a stored version whose data was changed after publishing', async () => {
    const v1 = await publishDraft(createDraft(policyTemplate('standard')), { by: 'Ana', at: AT });
    const tampered = { ...v1, data: { ...v1.data, reReview: { days: 3650, graceDays: 0 } } };
    expect(await verifyPolicyHash(tampered)).toBe(false);
  });

  it('refuses to publish an invalid draft, a draft without a publisher or a malformed hash', () => {
    const bad = createDraft(policyTemplate('standard'));
    bad.data.gates[0].deciderRole = 'nobody';
    expect(() => publish(bad, { by: 'Ana', at: AT, hash: 'a'.repeat(64) })).toThrow(/\/data\/gates\/0\/deciderRole/);
    const good = createDraft(policyTemplate('standard'));
    expect(() => publish(good, { by: ' ', at: AT, hash: 'a'.repeat(64) })).toThrow(/Name who publishes/);
    expect(() => publish(good, { by: 'Ana', at: AT, hash: 'xyz' })).toThrow(/SHA-256/);
  });
});
