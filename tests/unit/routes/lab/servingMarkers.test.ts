/** The facilitator chart marks each version's first week and each remedy, between two weeks. */
import { describe, expect, it } from 'vitest';
import { servingMarkers } from '../../../../src/routes/lab/servingMarkers';
import type { ScenarioAction } from '../../../../src/lib/core/scenarios/ctr';

const deploy = (atWeek: number, reason: 'retrain' | 'changeFeatures' | 'challenger'): ScenarioAction => ({ type: 'deploy', atWeek, reason, window: { fromWeek: atWeek - 3, toWeek: atWeek - 1 }, features: ['ageBand'] });

describe('servingMarkers', () => {
  it('marks v1 at week 0 and a retrain between the weeks before and after it', () => {
    const versions = [
      { version: 1, deployedAtWeek: 0, reason: 'initial' as const },
      { version: 2, deployedAtWeek: 10, reason: 'retrain' as const },
    ];
    expect(servingMarkers(versions, [deploy(10, 'retrain')])).toEqual([
      { x: 0, label: 'v1 first model', kind: 'version' },
      { x: 9.5, label: 'v2 retrained', kind: 'version' },
    ]);
  });

  it('names the version a rollback serves again, in week order', () => {
    const versions = [
      { version: 1, deployedAtWeek: 0, reason: 'initial' as const },
      { version: 2, deployedAtWeek: 6, reason: 'changeFeatures' as const },
      { version: 3, deployedAtWeek: 8, reason: 'challenger' as const },
    ];
    const actions: ScenarioAction[] = [deploy(6, 'changeFeatures'), deploy(8, 'challenger'), { type: 'rollback', atWeek: 9 }, { type: 'rollback', atWeek: 11 }];
    expect(servingMarkers(versions, actions).map((m) => [m.x, m.label])).toEqual([
      [0, 'v1 first model'],
      [5.5, 'v2 feature change'],
      [7.5, 'v3 challenger promoted'],
      [8.5, 'back to v2'],
      [10.5, 'back to v1'],
    ]);
  });
});
