/**
 * The second reader's one job (secondPart.worker.ts runs it; tests run it on their thread): reads
 * the file from the cut (core/data/splitRead.ts) and posts its batches as it goes, their buffers
 * handed over, then its end; a failure is posted as such (the data worker then reads on itself,
 * and meets the same problem, if any, there).
 */
import { readSecondPart, type SecondPartTask } from '$lib/core/data/splitRead';
import { packedBuffers } from '$lib/core/data/draftPacking';
import type { SecondPartMessage } from './secondPartClient';

export async function runSecondPart({ file, task }: { file: Blob; task: SecondPartTask }, post: (message: SecondPartMessage, transfer?: Transferable[]) => void): Promise<void> {
  try {
    const end = await readSecondPart(
      file,
      task,
      (batch) => post({ kind: 'batch', batch }, [batch.fingerprints.buffer, batch.digests.buffer, ...packedBuffers(batch.drafts)]),
      (bytes, records) => post({ kind: 'progress', bytes, records }),
    );
    post({ kind: 'end', end });
  } catch {
    post({ kind: 'failed' });
  }
}
