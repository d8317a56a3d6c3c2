/**
 * What the playbooks are checked against and the templates prefilled from: plain facts the
 * database layer gathers in one read (db/playbooks.ts `playbookFacts`). Nothing here queries;
 * every field is present, empty when the project has nothing of that kind yet.
 */
import type { CanvasFields } from '../lifecycle/canvas';
import { emptyCanvas } from '../lifecycle/canvas';
import type { SuccessCriterion } from '../lifecycle/criteria';
import { emptySummary, type LifecycleSummary } from '../lifecycle/stages';

/** The newest dataset version, as the Data playbook and the labelling guidelines read it. */
export interface DatasetFacts {
  number: number;
  /** The labels used in it, sorted (no blank). */
  classes: string[];
  /** Rows per split, or null when this version is not split. */
  split: { train: number; validation: number; test: number } | null;
  /** The data checks ran on exactly these rows (same content hash). */
  checksRun: boolean;
  /** Rows sharing their text with a row of another split, from that run; null when unknown. */
  leakedRows: number | null;
}

/** One completed run, reduced to what the Model playbook asks of it. */
export interface RunFacts {
  number: number;
  family: string;
  /** The run's test accuracy beat always answering the most common class; null without an evaluation. */
  beatsMajority: boolean | null;
  /** Flat measured metrics ("test.accuracy"). */
  metrics: Record<string, number>;
}

/** Who did something, by display name; null when nobody was named (nobody chosen under "Acting as"). */
export type ActorName = string | null;

export interface StoredFill {
  fields: Record<string, string>;
  by: ActorName;
  at: string;
}

export interface StoredTick {
  by: ActorName;
  at: string;
}

export interface PlaybookFacts {
  summary: LifecycleSummary;
  canvas: CanvasFields;
  criteria: SuccessCriterion[];
  dataset: DatasetFacts | null;
  runs: RunFacts[];
  /** The newest registered model version, e.g. "Ticket router v2". */
  latestVersion: string | null;
  /** What the endpoint serves now, and what a rollback would bring back. */
  serving: string | null;
  rollbackTarget: string | null;
  /** A challenger has taken canary or shadow traffic in some deployment. */
  challengerTried: boolean;
  /** A rollback has been done at least once (rehearsed or real). */
  rolledBack: boolean;
  policy: { version: number; name: string } | null;
  /** People named under Govern → People with at least one role. */
  peopleWithRoles: number;
  /** The current risk assessment's tier, or null when the questionnaire was never answered. */
  riskTier: string | null;
  /** Filled templates by template id. */
  fills: Record<string, StoredFill>;
  /** Ticked playbook items by item id (only `done` ticks). */
  ticks: Record<string, StoredTick>;
}

/** The facts of a project with nothing in it. */
export function emptyPlaybookFacts(): PlaybookFacts {
  return {
    summary: emptySummary(),
    canvas: emptyCanvas(),
    criteria: [],
    dataset: null,
    runs: [],
    latestVersion: null,
    serving: null,
    rollbackTarget: null,
    challengerTried: false,
    rolledBack: false,
    policy: null,
    peopleWithRoles: 0,
    riskTier: null,
    fills: {},
    ticks: {},
  };
}
