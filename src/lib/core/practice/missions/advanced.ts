/** A governed lifecycle. */
import type { MissionDefinition } from '../mission';

export interface AdvancedFacts {
  notes: Record<string, string>;
}

export const ADVANCED_MISSION: MissionDefinition<AdvancedFacts> = {
  id: 'advanced',
  title: 'A governed lifecycle',
  level: 'Advanced',
  goal: '',
  deliverables: [],
  steps: [],
  debrief: () => [],
};
