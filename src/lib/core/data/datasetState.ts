/**
 * A dataset version held in memory, and the changes that derive the next version from it.
 *
 * Versions are immutable. A derived version (a label change, a split, masked PII) is stored as
 * a delta — the rows it changes or adds and the keys it removes — on top of its parent, so a
 * label change on a 100k-row dataset writes one row, not 100k. This class applies deltas and
 * keeps the content hash current in O(changed rows).
 */
import type { DataRow } from './dataset';
import { MultisetHash, rowDigest } from './hash';
import { classBalanceOf } from './classBalance';

export interface Delta {
  /** New or replaced rows (matched by key). */
  upserts: DataRow[];
  removedKeys: string[];
}

/** Bytes of one row digest in the packed store. */
const DIGEST = 16;

export class DatasetState {
  readonly rows: DataRow[] = [];
  #position = new Map<string, number>();
  /** Row i's digest at bytes [16i, 16i+16): one buffer, not an object per row (a million rows would cost ~150 MB more). */
  #digests = new Uint8Array(DIGEST * 256);
  #hash = new MultisetHash();

  constructor(rows: readonly DataRow[] = []) {
    for (const row of rows) this.add(row);
  }

  get contentHash(): string {
    return this.#hash.hex();
  }

  get size(): number {
    return this.rows.length;
  }

  get(key: string): DataRow | undefined {
    const i = this.#position.get(key);
    return i === undefined ? undefined : this.rows[i];
  }

  has(key: string): boolean {
    return this.#position.has(key);
  }

  /** An independent copy (no row is hashed again). */
  clone(): DatasetState {
    const copy = new DatasetState();
    copy.adopt(this);
    return copy;
  }

  /** Makes this state hold the same rows as `other` (a copy: later changes to either stay apart). */
  adopt(other: DatasetState): void {
    if (other === this) return;
    this.rows.length = 0;
    for (const row of other.rows) this.rows.push(row);
    this.#position = new Map(other.#position);
    this.#digests = other.#digests.slice(0, Math.max(DIGEST, other.rows.length * DIGEST));
    this.#hash = other.#hash.clone();
  }

  /** Applies a delta in place: upserts replace rows with the same key or append new ones. */
  apply(delta: Delta): void {
    for (const row of delta.upserts) {
      const i = this.#position.get(row.key);
      if (i === undefined) {
        this.add(row);
      } else {
        const digest = rowDigest(row);
        this.#hash.remove(this.#digestAt(i)).add(digest);
        this.rows[i] = row;
        this.#digests.set(digest, i * DIGEST);
      }
    }
    if (delta.removedKeys.length) this.#remove(new Set(delta.removedKeys));
  }

  /** The content hash the state would have after a delta, without applying it (same rules as apply). */
  hashAfter(delta: Delta): string {
    const hash = this.#hash.clone();
    const upserted = new Map<string, Uint8Array>();
    for (const row of delta.upserts) {
      const previous = upserted.get(row.key) ?? this.#digestOf(row.key);
      if (previous) hash.remove(previous);
      const digest = rowDigest(row);
      hash.add(digest);
      upserted.set(row.key, digest);
    }
    for (const key of new Set(delta.removedKeys)) {
      const current = upserted.get(key) ?? this.#digestOf(key);
      if (current) hash.remove(current);
    }
    return hash.hex();
  }

  #digestOf(key: string): Uint8Array | undefined {
    const i = this.#position.get(key);
    return i === undefined ? undefined : this.#digestAt(i);
  }

  /** A view of row i's digest (valid until the store changes). */
  #digestAt(i: number): Uint8Array {
    return this.#digests.subarray(i * DIGEST, (i + 1) * DIGEST);
  }

  /** Counts per label; unlabelled rows count under ''. */
  classBalance(): Record<string, number> {
    return classBalanceOf(this.rows);
  }

  /** Appends a row with a new key, hashing it: a state can be filled as its rows are made. */
  add(row: DataRow): void {
    if (this.#position.has(row.key)) throw new Error(`Two rows share the key “${row.key}”.`);
    const digest = rowDigest(row);
    const i = this.rows.length;
    if ((i + 1) * DIGEST > this.#digests.length) {
      const grown = new Uint8Array(this.#digests.length * 2);
      grown.set(this.#digests);
      this.#digests = grown;
    }
    this.#position.set(row.key, i);
    this.rows.push(row);
    this.#digests.set(digest, i * DIGEST);
    this.#hash.add(digest);
  }

  #remove(keys: Set<string>): void {
    let write = 0;
    for (let read = 0; read < this.rows.length; read++) {
      const row = this.rows[read];
      if (keys.has(row.key)) {
        this.#hash.remove(this.#digestAt(read));
        this.#position.delete(row.key);
        continue;
      }
      this.rows[write] = row;
      if (write !== read) this.#digests.copyWithin(write * DIGEST, read * DIGEST, (read + 1) * DIGEST);
      this.#position.set(row.key, write);
      write++;
    }
    this.rows.length = write;
  }
}

/** The delta that sets `label` on the given rows (rows already carrying it are left out). */
export function relabelDelta(state: DatasetState, keys: readonly string[], label: string | null): Delta {
  const upserts: DataRow[] = [];
  for (const key of new Set(keys)) {
    const row = state.get(key);
    if (!row) throw new Error(`No row with key “${key}” in this version.`);
    if (row.label !== label) upserts.push({ ...row, label });
  }
  return { upserts, removedKeys: [] };
}
