/**
 * A rehearsal of the import on a small synthetic file (`warmUpCsv.ts`), run by the data worker
 * while the person is choosing a real one: the same steps as an import's read and default outcome
 * (parse, drafts, the streamed check, the rows as read and their hashes, the report, every
 * category's default action), so the real file meets code the JIT has already compiled. Nothing
 * is kept or written. It stops at the next chunk when `shouldStop` says so (a real file came).
 */
import { inSlices } from '../eventLoop';
import { parseCsv } from './csvParse';
import type { PlausibleDates } from './plausibleDates';
import { StreamedValidation } from './streamedValidation';
import { warmUpCsv } from './warmUpCsv';

/** Records rehearsed: about 2.5 MB, enough for the hot code to be optimized. */
export const REHEARSAL_RECORDS = 10_000;
/** Small chunks, so that a real file waits at most one of them. */
const REHEARSAL_CHUNK = 256 * 1024;
/** Work between pauses in the outcome's steps. */
const SLICE_MS = 20;

export interface Rehearsal {
  /** Records rehearsed (all of the synthetic file unless stopped). */
  records: number;
  /** Whether it ran to the end. */
  complete: boolean;
}

/** Rehearses with the dates the real import will check against. */
export async function rehearseImport(dates: PlausibleDates, shouldStop: () => boolean, records = REHEARSAL_RECORDS): Promise<Rehearsal> {
  const file = new Blob([warmUpCsv(records)]);
  const streamed = new StreamedValidation(dates);
  const { collector, aborted } = await parseCsv(file, { chunkSize: REHEARSAL_CHUNK, onChunk: (c) => streamed.follow(c), shouldAbort: shouldStop });
  const stopped = { records: collector.count, complete: false };
  if (aborted || !streamed.mapping) return stopped;
  const report = streamed.reportFor(collector.count, streamed.mapping, dates);
  const outcome = streamed.takeOutcome();
  if (!report || !outcome) return stopped;
  const applied = await inSlices(outcome.finishing(report, streamed.drafts), SLICE_MS, () => undefined, shouldStop);
  return applied ? { records: collector.count, complete: true } : stopped;
}
