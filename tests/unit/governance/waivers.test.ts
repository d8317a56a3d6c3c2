import { beforeAll, describe, expect, it } from 'vitest';
import { activeWaiver, grantWaiver, type WaiverInput } from '$lib/core/governance/waivers';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import { subjectOf } from '$lib/core/governance/subjects';
import { ANA, BEN, dataset, empty, published, relabelled } from './fixtures';

let policy: PublishedPolicy;
beforeAll(async () => {
  policy = await published('standard');
});

const input = (over: Partial<WaiverInput> = {}): WaiverInput => ({
  id: 'w-1',
  gateId: 'data-ethics-review',
  subject: subjectOf(dataset()),
  reason: 'Workshop data, no real people.',
  owner: 'Ana',
  by: ANA,
  role: 'ethics-reviewer',
  at: '2026-03-01T10:00:00.000Z',
  expiresAt: '2026-03-15T10:00:00.000Z',
  ...over,
});

describe('waivers', () => {
  it('records the gate, object, reason, owner, who granted it and the policy version', () => {
    const granted = grantWaiver(policy, input());
    expect(granted).toEqual({
      ok: true,
      record: {
        id: 'w-1',
        gateId: 'data-ethics-review',
        subject: subjectOf(dataset()),
        reason: 'Workshop data, no real people.',
        owner: 'Ana',
        grantedBy: { personId: 'p-ana', name: 'Ana', role: 'ethics-reviewer' },
        at: '2026-03-01T10:00:00.000Z',
        expiresAt: '2026-03-15T10:00:00.000Z',
        policy: { version: 1, hash: policy.hash },
      },
    });
  });

  it('refuses a waiver without an expiry, with an expiry not after it starts, or not a date', () => {
    expect(grantWaiver(policy, input({ expiresAt: null }))).toEqual({ ok: false, reason: 'A waiver needs an expiry date: waivers that never end are not allowed.' });
    expect(grantWaiver(policy, input({ expiresAt: '' })).ok).toBe(false);
    expect(grantWaiver(policy, input({ expiresAt: '2026-03-01T10:00:00.000Z' }))).toEqual({ ok: false, reason: 'The expiry must be after the waiver is granted.' });
    expect(grantWaiver(policy, input({ expiresAt: 'next week' }))).toEqual({ ok: false, reason: '"next week" is not a date and time.' });
  });

  it('refuses a waiver without reason or owner, or by someone outside the gate role', () => {
    expect(grantWaiver(policy, input({ reason: '  ' }))).toEqual({ ok: false, reason: 'A waiver needs a reason.' });
    expect(grantWaiver(policy, input({ owner: '' })).ok).toBe(false);
    expect(grantWaiver(policy, input({ by: BEN, role: 'ethics-reviewer' }))).toEqual({ ok: false, reason: 'Ben does not hold the role "ethics-reviewer" (set roles under Govern → People).' });
  });

  it('counts from its start until its expiry, judged by the injected clock, and only for its object', () => {
    const granted = grantWaiver(policy, input());
    if (!granted.ok) throw new Error(granted.reason);
    const records = { ...empty(), waivers: [granted.record] };
    const at = (iso: string) => activeWaiver(records, 'data-ethics-review', subjectOf(dataset()), Date.parse(iso));
    expect(at('2026-03-01T09:59:59.999Z')).toBeNull();
    expect(at('2026-03-01T10:00:00.000Z')).toBe(granted.record);
    expect(at('2026-03-15T09:59:59.999Z')).toBe(granted.record);
    expect(at('2026-03-15T10:00:00.000Z')).toBeNull();
    expect(activeWaiver(records, 'data-ethics-review', subjectOf(dataset(relabelled())), Date.parse('2026-03-02T00:00:00.000Z'))).toBeNull();
    expect(activeWaiver(records, 'performance-sla', subjectOf(dataset()), Date.parse('2026-03-02T00:00:00.000Z'))).toBeNull();
  });
});
