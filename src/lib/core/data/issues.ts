/**
 * The catalogue of data-quality issues the import checks for: what each means, what the user
 * may do about it, and what happens by default. One table drives the validation report, the
 * decision dialog and `applyDecisions`, so adding a category is one entry here plus its check.
 */
import type { MalformedRecord } from './csvRecords';
import type { ColumnMapping } from './dataset';
import type { PlausibleDates, YearGroup } from './plausibleDates';

export const ISSUE_CATEGORIES = [
  'field-count',
  'empty-text',
  'missing-label',
  'exact-duplicate',
  'conflicting-duplicate',
  'label-variant',
  'long-text',
  'encoding',
  'empty-date',
  'bad-date',
  'implausible-date',
  'duplicate-id',
] as const;
export type IssueCategory = (typeof ISSUE_CATEGORIES)[number];

/**
 * What to do with the records of a category:
 * - `keep`: keep them as they are (for `field-count`: pad missing fields with blanks and drop
 *   surplus ones; for `duplicate-id`: give the later copies a `row-<line>` key);
 * - `keep-without-time`: keep the rows with no timestamp (never the bad one);
 * - `exclude`: leave them out (each is listed in `excluded` with its reasons);
 * - `merge`: rewrite label variants to the group's canonical spelling;
 * - `unlabel`: keep conflicting duplicates but clear their labels (they go to the labelling queue);
 * - `truncate`: cut long texts to the limit;
 * - `fix-year`: read each implausible year as the year the person maps it to (`IssueFixes`).
 */
export type IssueAction = 'keep' | 'keep-without-time' | 'exclude' | 'merge' | 'unlabel' | 'truncate' | 'fix-year';

/** What some actions need besides their name. */
export interface IssueFixes {
  /** `fix-year`: implausible UTC year → the year to use instead (month, day and time kept). */
  years?: Record<string, number>;
}

export interface IssuePolicy {
  title: string;
  explanation: string;
  /** Allowed actions; the first is the default. */
  actions: readonly IssueAction[];
}

export const ISSUE_POLICIES: Readonly<Record<IssueCategory, IssuePolicy>> = {
  'field-count': {
    title: 'Wrong number of fields',
    explanation:
      'These records have more or fewer fields than the header, usually because of an unquoted comma or a line break in a text, or a quote problem ran several lines into one record. Keeping them pads missing fields with blanks and drops extra ones, which may put values in the wrong columns.',
    actions: ['exclude', 'keep'],
  },
  'empty-text': {
    title: 'Empty text',
    explanation: 'All text columns are blank, so there is nothing for a model to read.',
    actions: ['exclude', 'keep'],
  },
  'missing-label': {
    title: 'Missing label',
    explanation: 'The label is blank. Kept rows go to the unlabelled pool, where they can be labelled later.',
    actions: ['keep', 'exclude'],
  },
  'exact-duplicate': {
    title: 'Exact duplicates',
    explanation:
      'The same text (ignoring case and spacing) with the same label, or without a label, appears earlier. Duplicates inflate some examples and can leak between training and test splits; by default the first surviving copy is kept.',
    actions: ['exclude', 'keep'],
  },
  'conflicting-duplicate': {
    title: 'Same text, different labels',
    explanation:
      'The same text (ignoring case and spacing) carries different labels. A model cannot get both right; check the labelling guide. Unlabelling keeps the rows and sends them to the labelling queue.',
    actions: ['keep', 'unlabel', 'exclude'],
  },
  'label-variant': {
    title: 'Label spelling variants',
    explanation:
      'Labels that differ only in upper/lower case or spacing would be treated as different classes. Merging rewrites each variant to the most frequent spelling.',
    actions: ['merge', 'keep', 'exclude'],
  },
  'long-text': {
    title: 'Very long texts',
    explanation:
      'These texts are much longer than usual, often a pasted e-mail thread or log. They slow training and can dominate word counts.',
    actions: ['keep', 'truncate', 'exclude'],
  },
  encoding: {
    title: 'Encoding problems',
    explanation:
      'These records contain the replacement character � or typical mojibake such as "Ã©", a sign the file was read in the wrong encoding. Go back to the columns and choose the encoding the file was saved in (the first lines show how it reads), or re-export the file as UTF-8.',
    actions: ['keep', 'exclude'],
  },
  'empty-date': {
    title: 'Empty dates',
    explanation: 'The timestamp is blank. Kept rows have no time: a time split can leave them out of every split.',
    actions: ['keep-without-time', 'exclude'],
  },
  'bad-date': {
    title: 'Unreadable dates',
    explanation:
      'The timestamp could not be read. Accepted: ISO 8601 (2026-01-05, 2026-01-05T09:14:27Z), 2026/01/05, 05.01.2026 and Unix time; 01/02/2026 is ambiguous and refused. Kept rows have no timestamp.',
    actions: ['keep-without-time', 'exclude'],
  },
  'implausible-date': {
    title: 'Implausible dates',
    explanation:
      'The timestamp reads as a date, but one the data cannot have: before the earliest plausible year or in the future. Kept rows have no timestamp; fixing reads each wrong year as the year you give (month, day and time stay).',
    actions: ['keep-without-time', 'exclude', 'fix-year'],
  },
  'duplicate-id': {
    title: 'Duplicate ids',
    explanation:
      'The id appears on an earlier record. The first record keeps the id as its key; kept later copies get a key from their line number.',
    actions: ['keep', 'exclude'],
  },
};

/** The bit of each category in `ValidationReport.flags` (a Uint16Array: at most 16 categories, 12 today). */
export const ISSUE_BIT: Readonly<Record<IssueCategory, number>> = Object.fromEntries(
  ISSUE_CATEGORIES.map((c, i) => [c, 1 << i]),
) as Record<IssueCategory, number>;

/** The categories set in a bitmask, in catalogue order. */
export function categoriesOf(mask: number): IssueCategory[] {
  return ISSUE_CATEGORIES.filter((c) => (mask & ISSUE_BIT[c]) !== 0);
}

/**
 * What validation needs of a record the parser set aside (`csvRecords.ts`): the parser's own
 * records fit, and so does a plain `{ line, fieldCount, expected, fields }`.
 */
export type MalformedInput = Pick<MalformedRecord, 'line' | 'fieldCount' | 'expected' | 'fields'> & {
  problem?: MalformedRecord['problem'];
};

export interface IssueExample {
  line: number;
  /** Preview of the row text (at most `PREVIEW_CHARS` characters). */
  text: string;
  detail?: string;
}

/** Label spellings that fold to the same class. */
export interface LabelVariantGroup {
  /** The spelling merged into: the most frequent (ties: the first seen). */
  canonical: string;
  /** The other spellings, by decreasing frequency. */
  variants: string[];
  /** Rows per spelling, canonical included. */
  counts: Record<string, number>;
}

/** One text that carries more than one label. */
export interface ConflictGroup {
  /** Preview of the text (at most `PREVIEW_CHARS` characters). */
  text: string;
  labels: { label: string; lines: number[] }[];
}

export interface CategoryReport {
  category: IssueCategory;
  title: string;
  explanation: string;
  /** Number of affected records. */
  count: number;
  /** All affected line numbers, ascending. */
  lines: number[];
  /** At most `MAX_EXAMPLES`, in line order. */
  examples: IssueExample[];
  actions: IssueAction[];
  defaultAction: IssueAction;
  /** `label-variant` only. */
  variantGroups?: LabelVariantGroup[];
  /** `conflicting-duplicate` only, in order of first appearance. */
  conflictGroups?: ConflictGroup[];
  /** `implausible-date` only: rows per implausible year, ascending by year. */
  yearGroups?: YearGroup[];
}

/**
 * Everything found in one import, plus what `applyDecisions` needs to apply the user's choices
 * without re-checking: all arrays indexed by record in line order (records and malformed
 * records merged), typed so the report can be transferred from a worker cheaply.
 */
export interface ValidationReport {
  header: string[];
  mapping: ColumnMapping;
  /** Records including malformed ones. */
  total: number;
  /** Every category in catalogue order, including those with count 0. */
  categories: CategoryReport[];
  /** Line of each record, ascending. */
  recordLines: Uint32Array;
  /** Bitmask of `ISSUE_BIT`s per record. */
  flags: Uint16Array;
  /** Same-normalized-text group of each record (the index of its first member), or -1 if its text is unique or empty. */
  textGroups: Int32Array;
  /** The limit used for `long-text`, in UTF-16 code units. */
  longTextChars: number;
  /** The range used for `implausible-date` (and that a year fix must land in). */
  plausibleDates: PlausibleDates;
}

export type Decisions = Partial<Record<IssueCategory, IssueAction>>;

export const MAX_EXAMPLES = 5;
export const PREVIEW_CHARS = 200;
export const DEFAULT_LONG_TEXT_CHARS = 5000;

/** Decisions with defaults filled in; throws on an action the category does not allow. */
export function resolveDecisions(decisions: Decisions): Record<IssueCategory, IssueAction> {
  const out = {} as Record<IssueCategory, IssueAction>;
  for (const c of ISSUE_CATEGORIES) {
    const allowed = ISSUE_POLICIES[c].actions;
    const action = decisions[c] ?? allowed[0];
    if (!allowed.includes(action)) throw new Error(`Action "${action}" is not allowed for "${c}" (allowed: ${allowed.join(', ')})`);
    out[c] = action;
  }
  return out;
}

/**
 * Whether `decisions` come to every category's default action, so that applying them gives what
 * applying no decisions gives (the import works that out while the person reads the report).
 * A year fix also depends on the years chosen: it never counts as the default.
 */
export function decisionsAreDefaults(decisions: Decisions): boolean {
  const chosen = resolveDecisions(decisions);
  return ISSUE_CATEGORIES.every((c) => chosen[c] === ISSUE_POLICIES[c].actions[0] && chosen[c] !== 'fix-year');
}
