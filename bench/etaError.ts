/**
 * How honest a training run's time-left estimate was (issue 18: within 30 % once a tenth of the
 * work is done). Each progress sample's estimate of when training ends (time so far + time left)
 * is compared with when it really ended, in % of the training phase's actual length; samples in
 * the first tenth are ignored.
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
}

export function etaError(samples: readonly EtaSample[], startMs: number, endMs: number): EtaError | null {
  const total = endMs - startMs;
  if (!(total > 0)) return null;
  const errors = samples
    .filter((s) => s.etaMs !== null && s.atMs - startMs >= total / 10 && s.atMs <= endMs)
    .map((s) => (Math.abs(s.atMs - startMs + s.etaMs! - total) / total) * 100)
    .sort((a, b) => a - b);
  if (errors.length === 0) return null;
  return { worstPct: errors[errors.length - 1], medianPct: errors[Math.floor((errors.length - 1) / 2)], samples: errors.length };
}
