/**
 * Turns validated records into dataset rows according to the user's decision per issue
 * category. Every record ends up either in `rows` or in `excluded` with its reasons.
 *
 * Order of application, so that "keep the first copy" means the first copy that survives:
 * 1. per-record exclusions (field count, empty text, missing label, label variant, long text,
 *    encoding, empty, unreadable or implausible date);
 * 2. per group of same-text survivors: the conflict decision, which applies to the labelled
 *    copies (`exclude` leaves any unlabelled copy, so the text can be labelled again; `unlabel`
 *    clears the labels), then exact duplicates, recomputed on what is left;
 * 3. duplicate ids among the survivors: the first keeps the id as its key.
 * Label variants count as the same label for duplicates and conflicts whatever the decision.
 * A kept row gets a timestamp only when its date is readable and plausible, or fixed (`fix-year`);
 * a fix that gives no plausible date refuses the whole import, naming the lines.
 */
import { isSplitName, type DataRow, type RawRecord } from './dataset';
import { duplicateRoles, groupMembers, labelKey } from './duplicates';
import {
  ISSUE_BIT,
  ISSUE_CATEGORIES,
  categoriesOf,
  resolveDecisions,
  type Decisions,
  type IssueAction,
  type IssueCategory,
  type IssueFixes,
  type MalformedInput,
  type ValidationReport,
} from './issues';
import { plausibilityCheck, withYear, yearFixProblems, yearOf } from './plausibleDates';
import { columnIndexes } from './recordFields';
import { recordDrafts, type RecordDraft } from './recordDrafts';
import { DatasetState } from './datasetState';

export interface AppliedDataset {
  /** Kept rows in line order (no split assigned yet). */
  rows: DataRow[];
  /** Left-out records in line order, with every category that excluded them. */
  excluded: { line: number; reasons: IssueCategory[] }[];
  /** Per category: the action applied and the number of records it applied to (excluded, merged, kept with the issue, …). */
  summary: Record<IssueCategory, { action: IssueAction; rows: number }>;
}

/** Categories decided record by record (step 1); the others depend on which records survive. */
const PER_RECORD: readonly IssueCategory[] = [
  'field-count', 'empty-text', 'missing-label', 'label-variant', 'long-text', 'encoding', 'empty-date', 'bad-date', 'implausible-date',
];

/**
 * Applies `decisions` (defaults for missing categories) to the records `report` was made from;
 * throws if the records do not match the report or an action is not allowed for its category.
 * Kept rows go `into` a dataset state as they are made, so they are hashed in the same pass
 * (`rows` is then the state's rows).
 */
export function applyDecisions(
  report: ValidationReport,
  records: readonly RawRecord[],
  malformed: readonly MalformedInput[],
  decisions: Decisions,
  fixes: IssueFixes = {},
  into: DatasetState | null = null,
): AppliedDataset {
  return applyDecisionsToDrafts(report, recordDrafts(report.header, records, malformed, report.mapping), decisions, fixes, into);
}

/** `applyDecisions` on the records' drafts (made with the report's mapping), as the import keeps them. */
export function applyDecisionsToDrafts(
  report: ValidationReport,
  drafts: readonly RecordDraft[],
  decisions: Decisions,
  fixes: IssueFixes = {},
  into: DatasetState | null = null,
): AppliedDataset {
  const steps = applyingDecisions(report, drafts, decisions, fixes, into);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Records gone through between two steps of `applyingDecisions`. */
export const APPLY_STEP_RECORDS = 1000;

/**
 * `applyDecisionsToDrafts` in steps: yields how many records it has turned into rows (or left
 * out) every APPLY_STEP_RECORDS, so a caller can report progress and let other work in between
 * (a million rows take seconds); returns the same result.
 */
export function* applyingDecisions(
  report: ValidationReport,
  drafts: readonly RecordDraft[],
  decisions: Decisions,
  fixes: IssueFixes = {},
  into: DatasetState | null = null,
): Generator<number, AppliedDataset> {
  const decided = new DecidedRecords(report, drafts, decisions, fixes);
  const rows: DataRow[] = into ? into.rows : [];
  const keep = into ? (row: DataRow) => into.add(row) : (row: DataRow) => rows.push(row);
  const { excluded, summary } = yield* decided.walk({ kept: (i, key) => keep(decided.row(i, key)), left: () => undefined });
  return { rows, excluded, summary };
}

/** Told the fate of each record, in line order, by `DecidedRecords.walk`. */
export interface RecordFates {
  /** Record `i` is kept, as the row with this key (`DecidedRecords.row` makes it). */
  kept(i: number, key: string): void;
  /** Record `i` is left out. */
  left(i: number): void;
}

/**
 * The decisions on a report's records, worked out for all of them before any row is made
 * (steps 1–3 above: what is left out, and each record's label), and what `walk` then hands out
 * record by record in line order (keys, the excluded list, the summary). Rows are made by `row`,
 * so that a caller holding rows made as the file was read (`outcomeAsRead.ts`) makes only those
 * that differ.
 */
export class DecidedRecords {
  readonly #report: ValidationReport;
  readonly #drafts: readonly RecordDraft[];
  readonly #actions: Record<IssueCategory, IssueAction>;
  readonly #fixYears: Record<string, number> | null;
  readonly #implausibility: ReturnType<typeof plausibilityCheck>;
  readonly #hasIds: boolean;
  readonly #idsRepeat: boolean;
  /** Per record: the categories that leave it out. */
  readonly #excludedMask: Uint16Array;
  /** Per record: its label once the decisions are applied (null: unlabelled). */
  readonly #labels: (string | null)[];
  /** Lines of kept records whose fixed date is impossible or still implausible. */
  readonly #unfixable: number[] = [];
  /** Kept conflicting copies (`keep`, `unlabel`) and kept exact duplicates (`keep`), counted in step 2. */
  #conflictsCounted = 0;
  #duplicatesCounted = 0;

  /** Throws if the records do not match the report, an action is not allowed for its category, or a year fix cannot work. */
  constructor(report: ValidationReport, drafts: readonly RecordDraft[], decisions: Decisions, fixes: IssueFixes = {}) {
    const actions = resolveDecisions(decisions);
    const fixYears = actions['implausible-date'] === 'fix-year' ? fixes.years ?? {} : null;
    if (fixYears) {
      const groups = report.categories.find((r) => r.category === 'implausible-date')?.yearGroups ?? [];
      const problems = yearFixProblems(groups, fixYears, report.plausibleDates);
      if (problems.length) throw new Error(problems.join(' '));
    }
    const n = drafts.length;
    let matches = n === report.total;
    for (let i = 0; i < n && matches; i++) matches = drafts[i].line === report.recordLines[i];
    if (!matches) throw new Error('applyDecisions: the records are not the ones the report was made from');
    this.#report = report;
    this.#drafts = drafts;
    this.#actions = actions;
    this.#fixYears = fixYears;
    this.#implausibility = plausibilityCheck(report.plausibleDates);
    this.#hasIds = columnIndexes(report.header, report.mapping).id >= 0;
    this.#idsRepeat = (report.categories.find((r) => r.category === 'duplicate-id')?.count ?? 0) > 0;
    const { flags } = report;
    const excludedMask = (this.#excludedMask = new Uint16Array(n));
    const exclude = (c: IssueCategory, i: number) => (excludedMask[i] |= ISSUE_BIT[c]);

    // 1. Per-record exclusions: a record's flags of the categories set to exclude.
    let excludeBits = 0;
    for (const c of PER_RECORD) if (actions[c] === 'exclude') excludeBits |= ISSUE_BIT[c];
    if (excludeBits !== 0) for (let i = 0; i < n; i++) excludedMask[i] = flags[i] & excludeBits;

    const canonical = new Map<string, string>();
    for (const g of report.categories.find((r) => r.category === 'label-variant')?.variantGroups ?? []) {
      canonical.set(labelKey(g.canonical) as string, g.canonical);
    }
    const labels: (string | null)[] = (this.#labels = new Array(n));
    const mergeBit = actions['label-variant'] === 'merge' ? ISSUE_BIT['label-variant'] : 0;
    for (let i = 0; i < n; i++) {
      const label = drafts[i].label;
      labels[i] = flags[i] & mergeBit ? (canonical.get(labelKey(label) as string) ?? label) : labelAsRead(drafts[i]);
    }

    // 2. Conflicts, then exact duplicates, among the survivors of each same-text group.
    for (const [, members] of groupMembers(report.textGroups)) {
      let alive = members.filter((i) => excludedMask[i] === 0);
      if (alive.length < 2) continue;
      let roles = duplicateRoles(alive.map((i) => labelKey(labels[i])));
      if (roles.conflict) {
        const action = actions['conflicting-duplicate'];
        for (const i of alive) {
          if (labels[i] === null) continue;
          if (action === 'exclude') exclude('conflicting-duplicate', i);
          else this.#conflictsCounted++;
          if (action === 'unlabel') labels[i] = null;
        }
        if (action !== 'keep') {
          alive = alive.filter((i) => excludedMask[i] === 0);
          roles = duplicateRoles(alive.map((i) => labelKey(labels[i])));
        }
      }
      alive.forEach((i, j) => {
        if (roles.duplicateOf[j] < 0) return;
        if (actions['exact-duplicate'] === 'exclude') exclude('exact-duplicate', i);
        else this.#duplicatesCounted++;
      });
    }

    // 3. Duplicate ids among the survivors (skipped when validation found none).
    if (this.#hasIds && this.#idsRepeat && actions['duplicate-id'] === 'exclude') {
      const seenIds = new Set<string>();
      for (let i = 0; i < n; i++) {
        const id = drafts[i].id;
        if (id === '' || excludedMask[i] !== 0) continue;
        if (seenIds.has(id)) exclude('duplicate-id', i);
        else seenIds.add(id);
      }
    }
  }

  /**
   * Goes through the records in line order, telling `fates` what becomes of each (a kept one
   * with its key); yields every APPLY_STEP_RECORDS records; returns the excluded list and the
   * summary. Throws at the end when a year fix left a kept record's date impossible. Once.
   */
  *walk(fates: RecordFates): Generator<number, Omit<AppliedDataset, 'rows'>> {
    const drafts = this.#drafts;
    const flags = this.#report.flags;
    const excludedMask = this.#excludedMask;
    const applied = Object.fromEntries(ISSUE_CATEGORIES.map((c) => [c, 0])) as Record<IssueCategory, number>;
    applied['conflicting-duplicate'] = this.#conflictsCounted;
    applied['exact-duplicate'] = this.#duplicatesCounted;
    const excluded: AppliedDataset['excluded'] = [];
    const keys = new RowKeys(drafts, this.#hasIds, this.#idsRepeat);
    for (let i = 0; i < drafts.length; i++) {
      if (i % APPLY_STEP_RECORDS === 0 && i > 0) yield i;
      const { line, id } = drafts[i];
      if (excludedMask[i] !== 0) {
        excluded.push({ line, reasons: categoriesOf(excludedMask[i]) });
        for (const c of ISSUE_CATEGORIES) if (excludedMask[i] & ISSUE_BIT[c]) applied[c]++;
        fates.left(i);
        continue;
      }
      if (flags[i] !== 0) for (const c of PER_RECORD) if (flags[i] & ISSUE_BIT[c]) applied[c]++;
      const key = keys.next(id, line);
      if (id !== '' && key !== id) applied['duplicate-id']++;
      fates.kept(i, key);
    }
    const unfixable = this.#unfixable;
    if (unfixable.length) {
      const some = unfixable.slice(0, 10).join(', ') + (unfixable.length > 10 ? ` and ${unfixable.length - 10} more` : '');
      throw new Error(`With these years, the dates on line${unfixable.length === 1 ? '' : 's'} ${some} do not exist or are still implausible. Choose other years, or keep these rows without a time.`);
    }
    const summary = Object.fromEntries(ISSUE_CATEGORIES.map((c) => [c, { action: this.#actions[c], rows: applied[c] }]));
    return { excluded, summary: summary as AppliedDataset['summary'] };
  }

  /**
   * Whether kept record `i`'s row is its row as read (`rowAsRead`) but for the key: no issue
   * flagged on it (only a flag can change its text or time) and its label as written. Such a
   * record never needs `row`, which must be called for every other kept one (it notes an
   * unfixable date).
   */
  isAsRead(i: number): boolean {
    return this.#report.flags[i] === 0 && this.#labels[i] === labelAsRead(this.#drafts[i]);
  }

  /** Kept record `i`'s row under the decisions, with `key` (from `walk`). */
  row(i: number, key: string): DataRow {
    const draft = this.#drafts[i];
    const flags = this.#report.flags[i];
    let text = draft.text;
    if (this.#actions['long-text'] === 'truncate' && flags & ISSUE_BIT['long-text']) text = truncate(text, this.#report.longTextChars);
    let timestamp = draft.timestamp;
    if (timestamp !== null && flags & ISSUE_BIT['implausible-date']) {
      // Never stored as if fine: dropped, or read with the mapped year if that gives a plausible date.
      const fixYears = this.#fixYears;
      const fixed = fixYears ? withYear(timestamp, fixYears[yearOf(timestamp)]) : null;
      if (fixYears && (fixed === null || this.#implausibility(fixed) !== null)) this.#unfixable.push(draft.line);
      timestamp = fixed;
    }
    return draftRow(draft, key, this.#labels[i], text, timestamp);
  }
}

/** A record's label as written: null when blank (unlabelled). */
export function labelAsRead(draft: RecordDraft): string | null {
  return draft.label === '' ? null : draft.label;
}

/** The row a record would be with no decision changing it: its label, text and time as read. */
export function rowAsRead(draft: RecordDraft, key: string): DataRow {
  return draftRow(draft, key, labelAsRead(draft), draft.text, draft.timestamp);
}

/** A kept record's row. The draft's meta object is shared with the row: drafts are dropped once rows are made. */
function draftRow(draft: RecordDraft, key: string, label: string | null, text: string, timestamp: string | null): DataRow {
  const row: DataRow = { key, text, label, meta: draft.meta };
  if (timestamp !== null) row.timestamp = timestamp;
  // A split column restores assignments (an exported version re-imports as it was); other values are ignored.
  if (isSplitName(draft.split)) row.split = draft.split;
  return row;
}

/**
 * A row key: `id` when it is not blank and not `used`, else `row-<line>`, suffixed `.2`, `.3`,
 * … past keys `taken` (in the unlikely case that it equals a real id or an earlier key).
 */
export function rowKey(id: string, line: number, used: (id: string) => boolean, taken: (key: string) => boolean): string {
  if (id !== '' && !used(id)) return id;
  let key = `row-${line}`;
  for (let k = 2; taken(key); k++) key = `row-${line}.${k}`;
  return key;
}

/**
 * Unique row keys of the kept records in line order (`rowKey`): an id is used once, and a key
 * made from a line is never an id of the file nor an earlier key.
 */
class RowKeys {
  /** Keys handed out, only tracked when ids can repeat. */
  readonly #used: Set<string> | null;
  /** Keys made from lines, plus all ids once the first such key is needed. */
  #taken: Set<string> | null = null;
  readonly #drafts: readonly { id: string }[];
  readonly #hasIds: boolean;
  readonly #isUsed = (id: string) => this.#used?.has(id) ?? false;
  readonly #isTaken = (key: string) => this.#takenKeys().has(key);

  constructor(drafts: readonly { id: string }[], hasIds: boolean, idsRepeat: boolean) {
    this.#drafts = drafts;
    this.#hasIds = hasIds;
    this.#used = idsRepeat ? new Set() : null;
  }

  next(id: string, line: number): string {
    const key = rowKey(id, line, this.#isUsed, this.#isTaken);
    // A key made from a line is never an id (ids are taken), so this tells which it is.
    if (key === id) this.#used?.add(id);
    else this.#takenKeys().add(key);
    return key;
  }

  #takenKeys(): Set<string> {
    if (!this.#taken) {
      this.#taken = new Set();
      if (this.#hasIds) for (const d of this.#drafts) this.#taken.add(d.id);
    }
    return this.#taken;
  }
}

/** The first `max` UTF-16 code units, without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
