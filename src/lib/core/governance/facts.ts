/**
 * The stored facts evidence is judged from, assembled by the database layer for one object: a
 * dataset version (for gates guarding training) or a model version with its run (for gates
 * guarding deployment). Every fact that can go stale names what it was made on — the content
 * hash of the rows, or the run — so a fact about an older version never counts for a newer one.
 */
import type { DatasetChecks } from '../data/datasetChecks';
import type { SuccessCriterion } from '../lifecycle/criteria';
import type { RunEvaluation, SplitSummary } from '../models/runReport';
import type { DocumentKind } from '../documents/governed/flow';

/** A governed document with an approved version (core/documents/governed): which, and who approved it. */
export interface ApprovedDocument {
  kind: DocumentKind;
  version: number;
  approvedBy: string;
}

/** A summary of one run of the data checks (core/data/datasetChecks.ts), stored per version. */
export interface DatasetCheckSummary {
  /** The content hash of the rows the checks ran on. */
  contentHash: string;
  /** ISO time the checks ran. */
  at: string;
  pii: { scanned: number; textsWithPii: number };
  /** Class-imbalance warnings. */
  imbalanceWarnings: number;
  /** Segments (value of a category column, or a split) whose class mix differs from the whole. */
  flaggedSegments: number;
  /** Rows sharing their text with a row in another split; null when the version is not split. */
  leakedRows: number | null;
  /** Near-duplicate pairs with different labels, and whether the search finished. */
  nearDuplicateConflicts: number;
  nearDuplicatesComplete: boolean;
  /** Groups of identical texts with different labels. */
  sameTextConflicts: number;
}

/** The checks a person marks as looked at; a machine cannot judge whether a warning matters. */
export const REVIEWED_CHECKS = ['class-balance', 'class-mix', 'label-conflicts'] as const;
export type ReviewedCheck = (typeof REVIEWED_CHECKS)[number];

/** A person's mark "I looked at this check on these rows". */
export interface CheckReview {
  check: ReviewedCheck;
  contentHash: string;
  by: string;
  at: string;
  note: string;
}

/** The reviewer's written answers of the Data Ethics Review, for one content hash. */
export interface EthicsAnswers {
  contentHash: string;
  intendedUse: string;
  whoCouldBeHarmed: string;
  consent: string;
  by: string;
  at: string;
}

export interface DatasetVersionFacts {
  datasetVersionId: string;
  /** 1, 2, … within the project, for messages. */
  number: number;
  contentHash: string;
  /** The version has a train/validation/test assignment. */
  hasSplit: boolean;
  /** Personal data was masked in this version or one it descends from (a 'mask-pii' change). */
  piiMasked: boolean;
  /**
   * The newest check run, the newest answers and each check's marks (newest first), each from the
   * nearest version in the lineage (this one, its parent, …) that has any: one made on other rows
   * is reported as stale.
   */
  checks: DatasetCheckSummary | null;
  reviews: CheckReview[];
  answers: EthicsAnswers | null;
  /** The version's datasheet, when a version of it is approved (absent: none read). */
  approvedDocuments?: ApprovedDocument[];
}

/** What the Performance SLA reads from a run's evaluation (a stored `RunEvaluation` fits). */
export interface SlaEvaluation {
  test: Pick<SplitSummary, 'n' | 'accuracy' | 'macroF1' | 'perSlice'>;
  baseline: Pick<RunEvaluation['baseline'], 'label' | 'accuracy' | 'verdict' | 'warning'>;
  /** Latency of the served forward pass (vectorize + predict one text, as the endpoint does), ms. */
  latency: Pick<RunEvaluation['latency'], 'p99' | 'samples' | 'backend'>;
}

/** A model card's owner text, as stored (ModelCardRecord). */
export interface ModelCardFacts {
  modelVersionId: string;
  /** Whether the owner wrote anything beyond the generated card. */
  written: boolean;
  by: string;
  updatedAt: string;
}

export interface ModelVersionFacts {
  modelVersionId: string;
  modelName: string;
  version: number;
  runId: string;
  runNumber: number;
  datasetVersionId: string;
  /** The run's flat metrics ("test.accuracy"). */
  metrics: Record<string, number>;
  /** Null for a run that came with an imported package (no evaluation report). */
  evaluation: SlaEvaluation | null;
  /** The Frame stage's success criteria as they stand now. */
  criteria: SuccessCriterion[];
  modelCard: ModelCardFacts | null;
  /** The version's model card and the project's Annex IV outline, when a version of each is approved (absent: none read). */
  approvedDocuments?: ApprovedDocument[];
}

/** The stored summary of a check run: what `datasetChecks` found, counted. */
export function summarizeDatasetChecks(checks: DatasetChecks, contentHash: string, at: string): DatasetCheckSummary {
  return {
    contentHash,
    at,
    pii: { scanned: checks.pii.scanned, textsWithPii: checks.pii.textsWithPii },
    imbalanceWarnings: checks.imbalance.warnings.length,
    flaggedSegments: checks.mixes.reduce((n, mix) => n + mix.segments.filter((s) => s.flagged).length, 0),
    leakedRows: checks.leakage ? checks.leakage.affectedRows : null,
    nearDuplicateConflicts: checks.nearDuplicates.total,
    nearDuplicatesComplete: checks.nearDuplicates.complete,
    sameTextConflicts: checks.conflicts.length,
  };
}
