/**
 * How honest a training job's time-left estimate was (issue 18: within 30 % once a tenth of the
 * work is done). The estimate is of the whole job's time left (training and the phases after it,
 * core/models/timeLeft.ts), so each progress sample's estimate of when the job ends (time so far +
 * time left) is compared with when the run was really stored, in % of the span from the start of
 * training to that end; samples in the first tenth of the span are ignored.
 */
export interface EtaSample {
  /** Clock time of the progress message, ms. */
  atMs: number;
  /** The time left it announced, ms (null: no estimate yet). */
  etaMs: number | null;
}

export interface EtaError {
  worstPct: number;
  medianPct: number;
  samples: number;
  /**
   * Up to TRACE_POINTS of the samples counted, evenly spread: [when, in % of the span; the end it
   * announced, in % of the span] (100 = on time), so a figure shows where the estimate went wrong.
   */
  trace: [atPct: number, saidEndPct: number][];
}

const TRACE_POINTS = 20;

export function etaError(samples: readonly EtaSample[], startMs: number, endMs: number): EtaError | null {
  const total = endMs - startMs;
  if (!(total > 0)) return null;
  const counted = samples
    .filter((s) => s.etaMs !== null && s.atMs - startMs >= total / 10 && s.atMs <= endMs)
    .map((s) => ({ at: s.atMs - startMs, saidEnd: s.atMs - startMs + s.etaMs! }));
  if (counted.length === 0) return null;
  const errors = counted.map((s) => (Math.abs(s.saidEnd - total) / total) * 100).sort((a, b) => a - b);
  const pct = (ms: number) => Math.round((ms / total) * 1000) / 10;
  const every = Math.max(1, Math.ceil(counted.length / TRACE_POINTS));
  const trace = counted.filter((_, i) => i % every === 0 || i === counted.length - 1).map((s): [number, number] => [pct(s.at), pct(s.saidEnd)]);
  return { worstPct: errors[errors.length - 1], medianPct: errors[Math.floor((errors.length - 1) / 2)], samples: errors.length, trace };
}
