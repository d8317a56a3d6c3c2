/** db.write.10k.ms and db.hash.10k.ms: 10,000 rows (full runs only). */
import { dbWriteBenchmark } from './dbWrite';

export default dbWriteBenchmark({ rows: 10_000, size: '10k', repetitions: { quick: 5, full: 9 }, fullOnly: true });
