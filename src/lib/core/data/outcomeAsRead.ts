/**
 * The outcome of an import worked out as its file is read, so that little is left once the last
 * record is: each record becomes its row as read (`rowAsRead`: every record kept, label, text and
 * time as written) and is hashed into a dataset state chunk by chunk. What can only be decided on
 * the whole file — duplicates (which copy survives depends on later ones), label variants (the
 * canonical spelling), row keys (a later id may equal a generated `row-<line>`), and what the
 * issue flags do to a row — is decided at the end by `applyDecisions`' own rules
 * (`DecidedRecords`), and only the rows that come out otherwise are touched: left-out records are
 * removed, changed rows replaced in place. Rows stay in line order, so a row whose key changes
 * makes every later row be made again (ids that look like `row-12`; rare, and still correct).
 * The result is `applyingDecisions(report, drafts, decisions, fixes, state)`'s, to the hash.
 */
import type { DataRow } from './dataset';
import { DatasetState } from './datasetState';
import type { Decisions, IssueFixes, ValidationReport } from './issues';
import { DecidedRecords, rowAsRead, rowKey, type AppliedDataset } from './applyDecisions';
import type { RecordDraft } from './recordDrafts';

export class OutcomeAsRead {
  /** One row per record read so far, in line order; after `finishing`, the outcome's rows. */
  readonly state = new DatasetState();
  /** Records made into rows. */
  #count = 0;
  #finished = false;
  readonly #isKey = (key: string) => this.state.has(key);

  /** Records read so far. */
  get count(): number {
    return this.#count;
  }

  /** Makes the drafts not seen yet (`drafts` grows as the file is read) into rows as read. */
  follow(drafts: readonly RecordDraft[]): void {
    if (this.#finished) throw new Error('This outcome is finished: it takes no more records.');
    const state = this.state;
    for (let i = this.#count; i < drafts.length; i++) {
      const draft = drafts[i];
      // The key the row most likely keeps; the end corrects it if a later record says otherwise.
      state.add(rowAsRead(draft, rowKey(draft.id, draft.line, this.#isKey, this.#isKey)));
    }
    this.#count = drafts.length;
  }

  /**
   * Applies `decisions` to all `drafts` (the ones followed, complete) as `applyingDecisions`
   * does, changing the rows as read into its rows; yields progress the same way. Once only.
   */
  *finishing(report: ValidationReport, drafts: readonly RecordDraft[], decisions: Decisions = {}, fixes: IssueFixes = {}): Generator<number, AppliedDataset> {
    if (this.#finished) throw new Error('This outcome is finished already.');
    if (drafts.length !== this.#count) throw new Error(`The outcome followed ${this.#count} records, not the ${drafts.length} given.`);
    this.#finished = true;
    const decided = new DecidedRecords(report, drafts, decisions, fixes);
    const state = this.state;
    // state.rows[i] is record i's row as read until the state is changed: at the end, or at the first moved key.
    const asRead = state.rows;
    const upserts: DataRow[] = [];
    const removedKeys: string[] = [];
    let moved = false;
    const { excluded, summary } = yield* decided.walk({
      left: (i) => {
        if (!moved) removedKeys.push(asRead[i].key);
      },
      kept: (i, key) => {
        if (moved) {
          state.add(decided.row(i, key));
          return;
        }
        const was = asRead[i];
        if (was.key !== key) {
          // A row with another key than read: this and every later row is made again, in order.
          moved = true;
          for (let j = i; j < asRead.length; j++) removedKeys.push(asRead[j].key);
          state.apply({ upserts, removedKeys });
          state.add(decided.row(i, key));
          return;
        }
        if (decided.isAsRead(i)) return;
        const row = decided.row(i, key);
        if (!sameRow(row, was)) upserts.push(row);
      },
    });
    if (!moved && (upserts.length || removedKeys.length)) state.apply({ upserts, removedKeys });
    return { rows: state.rows, excluded, summary };
  }
}

/** Rows of the same record with the same content (they share the record's meta object). */
function sameRow(a: DataRow, b: DataRow): boolean {
  return a.key === b.key && a.text === b.text && a.label === b.label && a.timestamp === b.timestamp && a.split === b.split && a.meta === b.meta;
}
