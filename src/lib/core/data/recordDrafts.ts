/**
 * A record reduced to what validation and `applyDecisions` read of it under one mapping, made
 * as soon as the record is parsed, so the parsed fields can be dropped: a million raw records
 * held until the commit took ~900 MB. The strings a draft keeps are its own (see `own`), never
 * views that keep a whole 4 MB chunk of the file alive.
 */
import type { ColumnMapping, MetaValue, RawRecord } from './dataset';
import type { MalformedInput } from './issues';
import { parseDate } from './parseValues';
import { cell, columnIndexes, encodingTroubleAt, mergeRecords, metaValue, pair, rowText, type ColumnIndexes, type RecordEntry } from './recordFields';

export interface RecordDraft {
  /** 1-based line where the record starts. */
  line: number;
  /** The row text (`rowText`). */
  text: string;
  /** The label cell, trimmed ('' when blank or no label column). */
  label: string;
  /** The id cell, trimmed ('' when blank or no id column). */
  id: string;
  /** The timestamp as ISO 8601 UTC (`parseDate`), null when blank or unreadable. */
  timestamp: string | null;
  /** The timestamp cell as written, when it is not `timestamp` itself ('' when blank). */
  stamp: string;
  /** The split cell, trimmed and in lower case. */
  split: string;
  meta: Record<string, MetaValue>;
  /** The first column whose text shows an encoding problem, or -1. */
  encodingColumn: number;
  /** Set when the parser found the wrong shape (the record is padded to the header). */
  malformed: MalformedInput | null;
}

/** V8 keeps a substring of 13 or more characters as a view into its parent string. */
const SLICE_MIN = 13;

/**
 * A flat copy of `s` that does not keep the string it was cut from alive (the run of rows the
 * tokenizer decoded, or a whole row). It is one byte per character when `s` is: the tokenizer
 * decodes each row with a character above U+00FF on its own, so only such rows are two-byte.
 * Short strings are copies already.
 */
export function own(s: string): string {
  // Joining two pieces makes one flat string: a slice or `' ' + s` would make a view again,
  // slower to read character by character (the text fingerprint and hashes do).
  return s.length < SLICE_MIN ? s : pair(s.slice(0, 1), '', s.slice(1));
}

/** The timestamp cell as the draft keeps it: '' when the ISO form says it all. */
function stampOf(raw: string, iso: string | null): string {
  return raw === '' || raw === iso ? '' : own(raw);
}

/** The cell as written for a draft's timestamp (the ISO form when that is what was written). */
export function draftStamp(d: RecordDraft): string {
  return d.stamp !== '' ? d.stamp : (d.timestamp ?? '');
}

/** Makes drafts under one mapping; repeated labels and categories share one string each. */
export class DraftMaker {
  readonly cols: ColumnIndexes;
  readonly #pool = new Map<string, string>();

  constructor(header: readonly string[], mapping: ColumnMapping) {
    this.cols = columnIndexes(header, mapping);
  }

  /** One string per distinct value: labels and categories repeat on most rows. */
  #shared(s: string): string {
    let kept = this.#pool.get(s);
    if (kept === undefined) {
      kept = own(s);
      // A column of unique values (ids mapped as a category) must not grow the pool without end.
      if (this.#pool.size < 100_000) this.#pool.set(kept, kept);
    }
    return kept;
  }

  make(entry: RecordEntry): RecordDraft {
    return this.draft(entry.line, entry.fields, entry.malformed);
  }

  /** The draft of the record at `line` (`make` without an entry object per record). */
  draft(line: number, fields: readonly string[], malformed: MalformedInput | null): RecordDraft {
    const cols = this.cols;
    const rawStamp = cell(fields, cols.timestamp);
    const iso = rawStamp === '' ? null : parseDate(rawStamp);
    const meta: Record<string, MetaValue> = {};
    // An index loop: `for…of` makes an iterator result per column while the code is not yet optimized.
    for (let k = 0; k < cols.meta.length; k++) {
      const c = cols.meta[k];
      const v = metaValue(fields[c.index] ?? '', c.type);
      meta[c.name] = typeof v !== 'string' ? v : c.type === 'category' ? this.#shared(v) : own(v);
    }
    // Joined cells are a new string already: only a single cell is copied.
    const text = rowText(fields, cols.text, own);
    return {
      line,
      text,
      label: this.#shared(cell(fields, cols.label)),
      id: own(cell(fields, cols.id)),
      timestamp: iso === null ? null : own(iso),
      stamp: stampOf(rawStamp, iso),
      split: cols.split < 0 ? '' : this.#shared(cell(fields, cols.split).toLowerCase()),
      meta,
      encodingColumn: encodingTroubleAt(fields),
      malformed,
    };
  }
}

/** Drafts of whole lists of records (records and malformed ones merged in line order). */
export function recordDrafts(header: readonly string[], records: readonly RawRecord[], malformed: readonly MalformedInput[], mapping: ColumnMapping): RecordDraft[] {
  const maker = new DraftMaker(header, mapping);
  return mergeRecords(records, malformed).map((e) => maker.make(e));
}
