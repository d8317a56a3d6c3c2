/**
 * A dataset version held in memory, and the changes that derive the next version from it.
 *
 * Versions are immutable. A derived version (a label change, a split, masked PII) is stored as
 * a delta — the rows it changes or adds and the keys it removes — on top of its parent, so a
 * label change on a 100k-row dataset writes one row, not 100k. This class applies deltas and
 * keeps the content hash current in O(changed rows).
 */
import type { DataRow } from './dataset';
import { MultisetHash, rowDigestInto } from './hash';
import { classBalanceOf } from './classBalance';

export interface Delta {
  /** New or replaced rows (matched by key). */
  upserts: DataRow[];
  removedKeys: string[];
}

/** Words of one row digest in the packed store. */
const DIGEST = 4;

export class DatasetState {
  readonly rows: DataRow[] = [];
  #position = new Map<string, number>();
  /**
   * Row i's digest at words [4i, 4i+4) (`rowDigestInto`'s words): one buffer, not an object per
   * row (a million rows would cost ~150 MB more), written in place as rows are hashed.
   */
  #digests = new Uint32Array(DIGEST * 256);
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
        this.#hash.combineWords(this.#digests, i * DIGEST, -1);
        rowDigestInto(row, this.#digests, i * DIGEST);
        this.#hash.combineWords(this.#digests, i * DIGEST, 1);
        this.rows[i] = row;
      }
    }
    if (delta.removedKeys.length) this.#remove(new Set(delta.removedKeys));
  }

  /** The content hash the state would have after a delta, without applying it (same rules as apply). */
  hashAfter(delta: Delta): string {
    const hash = this.#hash.clone();
    // Digests of the upserted rows, DIGEST words each; by key, the latest one's word offset.
    const upserted = new Map<string, number>();
    const digests = new Uint32Array(delta.upserts.length * DIGEST);
    const removeCurrent = (key: string) => {
      const at = upserted.get(key);
      if (at !== undefined) hash.combineWords(digests, at, -1);
      else {
        const i = this.#position.get(key);
        if (i !== undefined) hash.combineWords(this.#digests, i * DIGEST, -1);
      }
    };
    delta.upserts.forEach((row, u) => {
      removeCurrent(row.key);
      rowDigestInto(row, digests, u * DIGEST);
      hash.combineWords(digests, u * DIGEST, 1);
      upserted.set(row.key, u * DIGEST);
    });
    for (const key of new Set(delta.removedKeys)) removeCurrent(key);
    return hash.hex();
  }

  /** Counts per label; unlabelled rows count under ''. */
  classBalance(): Record<string, number> {
    return classBalanceOf(this.rows);
  }

  /** Appends a row with a new key, hashing it: a state can be filled as its rows are made. */
  add(row: DataRow): void {
    if (this.#position.has(row.key)) throw new Error(`Two rows share the key “${row.key}”.`);
    const i = this.rows.length;
    if ((i + 1) * DIGEST > this.#digests.length) {
      const grown = new Uint32Array(this.#digests.length * 2);
      grown.set(this.#digests);
      this.#digests = grown;
    }
    rowDigestInto(row, this.#digests, i * DIGEST);
    this.#position.set(row.key, i);
    this.rows.push(row);
    this.#hash.combineWords(this.#digests, i * DIGEST, 1);
  }

  #remove(keys: Set<string>): void {
    let write = 0;
    for (let read = 0; read < this.rows.length; read++) {
      const row = this.rows[read];
      if (keys.has(row.key)) {
        this.#hash.combineWords(this.#digests, read * DIGEST, -1);
        this.#position.delete(row.key);
        continue;
      }
      if (write !== read) {
        // Only rows after a removed one move (a map update per row before it is a wasted lookup).
        this.rows[write] = row;
        this.#digests.copyWithin(write * DIGEST, read * DIGEST, (read + 1) * DIGEST);
        this.#position.set(row.key, write);
      }
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
