/** A scenario state saved as a small JSON record (config + actions + week) reopens by replay. */
import { describe, expect, it } from 'vitest';
import {
  CTR_SCENARIO_KIND,
  changeFeatures,
  createScenario,
  parseRecord,
  replay,
  retrain,
  rewindRecord,
  rollback,
  stepWeek,
  toRecord,
} from '../../../../src/lib/core/scenarios/ctr';
import { hashWeek } from './helpers';

const config = { seed: 'replay', impressionsPerWeek: 10_000, drifts: { covariate: { strength: 0.8 }, concept: { startWeek: 3 } } };

function played() {
  const state = createScenario(config);
  for (let w = 0; w < 6; w++) stepWeek(state);
  retrain(state, { fromWeek: 3, toWeek: 5 });
  stepWeek(state);
  stepWeek(state);
  changeFeatures(state, { add: ['ageBand×device×itemCategory'] });
  stepWeek(state);
  rollback(state);
  stepWeek(state);
  return state;
}

describe('scenario records', () => {
  it('replays the actions into identical weekly summaries and logs', () => {
    const state = played();
    const json = JSON.stringify(toRecord(state));
    expect(json.length).toBeLessThan(2_000);
    const reopened = replay(parseRecord(JSON.parse(json)));
    expect(reopened.week).toBe(10);
    expect(reopened.summaries).toEqual(state.summaries);
    expect(reopened.logs.map(hashWeek)).toEqual(state.logs.map(hashWeek));
    expect(reopened.versions.map((v) => [v.version, v.reason, v.deployedAtWeek])).toEqual(state.versions.map((v) => [v.version, v.reason, v.deployedAtWeek]));
    expect(Array.from(reopened.versions[2].weights)).toEqual(Array.from(state.versions[2].weights));
    expect(reopened.deployed).toEqual(state.deployed);
    expect(reopened.actions).toEqual(state.actions);
    // And the reopened scenario keeps going exactly like the original.
    expect(hashWeek(stepWeek(reopened).impressions)).toEqual(hashWeek(stepWeek(state).impressions));
  }, 60_000);

  it('writes the complete config, so defaults changing later cannot change a saved story', () => {
    const record = toRecord(createScenario({ ...config, weeks: 5 }));
    expect(record.kind).toBe(CTR_SCENARIO_KIND);
    expect(record.schemaVersion).toBe(1);
    expect(record.data.week).toBe(0);
    expect(record.data.config.drifts.concept).toMatchObject({ enabled: true, ageBand: '18-24', device: 'mobile', startWeek: 3 });
    expect(record.data.config.features.length).toBeGreaterThan(0);
  });

  it('rejects records it cannot replay, saying why', () => {
    const good = toRecord(played());
    const variant = (patch: (data: Record<string, unknown>) => void) => {
      const copy = JSON.parse(JSON.stringify(good));
      patch(copy);
      return copy;
    };
    expect(() => parseRecord('nope')).toThrow(/JSON object/);
    expect(() => parseRecord(variant((r) => (r.kind = 'something-else')))).toThrow(/^\/kind: .*not a Lifecycle Lab CTR scenario record/);
    expect(() => parseRecord(variant((r) => (r.schemaVersion = 99)))).toThrow(/newer Lifecycle Lab \(schema version 99\)/);
    expect(() => parseRecord(variant((r) => ((r.data as { week: number }).week = 99)))).toThrow(/^\/data: data.week/);
    expect(() => parseRecord(variant((r) => ((r.data as { config: { weeks: number } }).config.weeks = 2)))).toThrow(/weeks/);
    expect(() => parseRecord(variant((r) => ((r.data as { actions: unknown[] }).actions.reverse())))).toThrow(/out of order/);
    expect(() => parseRecord(variant((r) => ((r.data as { actions: { type: string }[] }).actions[0].type = 'delete')))).toThrow(/"deploy" or "rollback"/);
    expect(() => parseRecord(variant((r) => ((r.data as { actions: { features: string[] }[] }).actions[0].features = ['nope'])))).toThrow(/Unknown feature/);
  });

  it('goes back to week N: the weeks before it replay unchanged, remedies from week N on are undone', () => {
    const state = played();
    // Actions: retrain at 6, feature change at 8, rollback at 9; back to week 8.
    const back = rewindRecord(toRecord(state), 8);
    expect(back.data.week).toBe(8);
    expect(back.data.actions.map((a) => [a.type, a.atWeek])).toEqual([['deploy', 6]]);
    const reopened = replay(back);
    expect(reopened.summaries).toEqual(state.summaries.slice(0, 8));
    expect(reopened.logs.map(hashWeek)).toEqual(state.logs.slice(0, 8).map(hashWeek));
    expect(reopened.versions.map((v) => v.version)).toEqual([1, 2]);
    // A different remedy from there is a normal action on the replayed state.
    retrain(reopened, { fromWeek: 5, toWeek: 7 });
    expect(toRecord(reopened).data.actions.map((a) => a.atWeek)).toEqual([6, 8]);
  });

  it('refuses to go back to a week that was not simulated', () => {
    const record = toRecord(played());
    expect(() => rewindRecord(record, 11)).toThrow(/0 to 10/);
    expect(() => rewindRecord(record, -1)).toThrow(/0 to 10/);
  });
});
