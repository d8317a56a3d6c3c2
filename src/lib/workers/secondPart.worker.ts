/// <reference lib="webworker" />
/**
 * The second reader of a split read (core/data/splitRead.ts): reads a big file from the cut to its
 * end while the data worker reads up to it, and hands on its records in batches as it goes (their
 * fingerprints and digests transferred, not copied). One task per worker; the data worker ends
 * it when the read is done, dropped or cancelled.
 */
import { readSecondPart, type SecondPartTask } from '$lib/core/data/splitRead';
import { packedBuffers } from '$lib/core/data/draftPacking';
import type { SecondPartMessage } from './secondPartClient';

const post = (message: SecondPartMessage, transfer: Transferable[] = []) => self.postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<{ file: Blob; task: SecondPartTask }>) => {
  const { file, task } = event.data;
  try {
    const end = await readSecondPart(
      file,
      task,
      (batch) => post({ kind: 'batch', batch }, [batch.fingerprints.buffer, batch.digests.buffer, ...packedBuffers(batch.drafts)]),
      (bytes, records) => post({ kind: 'progress', bytes, records }),
    );
    post({ kind: 'end', end });
  } catch {
    // The data worker reads on from the cut itself, and meets the same problem, if any, there.
    post({ kind: 'failed' });
  }
};
