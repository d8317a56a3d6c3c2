/**
 * A plain CSV import, for `peer.browser.csv.100k.mb_per_s`: the simplest way a page turns a chosen
 * CSV file into rows stored in IndexedDB, in the same Chromium as the app —
 * read the file whole, decode it as UTF-8, split it into records and fields (RFC 4180 quoting),
 * store the fields as one string array per column in blocks of 2,000 records, one transaction.
 * No encoding guess, no line numbers, no checks, no drafts, no hashing, no duplicates, no
 * progress, no cancel: what the app's import adds is everything else. Written for this bench
 * only; it is not the app's parser (core/data/csvParse.ts) and must not become one.
 * Plain has a cost of its own: one character above U+00FF makes the whole decoded text two-byte,
 * and so every field sliced from it, which IndexedDB then stores at two bytes a character (the
 * app decodes record by record, so plain ASCII records stay one-byte).
 */

import { splitCsv } from './plainCsv';

export interface PlainImportResult {
  records: number;
  fields: number;
  /** ms per step, in order, and in all (from the file arriving in the worker to the transaction's completion). */
  readMs: number;
  decodeMs: number;
  splitMs: number;
  storeMs: number;
  totalMs: number;
}

const BLOCK = 2000;

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('blocks', { keyPath: 'block' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every record after the header, one string array per column per block, in one transaction. */
function store(db: IDBDatabase, records: string[][], fields: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction('blocks', 'readwrite');
    const blocks = tx.objectStore('blocks');
    for (let start = 1, block = 0; start < records.length; start += BLOCK, block++) {
      const end = Math.min(records.length, start + BLOCK);
      const columns: string[][] = [];
      for (let f = 0; f < fields; f++) {
        const column = new Array<string>(end - start);
        for (let r = start; r < end; r++) column[r - start] = records[r][f];
        columns.push(column);
      }
      blocks.add({ block, count: end - start, columns });
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the transaction was aborted'));
  });
}

// Opened before the file comes, as the app's database is: set-up, not import. The page waits for "ready".
const opened = openDatabase(`lifecycle-lab-plain-import-${Date.now()}`);
opened.then(
  () => self.postMessage({ ready: true }),
  (error: unknown) => self.postMessage({ ok: false, message: `the plain import's database did not open: ${String(error)}` }),
);

self.onmessage = async (event: MessageEvent<File>) => {
  try {
    const file = event.data;
    const t0 = performance.now();
    const db = await opened;
    const bytes = await file.arrayBuffer();
    const t1 = performance.now();
    const text = new TextDecoder().decode(bytes);
    const t2 = performance.now();
    const records = splitCsv(text);
    const t3 = performance.now();
    const fields = records[0]?.length ?? 0;
    const short = records.findIndex((r) => r.length !== fields);
    if (short >= 0) throw new Error(`record ${short} has ${records[short].length} fields, the header ${fields}`);
    await store(db, records, fields);
    const t4 = performance.now();
    db.close();
    const result: PlainImportResult = { records: records.length - 1, fields, readMs: t1 - t0, decodeMs: t2 - t1, splitMs: t3 - t2, storeMs: t4 - t3, totalMs: t4 - t0 };
    self.postMessage({ ok: true, result });
  } catch (error) {
    self.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
