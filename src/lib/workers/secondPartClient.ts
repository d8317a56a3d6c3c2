/**
 * The data worker's side of a split read (core/data/splitRead.ts): for a big UTF-8 file, a second
 * worker (secondPart.worker.ts) reads from a cut near the middle to the end while this one reads
 * up to it; this one then takes the second part in, or, when the cut turns out not to be a row
 * start or the second part failed, drops it and reads on. Where it does not pay or cannot run
 * (a small file, another encoding, no Web Workers, as in Node), `plan` says so and the read is
 * the one-thread read.
 */
import { DEFAULT_CHUNK, type CsvParseOptions, type CsvProgress, type Delimiter } from '$lib/core/data/csvParse';
import type { CsvRecordCollector } from '$lib/core/data/csvRecords';
import { blobBytes, findCut, secondPartTask, takingIn, type SecondPartBatch, type SecondPartEnd } from '$lib/core/data/splitRead';
import type { StreamedValidation } from '$lib/core/data/streamedValidation';
import type { TextEncoding } from '$lib/core/data/textDecoding';
import { nextTurn } from '$lib/core/eventLoop';
import { CancelledError } from './rpc';

/** Files from this size on are read on two threads (below, starting the worker costs more than it saves). */
export const SPLIT_MIN_BYTES = 8 * 1024 * 1024;
/** Taking in runs in slices of about this long, then lets other messages in (a cancel). */
const SLICE_MS = 50;

/** What the second worker sends. */
export type SecondPartMessage =
  | { kind: 'batch'; batch: SecondPartBatch }
  | { kind: 'progress'; bytes: number; records: number }
  | { kind: 'end'; end: SecondPartEnd }
  | { kind: 'failed' };

export class SplitRead {
  readonly cut: number;
  readonly #file: Blob;
  readonly #skip: number;
  readonly #report: (progress: CsvProgress) => void;
  #worker: Worker | null;
  #delimiter: Delimiter | null = null;
  #sent = false;
  #batches: SecondPartBatch[] = [];
  #end: SecondPartEnd | null = null;
  /** Wakes a wait for the second part at its next message. */
  #wake: (() => void) | null = null;
  /** The second part's bytes read (from the cut) and records. */
  #bytes = 0;
  #records = 0;
  /** The highest progress told (it only goes forward, also when the second part is dropped). */
  #shown: CsvProgress = { bytes: 0, records: 0 };

  /**
   * A split read of `file` when it pays and can run, else null. `report` is told the progress
   * while the first part waits for the second and while the second is taken in.
   */
  static async plan(file: Blob, encoding: TextEncoding | 'auto', report: (progress: CsvProgress) => void): Promise<SplitRead | null> {
    if (typeof Worker !== 'function' || file.size < SPLIT_MIN_BYTES || (encoding !== 'auto' && encoding !== 'utf-8')) return null;
    const read = blobBytes(file);
    const start = await read(0, 3);
    const skip = start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf ? 3 : 0;
    const cut = await findCut(file.size, skip, DEFAULT_CHUNK, read);
    return cut === null ? null : new SplitRead(file, cut, skip, report);
  }

  private constructor(file: Blob, cut: number, skip: number, report: (progress: CsvProgress) => void) {
    this.#file = file;
    this.cut = cut;
    this.#skip = skip;
    this.#report = report;
    // Started now: its code loads while the first records are read and the columns suggested.
    const worker = new Worker(new URL('./secondPart.worker.ts', import.meta.url), { type: 'module', name: 'second part' });
    worker.onmessage = (event: MessageEvent<SecondPartMessage>) => this.#receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      this.#receive({ kind: 'failed' });
    };
    this.#worker = worker;
  }

  #receive(message: SecondPartMessage): void {
    if (!this.#worker) return;
    if (message.kind === 'batch') this.#batches.push(message.batch);
    else if (message.kind === 'progress') {
      this.#bytes = message.bytes - this.cut;
      this.#records = message.records;
    } else if (message.kind === 'end') this.#end = message.end;
    else this.end();
    this.#wake?.();
  }

  /** How the file is read: only a UTF-8 file is split. */
  opened(delimiter: Delimiter, encoding: TextEncoding | undefined): void {
    if (encoding === 'utf-8') this.#delimiter = delimiter;
    else this.end();
  }

  /** After each batch the first reader followed: hands the second worker its task once the columns are known. */
  follow(collector: CsvRecordCollector, streamed: StreamedValidation): void {
    if (this.#sent || !this.#worker || this.#delimiter === null) return;
    const task = secondPartTask(collector, streamed, this.cut, this.#skip, this.#delimiter);
    if (!task) return;
    this.#sent = true;
    this.#worker.postMessage({ file: this.#file, task });
  }

  /**
   * The progress of both parts: the second part's bytes count half as read and half as taken in
   * (the first reader's work on them); never less than told before.
   */
  progress(first: CsvProgress, takenIn = 0): CsvProgress {
    const rest = this.#file.size - this.cut;
    const bytes = this.#worker ? first.bytes + this.#bytes / 2 + (this.#records ? (takenIn / this.#records) * (rest / 2) : 0) : first.bytes;
    const records = this.#worker ? first.records + this.#records : first.records;
    this.#shown = { bytes: Math.max(this.#shown.bytes, Math.min(bytes, this.#file.size)), records: Math.max(this.#shown.records, records) };
    return this.#shown;
  }

  /**
   * `parseCsv`'s stop at the cut: the rest is taken from the second part when the first part's
   * rows end exactly there and the second part is read (waited for); else it is dropped and the
   * first reader reads on. A cancel meanwhile drops it too (the read then stops at its next check).
   */
  pauseAt(first: () => CsvProgress, cancelled: () => boolean): CsvParseOptions['pauseAt'] {
    return {
      byte: this.cut,
      take: async (clean) => {
        if (!clean || !this.#sent) this.end();
        while (this.#worker && !this.#end && !cancelled()) {
          await new Promise<void>((wake) => (this.#wake = wake));
          this.#wake = null;
          this.#report(this.progress(first()));
        }
        if (!this.#worker || !this.#end || cancelled()) {
          this.end();
          return false;
        }
        return true;
      },
    };
  }

  /**
   * Takes the second part in after the first part's last record (`takingIn`), in slices that
   * let a cancel in; answers the second part's U+FFFD count.
   */
  async takeIn(collector: CsvRecordCollector, streamed: StreamedValidation, first: CsvProgress, cancelled: () => boolean): Promise<number> {
    const end = this.#end;
    if (!end) throw new Error('The second part of the file was not read.');
    const batches = this.#batches;
    this.#batches = [];
    let sliceStart = performance.now();
    for (const records of takingIn(collector, streamed, drain(batches), end)) {
      if (performance.now() - sliceStart < SLICE_MS) continue;
      this.#report(this.progress(first, records));
      await nextTurn();
      if (cancelled()) throw new CancelledError();
      sliceStart = performance.now();
    }
    this.end();
    return end.replacements;
  }

  /** Ends the second worker; nothing of it is kept. */
  end(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#batches = [];
    this.#wake?.();
  }
}

/** The batches one by one, each let go once taken. */
function* drain(batches: SecondPartBatch[]): Generator<SecondPartBatch> {
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i];
    batches[i] = undefined as unknown as SecondPartBatch;
    yield batch;
  }
}
