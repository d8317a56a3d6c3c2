/**
 * The five missions, in the order the Practice page lists them, and `checkMission`: the one rule
 * that says which steps of a mission are done, from the facts the database gathered. Every path
 * (the Practice page, the debrief, the tests) asks it; no step is ever ticked by a click.
 */
import type { DebriefSection, MissionDefinition, MissionId, MissionStep, StepResult } from './mission';
import { BEGINNER_MISSION, type BeginnerFacts } from './missions/beginner';
import { INTERMEDIATE_MISSION, type IntermediateFacts } from './missions/intermediate';
import { ADVANCED_MISSION, type AdvancedFacts } from './missions/advanced';
import { DRILL_REGRESSION_MISSION, type DrillRegressionFacts } from './missions/drillRegression';
import { DRILL_COST_MISSION, type DrillCostFacts } from './missions/drillCost';

/** The facts each mission's checks read. */
export interface MissionFacts {
  beginner: BeginnerFacts;
  intermediate: IntermediateFacts;
  advanced: AdvancedFacts;
  'drill-regression': DrillRegressionFacts;
  'drill-cost': DrillCostFacts;
}

export const MISSIONS: { [K in MissionId]: MissionDefinition<MissionFacts[K]> } = {
  beginner: BEGINNER_MISSION,
  intermediate: INTERMEDIATE_MISSION,
  advanced: ADVANCED_MISSION,
  'drill-regression': DRILL_REGRESSION_MISSION,
  'drill-cost': DRILL_COST_MISSION,
};

/** A mission with the facts gathered for it. */
export type MissionState = { [K in MissionId]: { mission: K; facts: MissionFacts[K] } }[MissionId];

export interface StepStatus extends StepResult {
  step: MissionStep<unknown>;
  /** The step needs a feature the app does not have: never done, said plainly. */
  unavailable: boolean;
}

export interface MissionProgress {
  mission: MissionDefinition<unknown>;
  steps: StepStatus[];
  done: number;
  /** Steps that can be done in this app (unavailable ones left out). */
  total: number;
  complete: boolean;
  /** The mission's own debrief sections, from the same facts. */
  sections: DebriefSection[];
}

/** Which steps of the mission are done, judged from its facts alone. */
export function checkMission(state: MissionState): MissionProgress {
  const mission = MISSIONS[state.mission] as MissionDefinition<unknown>;
  const steps = mission.steps.map((step): StepStatus => {
    if (step.unavailable) return { step, done: false, unavailable: true, missing: step.unavailable };
    return { step, unavailable: false, ...step.check(state.facts) };
  });
  const available = steps.filter((s) => !s.unavailable);
  const done = available.filter((s) => s.done).length;
  return { mission, steps, done, total: available.length, complete: available.length > 0 && done === available.length, sections: mission.debrief(state.facts) };
}
