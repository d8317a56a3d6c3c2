/**
 * First guess at what each CSV column holds, so the import dialog opens with a sensible mapping
 * the user only has to confirm. Guesses look at a sample of at most `SAMPLE_ROWS` records spread
 * evenly over the file (so a file sorted by date or label is still represented), which keeps the
 * cost independent of the file size.
 */
import { isExportHeader, ROW_COLUMNS } from './csvExport';
import { isSplitName, type ColumnMapping, type RawRecord } from './dataset';
import { parseDate, parseNumber } from './parseValues';

export { parseDate, parseNumber } from './parseValues';

/** Records looked at by `suggestMapping` (evenly spaced over the file). */
export const SAMPLE_ROWS = 2000;

/**
 * A column is a category when, among its non-blank values, there are at most this many distinct
 * values, at most `CATEGORY_MAX_SHARE` of the values are distinct, and no distinct value is longer
 * than `CATEGORY_MAX_CHARS` (categories are names, not prose).
 */
export const CATEGORY_MAX_DISTINCT = 50;
export const CATEGORY_MAX_SHARE = 0.5;
export const CATEGORY_MAX_CHARS = 64;

export type InferredType = 'number' | 'date' | 'category' | 'text';

/**
 * A metadata column of whole numbers with at most this many distinct values, each seen at least
 * twice on average, is suggested as a category: codes such as `period` 1/2 or a 1–5 rating are
 * groups to compare, not a quantity (as a number it would get a 20-bin, mostly empty histogram).
 */
export const CODE_MAX_DISTINCT = 12;

/** True for a column of codes: few distinct whole numbers, repeated. */
export function isIntegerCode(values: readonly string[]): boolean {
  const distinct = new Set<number>();
  let count = 0;
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    const n = parseNumber(v);
    if (n === null || !Number.isInteger(n)) return false;
    count++;
    distinct.add(n);
    if (distinct.size > CODE_MAX_DISTINCT) return false;
  }
  return count > 0 && distinct.size <= CATEGORY_MAX_SHARE * count;
}

/**
 * The type of a column from its values, blanks ignored, checked in this order: `number` when
 * every value passes `parseNumber` (so pure digit runs such as epoch seconds or ids count as
 * numbers), `date` when every value passes `parseDate`, `category` by the rule above, else
 * `text`. A column with no non-blank value is `text`.
 */
export function inferColumnType(values: readonly string[]): InferredType {
  let count = 0;
  let allNumbers = true;
  let allDates = true;
  let longest = 0;
  const distinct = new Set<string>();
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    count++;
    if (allNumbers && parseNumber(v) === null) allNumbers = false;
    if (!allNumbers && allDates && parseDate(v) === null) allDates = false;
    if (distinct.size <= CATEGORY_MAX_DISTINCT && !distinct.has(v)) {
      distinct.add(v);
      longest = Math.max(longest, v.length);
    }
  }
  if (count === 0) return 'text';
  if (allNumbers) return 'number';
  if (allDates) return 'date';
  const isCategory =
    distinct.size <= CATEGORY_MAX_DISTINCT && distinct.size <= CATEGORY_MAX_SHARE * count && longest <= CATEGORY_MAX_CHARS;
  return isCategory ? 'category' : 'text';
}

/** Name tokens (any token matches) per role; label names in priority order. */
const TEXT_NAMES = new Set([
  'text', 'body', 'description', 'message', 'subject', 'title', 'content', 'comment', 'comments',
  'summary', 'question', 'complaint', 'review', 'note', 'notes', 'details', 'request', 'utterance',
  'query', 'transcript', 'feedback', 'msg', 'desc',
]);
const LABEL_NAMES = ['label', 'labels', 'class', 'category', 'intent', 'queue', 'topic', 'department', 'type', 'tag', 'target', 'classification'];
const TIME_NAMES = new Set(['timestamp', 'date', 'time', 'datetime', 'created', 'submitted', 'opened', 'received', 'ts', 'when']);
const ID_NAMES = new Set(['id', 'uuid', 'guid', 'key']);
const SPLIT_COLUMN_NAMES = new Set(['split', 'subset', 'fold', 'partition']);

/** An id column must have at least this share of distinct values (duplicates become an issue). */
export const ID_MIN_UNIQUE_SHARE = 0.95;
/** A name-matched timestamp column must parse for at least this share of its values. */
export const TIMESTAMP_MIN_PARSED_SHARE = 0.8;
/**
 * A column whose name says nothing of time is the timestamp when at least this share of its
 * sampled values are dates: a `seen on` column with a few typos or impossible dates is still
 * the file's time (the bad values are reported row by row), while prose that mentions dates is not.
 */
export const UNNAMED_TIMESTAMP_MIN_PARSED_SHARE = 0.9;
/** A name-matched label column must be short: average length at most this many characters. */
const LABEL_MAX_AVG_CHARS = 40;

/** `createdAt`, `Ticket ID`, `ticket_id` → `['created', 'at']`, `['ticket', 'id']`, … */
export function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

interface ColumnProfile {
  index: number;
  name: string;
  tokens: string[];
  type: InferredType;
  nonBlank: number;
  distinct: number;
  avgLength: number;
  dateShare: number;
  /** Few distinct whole numbers (`isIntegerCode`): metadata of this column is a category. */
  code: boolean;
}

/**
 * Suggests which columns are the text, label, timestamp and id, by name first and by content
 * second; every other column becomes metadata of its inferred type. Rules, in order:
 * - **id**: last name token `id`/`uuid`/`guid`/`key` (`id`, `ticket_id`, `TicketID`) and at least
 *   95 % distinct sampled values; a column named exactly `id` wins, then the most unique.
 * - **label**: a name token from `label, class, category, intent, queue, topic, department, type,
 *   tag, target, …` (earlier in that list wins), not a date, not a number unless it has at most
 *   50 distinct values (0/1 class codes), average length ≤ 40.
 * - **metadata**: its inferred type, except that whole-number codes (`isIntegerCode`) are categories.
 *   No label column is guessed from content alone (channel or tier columns look the same).
 * - **timestamp**: a name token such as `timestamp`, `date`, `created`, or `…_at`, with ≥ 80 % of
 *   sampled values parseable (the rest are reported as bad dates); else the column with the most
 *   dates, at least 90 % of its values (the first on a tie).
 * - **text**: every remaining column with a text-like name (`text, body, description, message,
 *   subject, title, content, …`) that is not a number or date, in header order; if none, the
 *   remaining non-number, non-date column with the longest average value.
 * A file this app exported is not guessed at: see `exportedMapping`.
 */
export function suggestMapping(header: readonly string[], records: readonly RawRecord[]): ColumnMapping {
  if (isExportHeader(header)) return exportedMapping(header, records);
  const sample = sampleRecords(records, SAMPLE_ROWS);
  const profiles = header.map((name, index) => profileColumn(name, index, sample));
  const taken = new Set<number>();
  const free = (p: ColumnProfile) => !taken.has(p.index);
  const stringy = (p: ColumnProfile) => p.type !== 'number' && p.type !== 'date';
  // Numeric class codes (0/1 sentiment) are labels too, as long as there are few of them.
  const labelLike = (p: ColumnProfile) => stringy(p) || (p.type === 'number' && p.distinct <= CATEGORY_MAX_DISTINCT);

  const idCandidates = profiles.filter(
    (p) => ID_NAMES.has(p.tokens[p.tokens.length - 1] ?? '') && p.nonBlank > 0 && p.distinct >= ID_MIN_UNIQUE_SHARE * p.nonBlank,
  );
  idCandidates.sort((a, b) => Number(b.tokens.join(' ') === 'id') - Number(a.tokens.join(' ') === 'id') || b.distinct / b.nonBlank - a.distinct / a.nonBlank);
  const id = idCandidates[0];
  if (id) taken.add(id.index);

  // A split column (as exported): named like one, and every non-blank value is train, validation or test.
  const split = profiles.find(
    (p) =>
      free(p) &&
      p.tokens.some((t) => SPLIT_COLUMN_NAMES.has(t)) &&
      sample.every((r) => {
        const v = (r.fields[p.index] ?? '').trim().toLowerCase();
        return v === '' || isSplitName(v);
      }),
  );
  if (split) taken.add(split.index);

  const labelRank = (p: ColumnProfile) => Math.min(...p.tokens.map((t) => (LABEL_NAMES.includes(t) ? LABEL_NAMES.indexOf(t) : Infinity)));
  const label = profiles
    .filter((p) => free(p) && labelLike(p) && labelRank(p) < Infinity && p.avgLength <= LABEL_MAX_AVG_CHARS)
    .sort((a, b) => labelRank(a) - labelRank(b))[0];
  if (label) taken.add(label.index);

  const timeNamed = (p: ColumnProfile) =>
    p.tokens.some((t) => TIME_NAMES.has(t)) || (p.tokens.length > 1 && p.tokens[p.tokens.length - 1] === 'at');
  // Unnamed: the most date-like column (the first on a tie, so a clean date column wins).
  const timestamp =
    profiles.find((p) => free(p) && timeNamed(p) && p.nonBlank > 0 && p.dateShare >= TIMESTAMP_MIN_PARSED_SHARE) ??
    profiles
      .filter((p) => free(p) && p.type !== 'number' && p.nonBlank > 0 && p.dateShare >= UNNAMED_TIMESTAMP_MIN_PARSED_SHARE)
      .sort((a, b) => b.dateShare - a.dateShare)[0];
  if (timestamp) taken.add(timestamp.index);

  let text = profiles.filter((p) => free(p) && stringy(p) && p.tokens.some((t) => TEXT_NAMES.has(t)));
  if (text.length === 0) {
    const longest = profiles.filter((p) => free(p) && stringy(p) && p.avgLength > 0).sort((a, b) => b.avgLength - a.avgLength)[0];
    text = longest ? [longest] : [];
  }
  for (const p of text) taken.add(p.index);

  const metaTypes: ColumnMapping['metaTypes'] = {};
  for (const p of profiles) if (free(p)) metaTypes[p.name] = p.code ? 'category' : p.type;
  return {
    textColumns: text.map((p) => p.name),
    labelColumn: label?.name ?? null,
    timestampColumn: timestamp?.name ?? null,
    idColumn: id?.name ?? null,
    splitColumn: split?.name ?? null,
    metaTypes,
  };
}

/**
 * The mapping of a file `rowsToCsv` wrote, by position: key → id, text, label, timestamp, split;
 * every later column is metadata typed by `exportedColumnType` over all its values (not a
 * sample: a wrong type would turn values into nulls). A timestamp column blank on every row is
 * left out rather than reported row by row as empty dates (the rows have no time either way).
 */
function exportedMapping(header: readonly string[], records: readonly RawRecord[]): ColumnMapping {
  const column = (index: number) => records.map((r) => r.fields[index] ?? '');
  const metaTypes: ColumnMapping['metaTypes'] = {};
  for (let index = ROW_COLUMNS.length; index < header.length; index++) metaTypes[header[index]] = exportedColumnType(column(index));
  const hasTime = records.some((r) => (r.fields[3] ?? '').trim() !== '');
  return { textColumns: ['text'], labelColumn: 'label', timestampColumn: hasTime ? 'timestamp' : null, idColumn: 'key', splitColumn: 'split', metaTypes };
}

/**
 * A metadata column's type from values as the export writes them: `number` only when every value
 * is exactly how a number is written (`12.5`, not `12.50` or `1,200`), `date` only when every
 * value is one of our timestamps; otherwise strings, `category` or `text` by `inferColumnType`.
 * So a string column like zip codes or `12.50` prices stays strings and hashes the same.
 */
export function exportedColumnType(values: readonly string[]): InferredType {
  const written = values.map((v) => v.trim()).filter((v) => v !== '');
  if (written.length === 0) return 'text';
  if (written.every((v) => parseNumber(v) !== null && String(parseNumber(v)) === v)) return 'number';
  if (written.every((v) => parseDate(v) === v)) return 'date';
  const type = inferColumnType(written);
  return type === 'category' ? 'category' : 'text';
}

/** At most `max` records, evenly spaced over the list (deterministic, no randomness needed). */
export function sampleRecords<T>(records: readonly T[], max: number): T[] {
  if (records.length <= max) return records.slice();
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(records[Math.floor((i * records.length) / max)]);
  return out;
}

function profileColumn(name: string, index: number, sample: readonly RawRecord[]): ColumnProfile {
  const values = sample.map((r) => r.fields[index] ?? '');
  let nonBlank = 0;
  let totalLength = 0;
  let dates = 0;
  const distinct = new Set<string>();
  for (const raw of values) {
    const v = raw.trim();
    if (v === '') continue;
    nonBlank++;
    totalLength += v.length;
    distinct.add(v);
    if (parseDate(v) !== null) dates++;
  }
  return {
    index,
    name,
    tokens: nameTokens(name),
    type: inferColumnType(values),
    nonBlank,
    distinct: distinct.size,
    avgLength: nonBlank === 0 ? 0 : totalLength / nonBlank,
    dateShare: nonBlank === 0 ? 0 : dates / nonBlank,
    code: isIntegerCode(values),
  };
}
