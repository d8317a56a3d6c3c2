/**
 * The intermediate mission's starting point: the drift lab's scenario under the mission's seed, at
 * week 0, as the lab's encoded state (the lab keeps no project; the mission page links to it).
 */
import { CTR_SCENARIO_KIND, CTR_SCENARIO_SCHEMA_VERSION, type CtrScenarioRecord } from '$lib/core/scenarios/ctr/record';
import { INTERMEDIATE_SCENARIO } from '$lib/core/practice/missions/intermediate';
import { encodeLabState } from '../labUrl';
import type { MissionTemplate } from './template';

export function intermediateStart(): CtrScenarioRecord {
  return { kind: CTR_SCENARIO_KIND, schemaVersion: CTR_SCENARIO_SCHEMA_VERSION, data: { config: structuredClone(INTERMEDIATE_SCENARIO) as CtrScenarioRecord['data']['config'], actions: [], week: 0 } };
}

export const intermediateTemplate: MissionTemplate = async (ctx) => {
  ctx.progress('Choosing the drift lab’s scenario…');
  return { projectId: null, start: { lab: encodeLabState(intermediateStart()) } };
};
