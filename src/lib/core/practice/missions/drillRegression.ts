/** Drill — the model that got worse after deployment. */
import type { MissionDefinition } from '../mission';

export interface DrillRegressionFacts {
  notes: Record<string, string>;
}

export const DRILL_REGRESSION_MISSION: MissionDefinition<DrillRegressionFacts> = {
  id: 'drill-regression',
  title: 'Drill — the model that got worse after deployment',
  level: 'Interview drill',
  goal: '',
  deliverables: [],
  steps: [],
  debrief: () => [],
};
