/**
 * Validation that follows a parse, chunk by chunk: once the first records are read, it guesses
 * the mapping from them (as the Data page will suggest it) and checks each record as soon as it
 * is parsed, so "Check the data" has only the whole-file part left (label variants, duplicate
 * groups). It is speculative: its report is used only when the person checks the file with the
 * same mapping and date range it assumed; any other choice validates the whole file again.
 */
import type { ColumnMapping } from './dataset';
import { uniqueHeader, type CsvRecordCollector } from './csvRecords';
import { suggestMapping } from './inferTypes';
import { sameMapping } from './mapping';
import type { PlausibleDates } from './plausibleDates';
import { RecordValidator, type ValidationReport } from './validation';

export class StreamedValidation {
  readonly #plausibleDates: PlausibleDates;
  #validator: RecordValidator | null = null;
  #mapping: ColumnMapping | null = null;
  #header: string[] | null = null;
  /** Records and malformed records of the collector already checked. */
  #records = 0;
  #malformed = 0;

  constructor(plausibleDates: PlausibleDates) {
    this.#plausibleDates = plausibleDates;
  }

  /** The mapping it assumed (null before the first records). */
  get mapping(): ColumnMapping | null {
    return this.#mapping;
  }

  /** Checks the records the collector read since the last call, in line order. */
  follow(collector: CsvRecordCollector): void {
    if (!collector.header || collector.count === 0) return;
    if (!this.#validator) {
      this.#header = uniqueHeader(collector.header);
      this.#mapping = suggestMapping(this.#header, collector.records);
      this.#validator = new RecordValidator(this.#header, this.#mapping, { plausibleDates: this.#plausibleDates });
    }
    const validator = this.#validator;
    const { records, malformed } = collector;
    // Both lists are in line order: merge them as mergeRecords does.
    while (this.#records < records.length || this.#malformed < malformed.length) {
      const takeRecord = this.#malformed >= malformed.length || (this.#records < records.length && records[this.#records].line <= malformed[this.#malformed].line);
      if (takeRecord) {
        const r = records[this.#records++];
        validator.add({ line: r.line, fields: r.fields, malformed: null });
      } else {
        const m = malformed[this.#malformed++];
        validator.add({ line: m.line, fields: m.fields, malformed: m });
      }
    }
  }

  /**
   * The report for the whole file when it was read to the end and `header`, `mapping` and the
   * date range are the ones assumed; null otherwise (then validate the whole file). Once only.
   */
  reportFor(collector: CsvRecordCollector, mapping: ColumnMapping, plausibleDates: PlausibleDates): ValidationReport | null {
    const validator = this.#validator;
    this.#validator = null;
    if (!validator || !this.#mapping || !this.#header) return null;
    const complete = this.#records === collector.records.length && this.#malformed === collector.malformed.length;
    const sameHeader = collector.header !== null && collector.header.length === this.#header.length && collector.header.every((h, i) => h === this.#header![i]);
    if (!complete || !sameHeader || !sameMapping(mapping, this.#mapping) || plausibleDates.earliest !== this.#plausibleDates.earliest || plausibleDates.latest !== this.#plausibleDates.latest) return null;
    return validator.report();
  }
}
