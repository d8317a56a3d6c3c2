/**
 * db.write.100k.ms and db.hash.100k.ms: 100,000 rows. One repetition takes tens of seconds on
 * a small machine, so quick runs skip the warm-up (100k rows amortize the JIT anyway).
 */
import { dbWriteBenchmark } from './dbWrite';

export default dbWriteBenchmark({ rows: 100_000, size: '100k', repetitions: { quick: 3, full: 5 }, warmup: { quick: 0, full: 1 } });
