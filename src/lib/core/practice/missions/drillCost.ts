/** Drill — more accurate, twice the cost. */
import type { MissionDefinition } from '../mission';

export interface DrillCostFacts {
  notes: Record<string, string>;
}

export const DRILL_COST_MISSION: MissionDefinition<DrillCostFacts> = {
  id: 'drill-cost',
  title: 'Drill — more accurate, twice the cost',
  level: 'Interview drill',
  goal: '',
  deliverables: [],
  steps: [],
  debrief: () => [],
};
