import { describe, expect, it } from 'vitest';
import { decodeLabState, encodeLabState } from '$lib/state/labUrl';
import { DEFAULT_CTR_CONFIG, type CtrScenarioRecord } from '$lib/core/scenarios/ctr';

describe('drift lab state in the address', () => {
  const record: CtrScenarioRecord = {
    kind: 'lifecycle-lab/ctr-scenario',
    schemaVersion: 1,
    data: { config: { ...structuredClone(DEFAULT_CTR_CONFIG), seed: 'seed ünïcode/+' } as never, week: 11, actions: [{ type: 'deploy', atWeek: 10, reason: 'retrain', window: { fromWeek: 7, toWeek: 9 }, features: [...DEFAULT_CTR_CONFIG.features] }] },
  };

  it('round-trips through URL-safe text', () => {
    const encoded = encodeLabState(record);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeLabState(encoded)).toEqual(record);
  });

  it('refuses damaged or foreign text with a readable message', () => {
    expect(() => decodeLabState('not-base64!')).toThrow(/damaged/);
    expect(() => decodeLabState(encodeLabState({ ...record, kind: 'other' } as never))).toThrow();
  });
});
