/** What one evidence item says about one object, and where a person can see it for themselves. */
import type { StageId } from '../lifecycle/stages';

export type EvidenceStatus = 'pass' | 'fail' | 'not-yet';

/** What a judge says of one item: its status and the one sentence why. */
export type Verdict = { status: EvidenceStatus; reason: string };

/** A place in the app, route-ish: the UI links it as `stageHref(projectId, stage, view)`. */
export interface EvidenceSource {
  stage: StageId;
  view?: string;
}

export interface EvidenceState {
  id: string;
  title: string;
  /** 'machine': checked from stored facts; 'person': attested by someone; 'both': a machine result a person marked reviewed. */
  checkedBy: 'machine' | 'person' | 'both';
  status: EvidenceStatus;
  /** One sentence: why this status, and what to do when it is not a pass. */
  reason: string;
  source: EvidenceSource;
}

export const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)} %`;
