/**
 * Messages between the drift lab page and its worker. The worker owns the CTR scenario (megabytes
 * of impression logs) and answers with small summaries; the page never holds the logs.
 */
import type { CtrScenarioConfigInput, CtrScenarioRecord, ChampionChallengerReport, WeekSummary, DeployReason } from '$lib/core/scenarios/ctr';
import type { WeekWindow } from '$lib/core/scenarios/ctr/ctrModel';
import type { DriftReport } from '$lib/core/drift/report';
import type { TestOverride } from '$lib/core/drift/selectTest';

export type { WeekWindow };

/** A deployed model as the page shows it. */
export interface LabModelVersion {
  version: number;
  deployedAtWeek: number;
  reason: DeployReason;
  trainedOn: WeekWindow;
  features: string[];
  trainingRows: number;
  trainingCtr: number;
}

/** Everything the page draws, after any change. */
export interface LabSnapshot {
  record: CtrScenarioRecord;
  week: number;
  weeks: number;
  historyWeeks: number;
  finished: boolean;
  summaries: WeekSummary[];
  /** Impressions per weekday (Mon … Sun) of each simulated week: a logging gap shows as a 0. */
  daily: number[][];
  versions: LabModelVersion[];
  /** The serving version. */
  serving: number;
}

export interface LabDrift {
  reference: WeekWindow;
  current: WeekWindow;
  report: DriftReport;
  /** Role of each column: model input/user attribute, the model's prediction, or the outcome. */
  roles: Record<string, 'feature' | 'prediction' | 'target'>;
}

export type LabRequest =
  | { type: 'open'; record?: CtrScenarioRecord; config?: CtrScenarioConfigInput }
  | { type: 'step'; weeks: number | 'to-end' }
  | { type: 'reset' }
  /** Back to the state after `week` weeks, undoing the remedies taken from that week on. */
  | { type: 'rewind'; week: number }
  | { type: 'retrain'; window: WeekWindow }
  | { type: 'change-features'; add: string[]; drop: string[]; window: WeekWindow }
  | { type: 'rollback' }
  | { type: 'evaluate'; trainWindow: WeekWindow; features?: string[]; evalWindow: WeekWindow }
  | { type: 'deploy-challenger'; trainWindow: WeekWindow; features?: string[] }
  | { type: 'drift'; reference: WeekWindow; current: WeekWindow; overrides?: Record<string, TestOverride> }
  | { type: 'export-model'; version: number };

/** A model version as a TF.js `.zip` (`ctrModelPackage.ts`); the worker transfers `bytes`. */
export interface LabModelExport {
  bytes: Uint8Array;
  fileName: string;
}

export interface LabResults {
  open: LabSnapshot;
  step: LabSnapshot;
  reset: LabSnapshot;
  rewind: LabSnapshot;
  retrain: LabSnapshot;
  'change-features': LabSnapshot;
  rollback: LabSnapshot;
  evaluate: ChampionChallengerReport;
  'deploy-challenger': LabSnapshot;
  drift: LabDrift;
  'export-model': LabModelExport;
}

/** Progress of a long step: weeks simulated so far. */
export interface LabProgress {
  week: number;
  weeks: number;
}
