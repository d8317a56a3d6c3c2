/**
 * Ground truth from an outcomes file (core/monitor/outcomesCsv.ts), graded through the same
 * `recordOutcomes` as the feedback endpoint, so both refuse the same labels.
 */
import type { LifecycleDatabase } from './database';
import { recordOutcomes } from './monitoring';
import { readOutcomesCsv, type OutcomeProblem } from '$lib/core/monitor/outcomesCsv';
import { outcomeLabelProblem } from '$lib/core/serving/feedback';

export interface OutcomesImport {
  /** The file's rows that graded a prediction. */
  updated: number;
  /** Rows whose id no logged prediction has, with their lines. */
  unknown: OutcomeProblem[];
  /** Rows that could not be read, with their lines. */
  problems: OutcomeProblem[];
  /**
   * Rows whose label is not a class of the version that made their prediction, with their lines.
   * Unless `skipped`, nothing was written.
   */
  refused: OutcomeProblem[];
  /** Whether the refused rows were left out and the others written. */
  skipped: boolean;
}

/**
 * Reads an outcomes CSV and grades the predictions it names, in one transaction. A file with
 * unreadable rows is refused as a whole (nothing written), so fixing it and importing again
 * cannot count anything twice; so is a file with labels the predicting model does not know,
 * unless the person chooses to skip those rows (`skipRefused`). Throws when the file has no
 * usable header.
 */
export async function importOutcomesCsv(db: LifecycleDatabase, projectId: string, text: string, options: { skipRefused?: boolean } = {}): Promise<OutcomesImport> {
  const read = await readOutcomesCsv(text);
  if (!read.ok) throw new Error(read.error);
  const skipped = options.skipRefused ?? false;
  if (read.value.problems.length) return { updated: 0, unknown: [], problems: read.value.problems, refused: [], skipped };
  const { outcomes } = read.value;
  const result = await recordOutcomes(db, projectId, outcomes, { skipRefused: skipped });
  const unknown = new Set(result.unknown);
  return {
    updated: result.updated,
    unknown: outcomes.filter((o) => unknown.has(o.id)).map((o) => ({ line: o.line, message: `no logged prediction has the id or ref "${o.id}"` })),
    problems: [],
    refused: result.refused.map((r) => ({ line: outcomes[r.index].line, message: outcomeLabelProblem(r.label, r.classes)! })),
    skipped,
  };
}
