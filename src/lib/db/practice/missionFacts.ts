/** A mission's state for `checkMission`: its record and the facts its checks read, gathered from the stores. */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { MissionState } from '$lib/core/practice/catalogue';
import { gatherBeginnerFacts } from './beginnerFacts';
import { gatherIntermediateFacts } from './intermediateFacts';
import { gatherAdvancedFacts } from './advancedFacts';
import { gatherDrillRegressionFacts } from './drillRegressionFacts';
import { gatherDrillCostFacts } from './drillCostFacts';

export async function gatherMissionState(db: LifecycleDatabase, record: MissionRecord): Promise<MissionState> {
  switch (record.id) {
    case 'beginner':
      return { mission: 'beginner', facts: await gatherBeginnerFacts(db, record) };
    case 'intermediate':
      return { mission: 'intermediate', facts: await gatherIntermediateFacts(db, record) };
    case 'advanced':
      return { mission: 'advanced', facts: await gatherAdvancedFacts(db, record) };
    case 'drill-regression':
      return { mission: 'drill-regression', facts: await gatherDrillRegressionFacts(db, record) };
    case 'drill-cost':
      return { mission: 'drill-cost', facts: await gatherDrillCostFacts(db, record) };
  }
}
