/**
 * The import's validation report: every record checked against every category of
 * `./issues`, with all affected lines, a few examples and the defaults, so the user decides per
 * category and nothing disappears unseen. Runs in the import worker; linear in the number of
 * records (one pass plus one pass over duplicate groups).
 */
import type { ColumnMapping, RawRecord } from './dataset';
import { malformedDetail } from './csvRecords';
import { duplicateRoles, groupMembers, labelKey, textKey } from './duplicates';
import {
  DEFAULT_LONG_TEXT_CHARS,
  ISSUE_BIT,
  ISSUE_CATEGORIES,
  ISSUE_POLICIES,
  MAX_EXAMPLES,
  PREVIEW_CHARS,
  type CategoryReport,
  type ConflictGroup,
  type IssueCategory,
  type LabelVariantGroup,
  type MalformedInput,
  type ValidationReport,
} from './issues';
import { DEFAULT_PLAUSIBLE_DATES, plausibilityCheck, yearOf, type PlausibleDates } from './plausibleDates';
import { columnIndexes, preview, type ColumnIndexes } from './recordFields';
import { draftStamp, recordDrafts, type RecordDraft } from './recordDrafts';
import { TextGroupFinder, fingerprintText, type RowTextFingerprint } from './textGroups';

export * from './issues';
export { applyDecisions, applyDecisionsToDrafts, applyingDecisions, type AppliedDataset } from './applyDecisions';

export interface ValidationOptions {
  /** Texts longer than this many UTF-16 code units are `long-text`; default 5000. */
  longTextChars?: number;
  /** Timestamps outside this range are `implausible-date`; default from 1990 on, no upper bound. */
  plausibleDates?: PlausibleDates;
}

/** Checks all records (malformed ones padded to the header) and reports per category. */
export function validateRecords(
  header: string[],
  records: readonly RawRecord[],
  malformed: readonly MalformedInput[],
  mapping: ColumnMapping,
  options: ValidationOptions = {},
): ValidationReport {
  return validateDrafts(header, recordDrafts(header, records, malformed, mapping), mapping, options);
}

/** `validateRecords` on the records' drafts, made with the same mapping (as an import keeps them). */
export function validateDrafts(header: string[], drafts: readonly RecordDraft[], mapping: ColumnMapping, options: ValidationOptions = {}): ValidationReport {
  const validator = new RecordValidator(header, mapping, options);
  for (const draft of drafts) validator.add(draft);
  return validator.report();
}

/**
 * Validation record by record, so it can run while a file is parsed: `add` each record's draft
 * (made with the same mapping) in line order (one pass of per-record checks), then `report` does
 * what needs them all (label variants, duplicate and conflict groups). The same result as
 * `validateRecords` on the whole file. It keeps the drafts, never the raw fields.
 */
export class RecordValidator {
  readonly #header: string[];
  readonly #mapping: ColumnMapping;
  readonly #longTextChars: number;
  readonly #plausibleDates: PlausibleDates;
  readonly #implausibility: ReturnType<typeof plausibilityCheck>;
  readonly #cols: ColumnIndexes;
  readonly #drafts: RecordDraft[] = [];
  #flags = new Uint16Array(1024);
  #textGroups = new Int32Array(1024).fill(-1);
  #recordLines = new Uint32Array(1024);
  readonly #labels: string[] = [];
  readonly #details: Partial<Record<IssueCategory, Map<number, string>>> = {};
  readonly #textGroupFinder: TextGroupFinder;
  readonly #fp: RowTextFingerprint = { length: 0, h1: 0, h2: 0 };
  readonly #firstById = new Map<string, number>();
  /** Records per label as written, in first-seen order (grouped by label key in `report`: labels repeat, keys need not be made per record). */
  readonly #labelCounts = new Map<string, number>();
  /** Label keys made so far, by label. */
  readonly #labelKeys = new Map<string, string>();
  /** implausible UTC year → rows */
  readonly #implausibleYears = new Map<number, number>();

  constructor(header: string[], mapping: ColumnMapping, options: ValidationOptions = {}) {
    this.#header = header;
    this.#mapping = mapping;
    this.#longTextChars = options.longTextChars ?? DEFAULT_LONG_TEXT_CHARS;
    this.#plausibleDates = options.plausibleDates ?? DEFAULT_PLAUSIBLE_DATES;
    this.#implausibility = plausibilityCheck(this.#plausibleDates);
    this.#cols = columnIndexes(header, mapping);
    const drafts = this.#drafts;
    this.#textGroupFinder = new TextGroupFinder(1024, (i) => textKey(drafts[i].text), (i, j) => drafts[i].text === drafts[j].text);
  }

  /** Records added so far. */
  get count(): number {
    return this.#drafts.length;
  }

  /** Flags record i with category c; `detail` says what is wrong, made only if it is kept. */
  #note(c: IssueCategory, i: number, detail?: () => string): void {
    this.#flags[i] |= ISSUE_BIT[c];
    if (detail === undefined) return;
    // Keep the details of the MAX_EXAMPLES lowest record indexes: examples are the first lines.
    const map = (this.#details[c] ??= new Map());
    if (map.size < MAX_EXAMPLES) map.set(i, detail());
    else {
      const last = Math.max(...map.keys());
      if (i < last) {
        map.delete(last);
        map.set(i, detail());
      }
    }
  }

  /** `labelKey` of a non-blank label, made once per distinct label. */
  #labelKey(label: string): string {
    let key = this.#labelKeys.get(label);
    if (key === undefined) this.#labelKeys.set(label, (key = labelKey(label) as string));
    return key;
  }

  /** Checks the next record (records come in line order). */
  add(draft: RecordDraft): void {
    const i = this.#drafts.length;
    this.#drafts.push(draft);
    if (i === this.#flags.length) this.#grow();
    const cols = this.#cols;
    const { line, text, label, id, malformed: bad } = draft;
    this.#recordLines[i] = line;
    if (bad) this.#note('field-count', i, () => malformedDetail(bad));

    const fp = this.#fp;
    fingerprintText(text, fp);
    if (fp.length === 0) this.#note('empty-text', i);
    else {
      const first = this.#textGroupFinder.add(i, fp);
      if (first !== i) {
        this.#textGroups[first] = first;
        this.#textGroups[i] = first;
      }
    }
    if (fp.length > this.#longTextChars) {
      const chars = fp.length;
      this.#note('long-text', i, () => `${chars.toLocaleString('en-US')} characters`);
    }

    this.#labels.push(label);
    if (cols.label >= 0 && label === '') this.#note('missing-label', i);
    if (label !== '') this.#labelCounts.set(label, (this.#labelCounts.get(label) ?? 0) + 1);

    const trouble = draft.encodingColumn;
    if (trouble >= 0) this.#note('encoding', i, () => `in column "${this.#header[trouble] ?? `#${trouble + 1}`}"`);

    if (cols.timestamp >= 0) {
      const stamp = draftStamp(draft);
      const iso = draft.timestamp;
      const why = iso === null ? null : this.#implausibility(iso);
      if (stamp === '') this.#note('empty-date', i);
      else if (iso === null) this.#note('bad-date', i, () => `"${preview(stamp, 40)}"`);
      else if (why !== null) {
        this.#note('implausible-date', i, () => `"${preview(stamp, 40)}" is ${why}`);
        this.#implausibleYears.set(yearOf(iso), (this.#implausibleYears.get(yearOf(iso)) ?? 0) + 1);
      }
    }

    if (id !== '') {
      const first = this.#firstById.get(id);
      if (first === undefined) this.#firstById.set(id, i);
      else this.#note('duplicate-id', i, () => `id "${preview(id, 40)}" also on line ${this.#drafts[first].line}`);
    }
  }

  /** Doubles the per-record arrays. */
  #grow(): void {
    const n = this.#flags.length * 2;
    const flags = new Uint16Array(n);
    flags.set(this.#flags);
    this.#flags = flags;
    const groups = new Int32Array(n).fill(-1);
    groups.set(this.#textGroups);
    this.#textGroups = groups;
    const lines = new Uint32Array(n);
    lines.set(this.#recordLines);
    this.#recordLines = lines;
  }

  /** The report on the records added so far (call once, after the last). */
  report(): ValidationReport {
    const n = this.#drafts.length;
    const drafts = this.#drafts;
    const labels = this.#labels;
    const flags = this.#flags.slice(0, n);
    const textGroups = this.#textGroups.slice(0, n);
    const recordLines = this.#recordLines.slice(0, n);
    this.#flags = flags;
    const note = (c: IssueCategory, i: number, detail?: () => string) => this.#note(c, i, detail);
    const keyOf = (label: string) => this.#labelKey(label);

    // label key → spelling → count, in first-seen order
    const spellings = new Map<string, Map<string, number>>();
    for (const [label, count] of this.#labelCounts) {
      const key = keyOf(label);
      const counts = spellings.get(key);
      if (counts) counts.set(label, count);
      else spellings.set(key, new Map([[label, count]]));
    }
    const variantGroups = labelVariantGroups(spellings);
    const canonicalByKey = new Map(variantGroups.map((g) => [keyOf(g.canonical), g.canonical]));
    if (canonicalByKey.size > 0) {
      for (let i = 0; i < n; i++) {
        const label = labels[i];
        const canonical = label === '' ? undefined : canonicalByKey.get(keyOf(label));
        if (canonical !== undefined && canonical !== label) note('label-variant', i, () => `"${label}" → "${canonical}"`);
      }
    }

    const conflictGroups: ConflictGroup[] = [];
    for (const [, members] of groupMembers(textGroups)) {
      const keys = members.map((i) => (labels[i] === '' ? null : keyOf(labels[i])));
      const roles = duplicateRoles(keys);
      members.forEach((i, j) => {
        const of = roles.duplicateOf[j];
        if (of < 0) return;
        const how = keys[j] === null && keys[of] !== null ? 'unlabelled copy of' : 'same text and label as';
        note('exact-duplicate', i, () => `${how} line ${drafts[members[of]].line}`);
      });
      if (roles.conflict) {
        const byLabel = new Map<string, { label: string; lines: number[] }>();
        members.forEach((i, j) => {
          const key = keys[j];
          if (key === null) return;
          note('conflicting-duplicate', i, () => `labelled "${labels[i]}"`);
          const entry = byLabel.get(key) ?? { label: labels[i], lines: [] };
          entry.lines.push(drafts[i].line);
          byLabel.set(key, entry);
        });
        conflictGroups.push({ text: preview(drafts[members[0]].text, PREVIEW_CHARS), labels: [...byLabel.values()] });
      }
    }
    conflictGroups.sort((a, b) => a.labels[0].lines[0] - b.labels[0].lines[0]);

    const longTextChars = this.#longTextChars;
    const exampleText = (i: number) => (drafts[i].malformed?.fields.join(', ') ?? drafts[i].text);
    const categories = ISSUE_CATEGORIES.map((category) => {
      const report = categoryReport(category, flags, recordLines, this.#details[category], exampleText);
      if (category === 'long-text') report.title += ` (over ${longTextChars.toLocaleString('en-US')} characters)`;
      if (category === 'label-variant') report.variantGroups = variantGroups;
      if (category === 'conflicting-duplicate') report.conflictGroups = conflictGroups;
      if (category === 'implausible-date') {
        report.yearGroups = [...this.#implausibleYears].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count }));
      }
      return report;
    });
    return { header: this.#header, mapping: this.#mapping, total: n, categories, recordLines, flags, textGroups, longTextChars, plausibleDates: this.#plausibleDates };
  }
}

/** One category's report from the flags: all lines, the first examples with their details. */
function categoryReport(
  category: IssueCategory,
  flags: Uint16Array,
  recordLines: Uint32Array,
  details: Map<number, string> | undefined,
  exampleText: (i: number) => string,
): CategoryReport {
  const policy = ISSUE_POLICIES[category];
  const bit = ISSUE_BIT[category];
  const lines: number[] = [];
  const examples: CategoryReport['examples'] = [];
  for (let i = 0; i < flags.length; i++) {
    if ((flags[i] & bit) === 0) continue;
    lines.push(recordLines[i]);
    if (examples.length < MAX_EXAMPLES) {
      examples.push({ line: recordLines[i], text: preview(exampleText(i), PREVIEW_CHARS), ...detailOf(details, i) });
    }
  }
  return {
    category,
    title: policy.title,
    explanation: policy.explanation,
    count: lines.length,
    lines,
    examples,
    actions: [...policy.actions],
    defaultAction: policy.actions[0],
  };
}

function detailOf(noted: Map<number, string> | undefined, i: number): { detail?: string } {
  const detail = noted?.get(i);
  return detail === undefined ? {} : { detail };
}

/** Label keys with more than one spelling; canonical = most frequent, ties to the first seen. */
function labelVariantGroups(spellings: Map<string, Map<string, number>>): LabelVariantGroup[] {
  const groups: LabelVariantGroup[] = [];
  for (const counts of spellings.values()) {
    if (counts.size < 2) continue;
    // Map order is first-seen order and sort is stable, so ties keep the first-seen spelling first.
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    groups.push({ canonical: ranked[0][0], variants: ranked.slice(1).map(([s]) => s), counts: Object.fromEntries(ranked) });
  }
  return groups;
}
