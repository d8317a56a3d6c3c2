import { describe, expect, it } from 'vitest';
import { chainEntries, sha256Hex, verifyChain } from '$lib/core/governance/auditChain';
import { auditChoices, describeChainVerdict, describeServedAt, filterAuditEntries, NO_AUDIT_FILTER } from '$lib/core/governance/auditView';
import { servedAt, trafficRefs, type VersionLineage } from '$lib/core/governance/pointInTime';

const time = (iso: string) => `[${iso.slice(11, 19)}]`;
const base = { projectId: 'p', detail: '', refs: {} };
const entries = [
  { ...base, seq: 1, at: '2026-03-01T10:00:00.000Z', actor: 'Ana', action: 'project.create' },
  { ...base, seq: 2, at: '2026-03-02T10:00:00.000Z', actor: 'Bo', action: 'deploy', refs: trafficRefs({ id: 'd-1', traffic: [{ modelVersionId: 'mv-1', percent: 80, mode: 'serve' }, { modelVersionId: 'mv-9', percent: 20, mode: 'canary' }] }) },
  { ...base, seq: 3, at: '2026-03-03T10:00:00.000Z', actor: 'Ana', action: 'deploy.rollback', refs: { deploymentId: 'd-2', modelVersionId: 'mv-1' } },
];

describe('the audit view’s words and filters', () => {
  it('filters by action, person and a time window with both ends included', () => {
    expect(filterAuditEntries(entries, NO_AUDIT_FILTER)).toHaveLength(3);
    expect(filterAuditEntries(entries, { ...NO_AUDIT_FILTER, actor: 'Ana' }).map((e) => e.seq)).toEqual([1, 3]);
    expect(filterAuditEntries(entries, { ...NO_AUDIT_FILTER, action: 'deploy' }).map((e) => e.seq)).toEqual([2]);
    expect(filterAuditEntries(entries, { ...NO_AUDIT_FILTER, from: '2026-03-02T10:00:00.000Z', to: '2026-03-03T10:00:00.000Z' }).map((e) => e.seq)).toEqual([2, 3]);
    expect(auditChoices(entries, 'action')).toEqual(['deploy', 'deploy.rollback', 'project.create']);
    expect(auditChoices(entries, 'actor')).toEqual(['Ana', 'Bo']);
  });

  it('says how many entries verify and the head, or names the first bad entry and why', async () => {
    const chain = await chainEntries(null, entries, sha256Hex);
    expect(describeChainVerdict(await verifyChain(chain, sha256Hex), time)).toBe(`All 3 entries verify (head ${chain[2].hash.slice(0, 12)}).`);
    expect(describeChainVerdict(await verifyChain(chain.slice(0, 1), sha256Hex), time)).toBe(`The one entry verifies (head ${chain[0].hash.slice(0, 12)}).`);
    expect(describeChainVerdict(await verifyChain([], sha256Hex), time)).toBe('The trail has no entries yet: there is nothing to verify.');
    const edited = [chain[0], { ...chain[1], actor: 'Eve' }, chain[2]];
    expect(describeChainVerdict(await verifyChain(edited, sha256Hex), time)).toBe('Entry #2 ([10:00:00], deploy) was changed after it was written: its hash does not match.');
    expect(describeChainVerdict(await verifyChain([chain[0], chain[2]], sha256Hex), time)).toBe(
      'Entry #3 ([10:00:00], deploy.rollback) does not follow the entry before it: an entry before it was removed, inserted or rewritten.',
    );
  });

  it('says what was served, with a canary, after a rollback, or nothing', () => {
    const versions = new Map<string, VersionLineage>([['mv-1', { modelName: 'Ticket router', version: 1, runId: 'run-1', dataset: null }]]);
    const ask = (at: string) => describeServedAt(servedAt({ trail: entries, at, versions }), time);
    expect(ask('2026-03-01T12:00:00.000Z')).toBe('Nothing was deployed at [12:00:00].');
    expect(ask('2026-03-02T12:00:00.000Z')).toBe(
      'At [12:00:00] the endpoint served Ticket router v1, with a version no longer in the registry (mv-9) as canary on 20 % of requests — since the deployment by Bo at [10:00:00] (entry #2).',
    );
    expect(ask('2026-03-03T12:00:00.000Z')).toBe('At [12:00:00] the endpoint served Ticket router v1 — since a rollback by Ana at [10:00:00] (entry #3).');
    const retired = [...entries, { ...base, seq: 4, at: '2026-03-04T10:00:00.000Z', actor: 'Ana', action: 'registry.deprecate', refs: { modelVersionId: 'mv-1' } }, { ...base, seq: 5, at: '2026-03-05T10:00:00.000Z', actor: 'Ana', action: 'registry.retire', refs: { modelVersionId: 'mv-1' } }];
    const late = (at: string) => describeServedAt(servedAt({ trail: retired, at, versions }), time);
    expect(late('2026-03-04T12:00:00.000Z')).toMatch(/ \(entry #3\)\. It had been deprecated at \[10:00:00\]: its answers carried Deprecation and Sunset headers\.$/);
    expect(late('2026-03-05T12:00:00.000Z')).toMatch(/ \(entry #3\)\. It had been retired at \[10:00:00\]: the endpoint answered 410 for it\.$/);
  });
});
