import { afterEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { describeStorageError, requestPersistentStorage, storageStatus } from '$lib/db/storage';

afterEach(() => {
  vi.unstubAllGlobals();
});

const FULL = /storage .*full/i;

describe('describeStorageError', () => {
  it('explains a QuotaExceededError DOMException plainly', () => {
    const message = describeStorageError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    expect(message).toMatch(FULL);
    expect(message).toContain('nothing was half-written');
  });

  it('finds a quota error wrapped by Dexie (through `inner`, at any depth)', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const aborted = new Dexie.AbortError('Transaction aborted', quota);
    expect(aborted.name).toBe('AbortError');
    expect(aborted.inner).toBe(quota);
    expect(describeStorageError(aborted)).toMatch(FULL);
    expect(describeStorageError(new Dexie.QuotaExceededError('Quota exceeded'))).toMatch(FULL);
    const twice = new Dexie.DatabaseClosedError(new Dexie.AbortError('aborted', quota));
    expect(describeStorageError(twice)).toMatch(FULL);
  });

  it('passes other errors’ messages through', () => {
    expect(describeStorageError(new Error('That project no longer exists.'))).toBe('That project no longer exists.');
    const constraint = new Dexie.ConstraintError('Key already exists in the object store.');
    expect(describeStorageError(constraint)).toBe('Key already exists in the object store.');
    expect(describeStorageError(new DOMException('Data cannot be cloned.', 'DataCloneError'))).toBe(
      'Data cannot be cloned.',
    );
  });

  it('has a fallback for errors without a message', () => {
    expect(describeStorageError(new Error(''))).toBe('The change could not be saved.');
    expect(describeStorageError('boom')).toBe('The change could not be saved.');
    expect(describeStorageError(undefined)).toBe('The change could not be saved.');
    expect(describeStorageError(null)).toBe('The change could not be saved.');
  });
});

describe('storageStatus and requestPersistentStorage', () => {
  it('report unknowns when there is no navigator.storage (Node)', async () => {
    vi.stubGlobal('navigator', undefined);
    expect(await storageStatus()).toEqual({ usage: null, quota: null, persisted: null });
    expect(await requestPersistentStorage()).toBe(false);

    vi.stubGlobal('navigator', {});
    expect(await storageStatus()).toEqual({ usage: null, quota: null, persisted: null });
    expect(await requestPersistentStorage()).toBe(false);
  });

  it('read the estimate and persistence when the browser offers them', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', {
      storage: {
        estimate: async () => ({ usage: 1234, quota: 10_000_000 }),
        persisted: async () => false,
        persist,
      },
    });
    expect(await storageStatus()).toEqual({ usage: 1234, quota: 10_000_000, persisted: false });
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('cope with a partial StorageManager', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: async () => ({}) } });
    expect(await storageStatus()).toEqual({ usage: null, quota: null, persisted: null });
    expect(await requestPersistentStorage()).toBe(false);
  });

  it('leave the global navigator as it was', () => {
    expect((globalThis as { navigator?: { storage?: unknown } }).navigator?.storage).toBeUndefined();
  });
});
