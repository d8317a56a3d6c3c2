import { describe, expect, it } from 'vitest';
import type { BackupSource } from '$lib/core/backup/backupPass';
import { packSnapshot, unpackSnapshot } from '$lib/core/backup/compactBackup';
import { keepingPacked, noteFingerprint, packedSnapshot } from '$lib/workers/packedSnapshots';

/** A source whose project `p` has fingerprint `state.fingerprint`, counting its exports. */
function countingSource(state: { fingerprint: string; exports: number }): BackupSource {
  return {
    fingerprint: async () => state.fingerprint,
    snapshotText: async () => `{"export":${++state.exports}}`,
  } as Partial<BackupSource> as BackupSource;
}

describe('snapshots kept packed between the full and the compact backup pass', () => {
  it('hands the compact pass the full pass’s export while the project is unchanged, once', async () => {
    const state = { fingerprint: 'f1', exports: 0 };
    const full = keepingPacked(countingSource(state));
    await full.fingerprint('p');
    expect(await full.snapshotText('p')).toBe('{"export":1}');
    const make = () => countingSource(state).snapshotText('p');
    noteFingerprint('p', 'f1');
    expect(unpackSnapshot(await packedSnapshot('p', make))).toBe('{"export":1}');
    expect(state.exports).toBe(1);
    // Used once: asked again, the snapshot is made anew.
    expect(await packedSnapshot('p', make)).toBe(packSnapshot('{"export":2}'));
  });

  it('makes the snapshot anew when the project changed after the full pass', async () => {
    const state = { fingerprint: 'f1', exports: 0 };
    const full = keepingPacked(countingSource(state));
    await full.fingerprint('q');
    await full.snapshotText('q');
    noteFingerprint('q', 'f2');
    expect(unpackSnapshot(await packedSnapshot('q', () => countingSource(state).snapshotText('q')))).toBe('{"export":2}');
  });
});
