/**
 * The records of a file as it is parsed, chunk by chunk, turned into drafts (`recordDrafts.ts`)
 * under one mapping and checked as they come, after which the parser's records are released:
 * what is held is one draft per record, never the raw fields (a million of those took ~900 MB).
 *
 * The mapping is the one given, or, when none is, the one the Data page will suggest, guessed
 * from the first chunk's records. The drafts serve the check and the commit while the person
 * keeps that mapping; another mapping reads the file again (it is on disk), which costs less
 * than holding every raw record in case it is needed.
 * When it checks as it reads, it also makes the rows as read (`outcomeAsRead.ts`), so the import's
 * outcome is mostly worked out by the time the file is.
 */
import type { ColumnMapping, RawRecord } from './dataset';
import { uniqueHeader, type CsvRecordCollector } from './csvRecords';
import { suggestMapping } from './inferTypes';
import { sameMapping } from './mapping';
import type { PlausibleDates } from './plausibleDates';
import { DraftMaker, type RecordDraft } from './recordDrafts';
import { RecordValidator, type ValidationReport } from './validation';
import { OutcomeAsRead } from './outcomeAsRead';

/** Records shown as the file's preview. */
const PREVIEW_RECORDS = 5;

export class StreamedValidation {
  readonly #plausibleDates: PlausibleDates | null;
  #mapping: ColumnMapping | null;
  #header: string[] | null = null;
  #maker: DraftMaker | null = null;
  #validator: RecordValidator | null = null;
  /** One draft per record (well-formed and malformed) in line order. */
  readonly drafts: RecordDraft[] = [];
  /** The first records as parsed, for the preview. */
  readonly preview: RawRecord[] = [];
  /** Malformed records of the collector already made into drafts. */
  #malformed = 0;
  /** The drafts' rows as read, while they are not taken. */
  #outcome: OutcomeAsRead | null;

  /**
   * Checks records against `plausibleDates` as they come (null: only drafts them); `mapping`
   * fixes the mapping (null: suggest one from the first chunk).
   */
  constructor(plausibleDates: PlausibleDates | null, mapping: ColumnMapping | null = null) {
    this.#plausibleDates = plausibleDates;
    this.#mapping = mapping;
    this.#outcome = plausibleDates ? new OutcomeAsRead() : null;
  }

  /** The mapping the drafts follow (null before the first records). */
  get mapping(): ColumnMapping | null {
    return this.#maker ? this.#mapping : null;
  }

  /** The header the drafts follow (names made unique), null before the first records. */
  get header(): string[] | null {
    return this.#header;
  }

  /** Drafts the records the collector read since the last call, in line order, and releases them. */
  follow(collector: CsvRecordCollector): void {
    if (!collector.header || collector.records.length + collector.malformed.length - this.#malformed === 0) return;
    const { records, malformed } = collector;
    if (!this.#maker) {
      // The suggestion reads the whole first chunk's records, however the chunk came in batches.
      if (!this.#mapping && !collector.atChunkEnd) return;
      this.#header = uniqueHeader(collector.header);
      this.#mapping ??= suggestMapping(this.#header, records);
      this.#maker = new DraftMaker(this.#header, this.#mapping);
      if (this.#plausibleDates) this.#validator = new RecordValidator(this.#header, this.#mapping, { plausibleDates: this.#plausibleDates });
    }
    for (const r of records) if (this.preview.length < PREVIEW_RECORDS) this.preview.push(r);
    const maker = this.#maker;
    const validator = this.#validator;
    // Both lists are in line order: merge them as mergeRecords does.
    let r = 0;
    while (r < records.length || this.#malformed < malformed.length) {
      const takeRecord = this.#malformed >= malformed.length || (r < records.length && records[r].line <= malformed[this.#malformed].line);
      let draft: RecordDraft;
      if (takeRecord) {
        const record = records[r++];
        draft = maker.draft(record.line, record.fields, null);
      } else {
        const m = malformed[this.#malformed++];
        draft = maker.draft(m.line, m.fields, m);
      }
      this.drafts.push(draft);
      validator?.add(draft);
    }
    this.#outcome?.follow(this.drafts);
    collector.releaseRecords();
  }

  /**
   * Hands over the rows as read of the records followed so far (then no longer made here), to be
   * finished with a report on them; null when not checking as reading, or taken already.
   */
  takeOutcome(): OutcomeAsRead | null {
    const outcome = this.#outcome;
    this.#outcome = null;
    return outcome;
  }

  /**
   * The report on the whole file (`records` records, malformed included) when all were read and `mapping`
   * and the date range are the ones it followed; null otherwise (then validate the drafts, or
   * read the file again for another mapping). Once only.
   */
  reportFor(records: number, mapping: ColumnMapping, plausibleDates: PlausibleDates): ValidationReport | null {
    const validator = this.#validator;
    this.#validator = null;
    if (!validator || !this.follows(mapping)) return null;
    const complete = validator.count === records;
    const sameDates = this.#plausibleDates !== null && plausibleDates.earliest === this.#plausibleDates.earliest && plausibleDates.latest === this.#plausibleDates.latest;
    return complete && sameDates ? validator.report() : null;
  }

  /** Whether the drafts were made under `mapping`. */
  follows(mapping: ColumnMapping): boolean {
    return this.#mapping !== null && this.#maker !== null && sameMapping(mapping, this.#mapping);
  }
}
