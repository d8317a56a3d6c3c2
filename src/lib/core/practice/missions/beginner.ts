/** Beginner — an end-to-end classifier, from success criteria to a monitored endpoint. */
import type { MissionDefinition } from '../mission';

export interface BeginnerFacts {
  notes: Record<string, string>;
}

export const BEGINNER_MISSION: MissionDefinition<BeginnerFacts> = {
  id: 'beginner',
  title: 'An end-to-end classifier',
  level: 'Beginner',
  goal: '',
  deliverables: [],
  steps: [],
  debrief: () => [],
};
