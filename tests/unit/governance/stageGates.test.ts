import { describe, expect, it } from 'vitest';
import { stageGates } from '$lib/core/governance/stageGates';
import type { GovernanceOverview } from '$lib/core/governance/overview';
import type { GateStatus } from '$lib/core/governance/gateState';
import type { ObjectRole } from '$lib/core/governance/overview';

const object = (kind: 'dataset-version' | 'model-version', roles: ObjectRole[], status: GateStatus) =>
  ({ object: { id: `${kind}-${roles.join('-')}`, kind, roles, label: '', subject: {} }, state: { status } }) as unknown as GovernanceOverview['gates'][number]['objects'][number];
const gate = (stage: 'model' | 'deploy', objects: GovernanceOverview['gates'][number]['objects']) =>
  ({ gate: { id: stage, stage }, objects }) as unknown as GovernanceOverview['gates'][number];
const overview = (gates: GovernanceOverview['gates']): GovernanceOverview => ({ policy: { name: 'P', version: 1, hash: 'h' }, gates, blocked: [], waivers: [] });

describe('stageGates', () => {
  it('judges a training gate on the newest dataset version, not an older one trained on', () => {
    expect(stageGates(overview([gate('model', [object('dataset-version', ['trained-on'], 'approved'), object('dataset-version', ['newest'], 'stale')])]))).toEqual([{ stage: 'model', status: 'pending' }]);
  });

  it('judges a deploy gate on the served version, else the champion, else the newest registered; with none it is left out', () => {
    const newest = object('model-version', ['registered'], 'not-requested');
    const champion = object('model-version', ['registered', 'champion'], 'due');
    const served = object('model-version', ['registered', 'served'], 'lapsed');
    expect(stageGates(overview([gate('deploy', [newest, champion, served])]))).toEqual([{ stage: 'deploy', status: 'rejected' }]);
    // Overdue for re-review: the champion may not be deployed again until re-approved.
    expect(stageGates(overview([gate('deploy', [newest, champion])]))).toEqual([{ stage: 'deploy', status: 'pending' }]);
    expect(stageGates(overview([gate('deploy', [newest])]))).toEqual([{ stage: 'deploy', status: 'pending' }]);
    expect(stageGates(overview([gate('deploy', [])]))).toEqual([]);
  });

  it('reads an overdue approval as approved before training', () => {
    expect(stageGates(overview([gate('model', [object('dataset-version', ['newest'], 'due')])]))).toEqual([{ stage: 'model', status: 'approved' }]);
  });

  it('reads waived as waived and a request for changes as rejected', () => {
    expect(stageGates(overview([gate('model', [object('dataset-version', ['newest'], 'waived')]), gate('deploy', [object('model-version', ['served'], 'changes-requested')])]))).toEqual([
      { stage: 'model', status: 'waived' },
      { stage: 'deploy', status: 'rejected' },
    ]);
  });
});
