/// <reference lib="webworker" />
/**
 * The second reader of a split read (core/data/splitRead.ts, secondPartJob.ts): reads a big file
 * from the cut to its end while the data worker reads up to it. One task per worker; the data
 * worker ends it when the read is done, dropped or cancelled.
 */
import { runSecondPart } from './secondPartJob';

self.onmessage = (event) => void runSecondPart(event.data, (message, transfer = []) => self.postMessage(message, transfer));
