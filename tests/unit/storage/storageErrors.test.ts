import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { describeStorageError, NotEnoughRoomError, storageErrorKind } from '$lib/core/storage/storageErrors';

const FULL = /full/i;
const KEPT = 'everything saved before is kept';
const TODO = /Free disk space.*export a snapshot/;

function expectTranslated(error: unknown): void {
  const message = describeStorageError(error);
  expect(message).toMatch(FULL);
  expect(message).toContain(KEPT);
  expect(message).toMatch(TODO);
  expect(message).not.toMatch(/QuotaExceededError|AbortError|bulkAdd/);
}

describe('storage error translation', () => {
  it('a DOMException QuotaExceededError', () => {
    const e = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(storageErrorKind(e)).toBe('quota');
    expectTranslated(e);
  });

  it('a Dexie error wrapping the quota error (AbortError with inner quota, nested twice)', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expectTranslated(new Dexie.AbortError('Transaction aborted', quota));
    expectTranslated(new Dexie.DatabaseClosedError(new Dexie.AbortError('aborted', quota)));
    expect(storageErrorKind(new Dexie.QuotaExceededError('Quota exceeded'))).toBe('quota');
  });

  it('a Dexie BulkError whose failures hold the quota error', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const bulk = new Dexie.BulkError('rowBlocks.bulkAdd(): 1 of 8 operations failed', { 3: quota });
    expect(storageErrorKind(bulk)).toBe('quota');
    expectTranslated(bulk);
  });

  it('the BulkError of aborted operations seen on a full disk (no quota error in reach)', () => {
    const aborted = new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError');
    const bulk = new Dexie.BulkError('rowBlocks.bulkAdd(): 4 of 8 operations failed', { 0: aborted, 1: aborted, 2: aborted, 3: aborted });
    expect(bulk.message).toMatch(/^rowBlocks\.bulkAdd\(\): 4 of 8 operations failed\. Errors: AbortError/);
    expect(storageErrorKind(bulk)).toBe('aborted');
    expectTranslated(bulk);
    // The same text after it crossed a worker boundary as a plain message.
    expectTranslated(new Error(bulk.message));
  });

  it('the "/: QuotaExceededError" string form', () => {
    expect(storageErrorKind(new Error('/: QuotaExceededError'))).toBe('quota');
    expectTranslated(new Error('/: QuotaExceededError'));
    expectTranslated('/: QuotaExceededError');
  });

  it('a database that cannot be reopened on a full disk: nothing deleted, free space and reload', () => {
    const e = new Dexie.OpenFailedError(new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError'));
    expect(storageErrorKind(e)).toBe('cannot-open');
    expect(describeStorageError(e)).toMatch(/Nothing was deleted: free disk space, then reload/);
  });

  it('a refusal before writing keeps its own message', () => {
    const e = new NotEnoughRoomError('There is not enough free storage to import big.csv: …');
    expect(storageErrorKind(e)).toBe('no-room');
    expect(describeStorageError(e)).toBe(e.message);
  });

  it('other errors keep their message', () => {
    expect(storageErrorKind(new Error('That project no longer exists.'))).toBe('other');
    expect(describeStorageError(new Error('That project no longer exists.'))).toBe('That project no longer exists.');
    expect(describeStorageError('boom', { keepText: true })).toBe('boom');
    expect(describeStorageError('boom')).toBe('The change could not be saved.');
  });
});
