import { describe, expect, it } from 'vitest';
import type { AuditEntryContent } from '$lib/core/governance/auditChain';
import { servedAt, trafficRefs, type VersionLineage } from '$lib/core/governance/pointInTime';

const lineage = (version: number): VersionLineage => ({ modelName: 'router', version, runId: `run-${version}`, dataset: null });
const versions = new Map<string, VersionLineage>([
  ['mv-1', lineage(1)],
  ['mv-2', lineage(2)],
  ['mv-3', lineage(3)],
]);

let seq = 0;
const entry = (at: string, action: string, refs: Record<string, string> = {}): AuditEntryContent => ({ projectId: 'p', seq: ++seq, at: `2026-03-0${at}Z`, actor: 'Ana', action, detail: action, refs });
const traffic = (id: string, served: string, challenger?: { id: string; mode: 'canary' | 'shadow'; percent: number }) =>
  trafficRefs({ id, traffic: [{ modelVersionId: served, percent: 100 - (challenger?.mode === 'canary' ? challenger.percent : 0), mode: 'serve' }, ...(challenger ? [{ modelVersionId: challenger.id, percent: challenger.percent, mode: challenger.mode }] : [])] });

// Day 1 deploy v1; day 2 alias move (serving unchanged); day 3 canary of v2 at 10 %; day 5 v3 with v2 as shadow; day 6 rollback to the canary.
const trail = [
  entry('1T09:00:00.000', 'registry.register', { modelVersionId: 'mv-1' }),
  entry('1T10:00:00.000', 'deploy', traffic('d-1', 'mv-1')),
  entry('2T10:00:00.000', 'registry.alias', { modelVersionId: 'mv-2' }),
  entry('3T10:00:00.000', 'deploy', traffic('d-2', 'mv-1', { id: 'mv-2', mode: 'canary', percent: 10 })),
  entry('5T10:00:00.000', 'deploy', traffic('d-3', 'mv-3', { id: 'mv-2', mode: 'shadow', percent: 0 })),
  entry('6T10:00:00.000', 'deploy.rollback', { ...traffic('d-4', 'mv-1', { id: 'mv-2', mode: 'canary', percent: 10 }), rolledBackId: 'd-3' }),
];
const ask = (at: string, t = trail) => servedAt({ trail: t, at: `2026-03-0${at}Z`, versions });

describe('what the endpoint served at a point in time', () => {
  it('is nothing before the first deployment', () => {
    expect(ask('1T09:59:59.999')).toMatchObject({ since: null, served: null, challenger: null, policy: null });
  });

  it('is the deployed version from the moment of its deployment, alias moves aside', () => {
    for (const at of ['1T10:00:00.000', '2T12:00:00.000']) {
      expect(ask(at)).toMatchObject({ served: { modelVersionId: 'mv-1', name: { modelName: 'router', version: 1 } }, challenger: null, since: { deploymentId: 'd-1', action: 'deploy', actor: 'Ana' } });
    }
  });

  it('names a canary with its share and a shadow challenger', () => {
    expect(ask('4T00:00:00.000')).toMatchObject({ served: { modelVersionId: 'mv-1' }, challenger: { modelVersionId: 'mv-2', mode: 'canary', percent: 10, name: { version: 2 } } });
    expect(ask('5T10:30:00.000')).toMatchObject({ served: { modelVersionId: 'mv-3' }, challenger: { modelVersionId: 'mv-2', mode: 'shadow' }, since: { deploymentId: 'd-3' } });
  });

  it('follows a rollback to what it restored', () => {
    expect(ask('7T00:00:00.000')).toMatchObject({ served: { modelVersionId: 'mv-1' }, challenger: { mode: 'canary', percent: 10 }, since: { deploymentId: 'd-4', action: 'deploy.rollback' } });
  });

  it('reads rollbacks written before they named what they restored: the deployment before comes back', () => {
    const old = [...trail.slice(0, 5), entry('6T10:00:00.000', 'deploy.rollback', { deploymentId: 'd-4', rolledBackId: 'd-3' })];
    expect(ask('7T00:00:00.000', old)).toMatchObject({ served: { modelVersionId: 'mv-1' }, challenger: { modelVersionId: 'mv-2', mode: 'canary' }, since: { deploymentId: 'd-4' } });
  });

  it('keeps a version gone from the registry by its id', () => {
    expect(servedAt({ trail, at: '2026-03-02T00:00:00.000Z', versions: new Map() }).served).toEqual({ modelVersionId: 'mv-1', name: null, deprecatedAt: null, retiredAt: null, gates: [], data: null });
  });

  it('says whether the served version had been deprecated or retired by then', () => {
    const later = [...trail, entry('7T10:00:00.000', 'registry.deprecate', { modelVersionId: 'mv-1', replacementVersionId: 'mv-3' }), entry('8T10:00:00.000', 'registry.retire', { modelVersionId: 'mv-1' })];
    expect(ask('7T09:00:00.000', later).served).toMatchObject({ deprecatedAt: null, retiredAt: null });
    expect(ask('7T12:00:00.000', later).served).toMatchObject({ deprecatedAt: '2026-03-07T10:00:00.000Z', retiredAt: null });
    expect(ask('8T12:00:00.000', later).served).toMatchObject({ modelVersionId: 'mv-1', retiredAt: '2026-03-08T10:00:00.000Z' });
  });
});
