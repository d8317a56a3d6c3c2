/**
 * A project's governance policy, as people write it: the roles that decide, the gates (which
 * stage each guards, the evidence it requires, the role that decides it) and how often an
 * approval must be looked at again. Plain data; the document wrapper is in policyDocument.ts,
 * versions (draft → published, with a content hash) in policyVersions.ts.
 */
import type { EvidenceId } from './evidenceCatalog';

/**
 * What a gate guards. `model`: training on a dataset version (the gate judges the dataset
 * version). `deploy`: setting the serving alias, deploying, starting a canary and serving a
 * model version (the gate judges the model version and the run it holds).
 */
export const GATE_STAGES = ['model', 'deploy'] as const;
export type GateStage = (typeof GATE_STAGES)[number];

/** A role people hold under Govern → People; gates name the role that may decide them. */
export interface PolicyRole {
  /** Stable id, e.g. "ethics-reviewer". */
  id: string;
  name: string;
  description: string;
}

export interface PolicyGate {
  /** Stable id, e.g. "data-ethics-review"; decisions and waivers name it. */
  id: string;
  name: string;
  description: string;
  stage: GateStage;
  /** Evidence items (evidenceCatalog.ts) a reviewer must see pass before approving. */
  evidence: EvidenceId[];
  /**
   * The role whose holders may decide and waive this gate. For a council gate, one of the
   * council's roles, shown as its convener: every council role signs, and nobody waives it.
   */
  deciderRole: string;
  /** Present on a council gate: each role signs for itself, and `quorum` sign-offs approve (council.ts). */
  council?: CouncilSpec;
}

/** A council: distinct policy roles, and how many of them must sign off (1 … roles.length). */
export interface CouncilSpec {
  roles: string[];
  quorum: number;
}

/** The "no slice below its floor" evidence: every saved slice with enough test examples reaches `min`. */
export interface SliceFloor {
  metric: 'accuracy' | 'macroF1';
  /** Ratio in [0, 1]. */
  min: number;
  /** Slices with fewer test examples are too noisy to judge and are listed, not failed. */
  minExamples: number;
}

/**
 * Approvals are looked at again after `days`: from then they are *due* (still allowed), and
 * after `days + graceDays` they have *lapsed* (not allowed, serving included). See gateState.ts.
 */
export interface ReReview {
  days: number;
  graceDays: number;
}

/** `data` of a governance policy document, schema version 1. */
export interface GovernancePolicyData {
  name: string;
  description: string;
  /** The template it started from ('light', 'standard', 'high-risk'), or null. */
  template: string | null;
  roles: PolicyRole[];
  gates: PolicyGate[];
  reReview: ReReview;
  sliceFloor: SliceFloor;
}

/** The gates of `policy` that guard `stage`, in policy order. */
export function gatesFor(policy: GovernancePolicyData, stage: GateStage): PolicyGate[] {
  return policy.gates.filter((g) => g.stage === stage);
}
