/**
 * A mission's template: what starting (or starting over) the mission builds, from seeded data, so
 * every learner and every facilitator gets the same starting point. Templates run in the page
 * (they may train in the compute worker); `startMission` deletes what a failed template left.
 */
import type { LifecycleDatabase, MissionRecord } from '$lib/db';

export interface TemplateContext {
  db: LifecycleDatabase;
  /** The attempt this start will be (1 for the first). */
  attempt: number;
  /** Honest progress for long templates: what is being done and how far (0–1) when known. */
  progress(text: string, fraction?: number): void;
  signal: AbortSignal;
  /** Called as soon as the template has created its project, so a failure later can delete it. */
  created(projectId: string): void;
}

export interface TemplateResult {
  projectId: string | null;
  start?: MissionRecord['start'];
}

export type MissionTemplate = (ctx: TemplateContext) => Promise<TemplateResult>;
