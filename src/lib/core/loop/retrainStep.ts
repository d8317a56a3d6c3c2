/**
 * What retraining can do next, decided once for the page (to show the right button or the plain
 * reason) and the jobs (to refuse): place the labelled rows that have no split (a dataset version
 * of its own, so the governance policy can be asked about exactly the data that will be trained
 * on), or retrain on the newest version as it is, or nothing, and why. The policy's own verdict
 * on training is asked separately (governance/mayProceed.ts), as on every training path.
 */

export interface RetrainFacts {
  /** The champion as "name version N"; null when no version holds the serving alias. */
  champion: string | null;
  /** Whether the champion's run records the dataset version it trained on (an imported package does not). */
  championHasData: boolean;
  /** The newest dataset version's number; null when the project has no data. */
  newestNumber: number | null;
  /** Whether the newest version is the one the champion trained on. */
  sameVersion: boolean;
  /** From retrainSplit on the newest version's rows: rows new since the champion's data, those with a label, labelled rows without a split. */
  newRows: number;
  newLabelled: number;
  unsplitLabelled: number;
}

export type RetrainStep =
  /** Place `rows` labelled rows by time first: a new dataset version, nothing trained. */
  | { step: 'split'; rows: number }
  /** Every labelled row has a split: retrain on the newest version as it is. */
  | { step: 'retrain' }
  | { step: 'none'; reason: string };

const rowsWord = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;

export function retrainStep(f: RetrainFacts): RetrainStep {
  if (!f.champion) return { step: 'none', reason: 'There is no champion to retrain: register a model version and give it the champion alias first.' };
  if (!f.championHasData) {
    return { step: 'none', reason: `The champion (${f.champion}) came in as a package without its training data, so new rows cannot be told from the rows it learned from.` };
  }
  if (f.newestNumber === null || f.sameVersion) {
    return { step: 'none', reason: `There is nothing new to retrain on: the newest dataset version is the one the champion (${f.champion}) was trained on. Collect or import new rows first.` };
  }
  if (!f.newRows) return { step: 'none', reason: `Dataset v${f.newestNumber} has no rows that the champion's training data did not have, so there is nothing new to retrain on.` };
  if (!f.newLabelled) return { step: 'none', reason: `None of the ${rowsWord(f.newRows)} added since the champion's training data has a label yet: label some first, then retrain.` };
  return f.unsplitLabelled ? { step: 'split', rows: f.unsplitLabelled } : { step: 'retrain' };
}

/** Why retraining waits for the placing step, for a job asked to retrain anyway. */
export function splitFirstReason(newestNumber: number, rows: number): string {
  return `Dataset v${newestNumber} has ${rowsWord(rows)} with a label but no split: assign splits by time first, then retrain on the version that writes.`;
}
