/**
 * A practice mission: a goal, its deliverables and steps that check themselves from stored facts
 * (never ticked by a click). Each mission lives in `missions/<id>.ts` as data plus pure checks; the
 * database layer gathers the facts a mission's checks read (`src/lib/db/practice/<id>Facts.ts`).
 */
import type { StageId } from '../lifecycle/stages';

export const MISSION_IDS = ['beginner', 'intermediate', 'advanced', 'drill-regression', 'drill-cost'] as const;
export type MissionId = (typeof MISSION_IDS)[number];

export function isMissionId(value: unknown): value is MissionId {
  return typeof value === 'string' && (MISSION_IDS as readonly string[]).includes(value);
}

/** Something a learner did during a mission that no other store keeps (e.g. "judged the drop real"). */
export interface MissionEvent {
  /** What happened, named by the mission that reads it, e.g. 'artefact-verdict'. */
  kind: string;
  at: string;
  detail?: Record<string, string | number | boolean | null>;
}

/** The newest event of this kind, if any. */
export function lastEvent(events: readonly MissionEvent[], kind: string): MissionEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i].kind === kind) return events[i];
  return undefined;
}

/** Where a step is done: a stage (and view) of the mission's project, the drift lab, or the mission page itself. */
export type StepWhere =
  | { kind: 'stage'; stage: StageId; view?: string }
  | { kind: 'lab' }
  | { kind: 'mission' };

/** A step's verdict from the facts. */
export interface StepResult {
  done: boolean;
  /** The learner's own figure or decision that shows it, in words (e.g. "accuracy 0.93 on the test split"). */
  evidence?: string;
  /** When not done: what is missing right now, more specific than the hint (e.g. "32 of 50 predictions served"). */
  missing?: string;
}

export interface MissionStep<F> {
  /** Unique within its mission; stable (debriefs and tests name it). */
  id: string;
  /** What to do, as an instruction. */
  title: string;
  where: StepWhere;
  /** The words of the link to `where` ("Open Frame → success criteria"). */
  linkText: string;
  /** Shown when the learner is stuck: how to do it in this app. */
  hint: string;
  /** Set when the step needs a feature the app does not have yet: shown plainly, never counted as done. */
  unavailable?: string;
  check(facts: F): StepResult;
}

/** A written answer the mission asks for (kept in the mission record's notes and in the debrief). */
export interface MissionPrompt {
  key: string;
  label: string;
  hint?: string;
}

/** A part of the debrief built from the learner's own figures: a heading and its lines (plain text). */
export interface DebriefSection {
  heading: string;
  lines: string[];
}

export interface MissionDefinition<F> {
  id: MissionId;
  title: string;
  level: 'Beginner' | 'Intermediate' | 'Advanced' | 'Interview drill';
  /** The situation and what the learner must achieve, one paragraph. */
  goal: string;
  /** What the learner hands in at the end. */
  deliverables: string[];
  steps: readonly MissionStep<F>[];
  prompts?: readonly MissionPrompt[];
  /** The mission's own debrief sections: what the learner measured and decided, from the facts. */
  debrief(facts: F): DebriefSection[];
}
