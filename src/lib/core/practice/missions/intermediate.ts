/** Diagnosing a drop caused by drift. */
import type { MissionDefinition } from '../mission';

export interface IntermediateFacts {
  notes: Record<string, string>;
}

export const INTERMEDIATE_MISSION: MissionDefinition<IntermediateFacts> = {
  id: 'intermediate',
  title: 'Diagnosing a drop caused by drift',
  level: 'Intermediate',
  goal: '',
  deliverables: [],
  steps: [],
  debrief: () => [],
};
