import { describe, expect, it } from 'vitest';
import { createRng, pick, randomInt, type Rng } from '$lib/core/random';
import { parseCsv } from '$lib/core/data/csvParse';
import type { ColumnMapping, DataRow, RawRecord } from '$lib/core/data/dataset';
import { DatasetState } from '$lib/core/data/datasetState';
import { hashRows } from '$lib/core/data/hash';
import { ISSUE_CATEGORIES, ISSUE_POLICIES, type Decisions, type IssueAction, type IssueFixes, type MalformedInput } from '$lib/core/data/issues';
import { OutcomeAsRead } from '$lib/core/data/outcomeAsRead';
import { plausibleDateRange } from '$lib/core/data/plausibleDates';
import { recordDrafts, type RecordDraft } from '$lib/core/data/recordDrafts';
import { StreamedValidation } from '$lib/core/data/streamedValidation';
import { applyingDecisions, validateDrafts, type AppliedDataset, type ValidationReport } from '$lib/core/data/validation';
import { messyTicketsCsv } from '../workers/messyCsv';
import { utf8 } from './textBytes';

const dates = plausibleDateRange(1990, '2026-12-04T00:00:00.000Z');
const HEADER = ['id', 'subject', 'body', 'label', 'created', 'channel', 'split'];
const MAPPING: ColumnMapping = {
  textColumns: ['subject', 'body'], labelColumn: 'label', timestampColumn: 'created', idColumn: 'id', splitColumn: 'split', metaTypes: { channel: 'category' },
};
const LONG_TEXT_CHARS = 40;

/** Runs a stepping generator to its end: what it yielded, and what it returned or threw. */
function drive(steps: () => Generator<number, AppliedDataset>): { yielded: number[]; result?: AppliedDataset; error?: string } {
  const yielded: number[] = [];
  try {
    const it = steps();
    for (;;) {
      const step = it.next();
      if (step.done) return { yielded, result: step.value };
      yielded.push(step.value);
    }
  } catch (error) {
    return { yielded, error: (error as Error).message };
  }
}

/** The outcome as read, fed in chunks of random sizes, then finished; beside `applyingDecisions` on the same drafts. */
function bothOutcomes(report: ValidationReport, drafts: readonly RecordDraft[], decisions: Decisions, fixes: IssueFixes, rng: Rng) {
  const outcome = new OutcomeAsRead();
  for (let end = 0; end < drafts.length; ) {
    end = Math.min(drafts.length, end + randomInt(rng, 1, 40));
    outcome.follow(drafts.slice(0, end));
  }
  const asRead = [...outcome.state.rows];
  const incremental = drive(() => outcome.finishing(report, drafts, decisions, fixes));
  const reference = new DatasetState();
  const whole = drive(() => applyingDecisions(report, drafts, decisions, fixes, reference));
  return { outcome, asRead, incremental, whole, reference };
}

/** Both give the same rows in the same order, excluded list, summary, progress and hash, or the same error. */
function expectSame({ outcome, incremental, whole, reference }: ReturnType<typeof bothOutcomes>): void {
  expect(incremental.error).toBe(whole.error);
  expect(incremental.yielded).toEqual(whole.yielded);
  if (whole.error) return;
  const [got, want] = [incremental.result!, whole.result!];
  expect(got.rows).toEqual(want.rows);
  expect(got.rows.map((r) => r.key)).toEqual(want.rows.map((r) => r.key));
  expect(got.excluded).toEqual(want.excluded);
  expect(got.summary).toEqual(want.summary);
  expect(outcome.state.contentHash).toBe(reference.contentHash);
  // The state's own bookkeeping agrees with its rows.
  expect(hashRows(outcome.state.rows)).toBe(reference.contentHash);
  for (const row of got.rows) expect(outcome.state.get(row.key)).toBe(row);
}

const TEXTS = ['Refund please', 'refund  PLEASE', ' Refund please ', 'Login fails', 'login fails', 'Hours?', '', 'A text long enough to pass the limit of forty'];
const LABELS = ['Billing', 'billing', ' BILLING', 'Tech', 'tech ', '', '', 'Other'];
const CREATED = ['2026-01-05', '', 'not a date', '1804-02-29', '0102-03-04', '2031-05-06', '2024-02-29T10:00:00Z', '1989-12-31', '01/02/2026', '2025-07-04'];
const CHANNELS = ['email', 'chat', ''];
const SPLITS = ['', '', 'train', 'test', 'validation', 'TRAIN', 'junk'];

/** A messy file of `n` records: duplicates, conflicts, variants, blank, repeated and `row-<line>` ids, odd dates, malformed records. */
function messyRecords(rng: Rng, n: number): { records: RawRecord[]; malformed: MalformedInput[] } {
  const records: RawRecord[] = [];
  const malformed: MalformedInput[] = [];
  let line = 2;
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const roll = rng();
    const id = roll < 0.2 ? '' : roll < 0.3 && ids.length ? pick(rng, ids) : roll < 0.38 ? `row-${randomInt(rng, 2, 2 + n * 2)}` : roll < 0.4 ? `row-${randomInt(rng, 2, 2 + n)}.2` : `T${i}`;
    ids.push(id);
    const fields = [id, pick(rng, TEXTS), rng() < 0.5 ? '' : pick(rng, TEXTS), pick(rng, LABELS), pick(rng, CREATED), pick(rng, CHANNELS), pick(rng, SPLITS)];
    if (rng() < 0.06) {
      const cut = rng() < 0.5 ? fields.slice(0, randomInt(rng, 1, 6)) : [...fields, 'extra'];
      malformed.push({ line, fields: cut, fieldCount: cut.length, expected: HEADER.length });
    } else {
      records.push({ line, fields });
    }
    line += rng() < 0.1 ? 3 : 1;
  }
  return { records, malformed };
}

/** Decisions picked at random among each category's actions (the defaults half the time), and years for a fix. */
function randomDecisions(rng: Rng, report: ValidationReport): { decisions: Decisions; fixes: IssueFixes } {
  if (rng() < 0.5) return { decisions: {}, fixes: {} };
  const decisions: Decisions = {};
  for (const c of ISSUE_CATEGORIES) decisions[c] = pick(rng, ISSUE_POLICIES[c].actions) as IssueAction;
  const groups = report.categories.find((c) => c.category === 'implausible-date')!.yearGroups ?? [];
  // Leap days read into 2003 do not exist: such a fix is refused by both.
  const years = Object.fromEntries(groups.map((g) => [g.year, rng() < 0.9 ? pick(rng, [2004, 2020, 2024]) : 2003]));
  return { decisions, fixes: { years } };
}

function fileOf(records: RawRecord[], malformed: MalformedInput[], mapping = MAPPING) {
  const drafts = recordDrafts(HEADER, records, malformed, mapping);
  const report = validateDrafts(HEADER, drafts, mapping, { longTextChars: LONG_TEXT_CHARS, plausibleDates: dates });
  return { drafts, report };
}

describe('the outcome worked out as the file is read', () => {
  it('equals applying the decisions to the whole file, on random messy files and random decisions', () => {
    const rng = createRng('outcome-as-read');
    let refused = 0;
    for (let round = 0; round < 300; round++) {
      const { records, malformed } = messyRecords(rng, randomInt(rng, 1, 120));
      const mapping = rng() < 0.2 ? { ...MAPPING, idColumn: null, metaTypes: { ...MAPPING.metaTypes, id: 'text' as const } } : MAPPING;
      const { drafts, report } = fileOf(records, malformed, mapping);
      const { decisions, fixes } = randomDecisions(rng, report);
      const both = bothOutcomes(report, drafts, decisions, fixes, rng);
      expectSame(both);
      if (both.whole.error) refused++;
    }
    // Some rounds cover a refused year fix.
    expect(refused).toBeGreaterThan(3);
  }, 60_000);

  it('equals it for files of thousands of records, with progress on the way', () => {
    const rng = createRng('outcome-as-read-large');
    const { records, malformed } = messyRecords(rng, 4_321);
    const { drafts, report } = fileOf(records, malformed);
    const both = bothOutcomes(report, drafts, {}, {}, rng);
    expectSame(both);
    expect(both.incremental.yielded).toEqual([1000, 2000, 3000, 4000]);
  });

  const rowsOf = (texts: [id: string, text: string, label: string][]) => records(texts.map(([id, text, label]) => [id, text, '', label, '2026-01-05', 'email', '']));
  const records = (rows: string[][]): RawRecord[] => rows.map((fields, i) => ({ line: i + 2, fields }));

  it.each([
    ['every record a copy of one text, unlabelled first', rowsOf(Array.from({ length: 50 }, (_, i) => [`T${i}`, 'Same text', i < 10 ? '' : 'Billing']))],
    ['an unlabelled first copy giving up its id to a labelled later one', rowsOf([['A', 'Same', ''], ['B', 'Other', 'Tech'], ['A', 'same', 'Billing']])],
    ['an id equal to the key an earlier record would get', rowsOf([['', 'One', 'x'], ['', 'Two', 'x'], ['row-2', 'Three', 'x'], ['row-3.2', 'Four', 'x'], ['row-3', 'Five', 'x']])],
    ['blank ids only', rowsOf(Array.from({ length: 30 }, (_, i) => ['', `Text ${i % 7}`, i % 3 ? 'a' : 'A']))],
    ['a canonical label seen last', rowsOf([['1', 'a', 'billing'], ['2', 'b', 'billing '], ['3', 'c', 'Billing'], ['4', 'd', 'Billing'], ['5', 'e', 'Billing']])],
  ])('equals it for %s', (_, rows) => {
    const { drafts, report } = fileOf(rows, []);
    const rng = createRng('pathological');
    expectSame(bothOutcomes(report, drafts, {}, {}, rng));
    expectSame(bothOutcomes(report, drafts, { 'exact-duplicate': 'keep', 'conflicting-duplicate': 'exclude', 'duplicate-id': 'exclude' }, {}, rng));
  });

  it('keeps the rows made as read where the end changes nothing, and shares the drafts’ metadata', async () => {
    // Keys from lines: this file's repeated ids often follow a left-out holder, which moves every later key (see above).
    const bytes = utf8(messyTicketsCsv(3_000));
    const suggested = new StreamedValidation(null);
    await parseCsv(new Blob([bytes]), { chunkSize: 4_096, onChunk: (c) => suggested.follow(c) });
    const mapping: ColumnMapping = { ...suggested.mapping!, idColumn: null, metaTypes: { ...suggested.mapping!.metaTypes, id: 'text' } };
    const streamed = new StreamedValidation(dates, mapping);
    const { collector } = await parseCsv(new Blob([bytes]), { chunkSize: 4_096, onChunk: (c) => streamed.follow(c) });
    const report = streamed.reportFor(collector.count, mapping, dates)!;
    const count = (category: string) => report.categories.find((c) => c.category === category)!.count;
    expect(['exact-duplicate', 'conflicting-duplicate', 'label-variant', 'implausible-date', 'field-count'].map(count).every((n) => n > 20)).toBe(true);
    const outcome = streamed.takeOutcome()!;
    expect(streamed.takeOutcome()).toBeNull();
    expect(outcome.count).toBe(streamed.drafts.length);
    const asRead = new Set<DataRow>(outcome.state.rows);
    const reference = new DatasetState();
    const want = drive(() => applyingDecisions(report, streamed.drafts, {}, {}, reference)).result!;
    const got = drive(() => outcome.finishing(report, streamed.drafts)).result!;
    expect(got.rows).toEqual(want.rows);
    expect(outcome.state.contentHash).toBe(reference.contentHash);
    // Duplicates, conflicts, variants and bad dates, yet most rows stay as they were made: only variants and implausible dates change.
    const untouched = got.rows.filter((r) => asRead.has(r)).length;
    expect(untouched / got.rows.length).toBeGreaterThan(0.5);
    const readByKey = new Map([...asRead].map((r) => [r.key, r]));
    const replaced = got.rows.filter((r) => !asRead.has(r));
    expect(replaced.length).toBeGreaterThan(0);
    for (const row of replaced) expect(row.label !== readByKey.get(row.key)!.label || row.timestamp !== readByKey.get(row.key)!.timestamp).toBe(true);
    expect(got.excluded.length).toBeGreaterThan(100);
    const metas = new Set(streamed.drafts.map((d) => d.meta));
    expect(got.rows.every((r) => metas.has(r.meta))).toBe(true);
  });

  it('is made only while checking as reading, and refuses to be finished twice or on other records', () => {
    expect(new StreamedValidation(null).takeOutcome()).toBeNull();
    const { drafts, report } = fileOf(records([['1', 'a', '', 'x', '', '', ''], ['2', 'b', '', 'y', '', '', '']]), []);
    const outcome = new OutcomeAsRead();
    outcome.follow(drafts.slice(0, 1));
    expect(drive(() => outcome.finishing(report, drafts)).error).toBe('The outcome followed 1 records, not the 2 given.');
    outcome.follow(drafts);
    expect(drive(() => outcome.finishing(report, drafts)).result!.rows.map((r) => r.key)).toEqual(['1', '2']);
    expect(drive(() => outcome.finishing(report, drafts)).error).toBe('This outcome is finished already.');
    expect(() => outcome.follow(drafts)).toThrow('This outcome is finished');
  });
});
