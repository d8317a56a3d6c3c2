/**
 * Replays the rows of a snapshot's dataset versions (each full version's rows, each delta on
 * its parent) to check what the version records claim — stored row counts, unique keys, row
 * count, class balance, content hash — and to recompute hashes after masking. Versions are
 * visited by number; a parent's rows are copied only where it has several children, so a
 * straight chain is replayed in one pass.
 */
import { DatasetState } from '../data/datasetState';
import { pointer, type SnapshotProblem } from './problems';
import type { SnapshotDatasetVersion } from './document';

/** Hashes this app computes (multiset MurmurHash3, 32 hex digits); older 64-digit ones are not recomputed. */
const CURRENT_HASH = /^[0-9a-f]{32}$/;

/**
 * Calls `visit` with each version's replayed rows, by number. A version whose rows cannot be
 * replayed (duplicate keys, missing parent) is reported to `fail` and its children skipped.
 */
function replay(
  versions: readonly SnapshotDatasetVersion[],
  visit: (v: SnapshotDatasetVersion, state: DatasetState) => void,
  fail: (v: SnapshotDatasetVersion, why: string) => void,
): void {
  const children = new Map<string, number>();
  for (const v of versions) if (v.storage === 'delta' && v.parentId) children.set(v.parentId, (children.get(v.parentId) ?? 0) + 1);
  const states = new Map<string, DatasetState>();
  for (const v of [...versions].sort((a, b) => a.number - b.number)) {
    const rows = v.rows ?? [];
    let state: DatasetState;
    try {
      if (v.storage === 'full') {
        state = new DatasetState(rows);
      } else {
        const parent = states.get(v.parentId ?? '');
        if (!parent) continue; // its parent failed, and said so
        const left = (children.get(v.parentId!) ?? 1) - 1;
        children.set(v.parentId!, left);
        if (left === 0) states.delete(v.parentId!);
        state = left > 0 ? new DatasetState(parent.rows) : parent;
        if (new Set(rows.map((r) => r.key)).size !== rows.length) throw new Error('two rows share a key.');
        state.apply({ upserts: rows, removedKeys: v.removedKeys });
      }
    } catch (error) {
      fail(v, error instanceof Error ? error.message : String(error));
      continue;
    }
    if (children.get(v.id)) states.set(v.id, state);
    visit(v, state);
  }
}

function sameBalance(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && a[k] === b[k]);
}

/** Problems of the rows of `versions` (every one with rows, parents already checked to resolve). */
export function checkVersionRows(versions: readonly SnapshotDatasetVersion[]): SnapshotProblem[] {
  const problems: SnapshotProblem[] = [];
  const indexOf = new Map(versions.map((v, i) => [v.id, i]));
  const at = (v: SnapshotDatasetVersion, field: string) => pointer('/datasets/versions', indexOf.get(v.id)!, field);
  for (const v of versions) {
    const n = v.rows?.length ?? 0;
    if (n !== v.storedRows) problems.push({ path: at(v, 'rows'), message: `holds ${n} rows but storedRows says ${v.storedRows}.` });
  }
  replay(
    versions,
    (v, state) => {
      if (state.size !== v.rowCount) problems.push({ path: at(v, 'rowCount'), message: `says ${v.rowCount} but the rows give ${state.size}.` });
      if (!sameBalance(state.classBalance(), v.classBalance)) problems.push({ path: at(v, 'classBalance'), message: 'does not match the labels of the rows.' });
      if (CURRENT_HASH.test(v.contentHash) && state.contentHash !== v.contentHash) {
        problems.push({ path: at(v, 'contentHash'), message: 'does not match the rows: they were changed after export.' });
      }
    },
    (v, why) => problems.push({ path: at(v, 'rows'), message: `cannot be replayed: ${why}` }),
  );
  return problems;
}

/** The content hash of every version's replayed rows, by id (after masking changed them). */
export function replayedHashes(versions: readonly SnapshotDatasetVersion[]): Map<string, string> {
  const hashes = new Map<string, string>();
  replay(versions, (v, state) => hashes.set(v.id, state.contentHash), () => undefined);
  return hashes;
}
