/**
 * Label-quality check: near-duplicate texts that carry different labels. Two rows are near
 * duplicates when the Jaccard similarity of their character 5-gram sets (after `normalizeText`)
 * is at least 0.8 — robust to typos, an extra word or a changed greeting, which word n-grams
 * on short tickets are not.
 *
 * Method (linear in the data, except inside clusters of near duplicates, which `maxCandidates`
 * bounds): identical normalized texts are merged; each distinct text gets a 120-value MinHash
 * signature by one-permutation hashing with optimal densification (Shrivastava 2017: one hash
 * per shingle instead of 120); LSH bands propose candidates, and every candidate whose labels
 * could conflict is checked with the exact Jaccard of its shingle sets. The banding has the
 * most values per band (fewest false candidates) that still proposes a pair *at* the threshold
 * with probability ≥ 0.99 (`lshBanding`). At 0.8 that is 20 bands of 6 values: a pair at
 * Jaccard 0.8 shares a band with probability 1 − (1 − 0.8⁶)²⁰ ≈ 0.998, at 0.5 with ≈ 0.27, at
 * 0.3 with ≈ 0.015. Only the band hashes are kept per text (80 bytes at 0.8); shingles are
 * recomputed for the exact check. Hash seeds come from the seeded Rng.
 */
import { fmix } from './murmur3';
import { createRng } from '../random';
import type { DataRow } from './dataset';
import { normalizeText } from './leakage';
import { compareStrings } from '../compare';

export const SHINGLE_SIZE = 5;
export const DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8;
/** MinHash values per text. */
export const SIGNATURE_SIZE = 120;
/** Probability of proposing a pair whose similarity equals the threshold. */
export const LSH_RECALL_AT_THRESHOLD = 0.99;

/**
 * Bands × rows per band (a divisor of SIGNATURE_SIZE): the most rows per band, i.e. the fewest
 * false candidates, for which 1 − (1 − tʳ)ᵇ ≥ LSH_RECALL_AT_THRESHOLD at threshold t.
 */
export function lshBanding(threshold: number): { bands: number; rowsPerBand: number; recallAtThreshold: number } {
  for (const rowsPerBand of [12, 10, 8, 6, 5, 4, 3, 2, 1]) {
    const bands = SIGNATURE_SIZE / rowsPerBand;
    const recallAtThreshold = 1 - (1 - threshold ** rowsPerBand) ** bands;
    if (recallAtThreshold >= LSH_RECALL_AT_THRESHOLD || rowsPerBand === 1) return { bands, rowsPerBand, recallAtThreshold };
  }
  throw new Error('unreachable');
}

export interface NearDuplicateOptions {
  /** Minimum Jaccard similarity of the 5-gram sets, in (0, 1]; default 0.8. */
  threshold?: number;
  /** Seed of the hash functions; default 'near-duplicates'. Results barely depend on it. */
  seed?: string | number;
  /** At most this many pairs are returned (most similar first); default 1000. */
  maxPairs?: number;
  /**
   * Work budget: distinct candidate pairs checked exactly; default 500,000 (about 1.5 s).
   * Templated texts ("order number 10231 …") can make nearly every pair a candidate; past the
   * budget the search stops and reports `complete: false` with what it found so far.
   */
  maxCandidates?: number;
}

export interface NearDuplicatePair {
  /** Keys with a < b. */
  a: string;
  b: string;
  /** Exact Jaccard similarity of the 5-gram sets, in [threshold, 1]. */
  similarity: number;
  /** Labels of a and b; they always differ. */
  labels: [string, string];
}

export interface NearDuplicateReport {
  /** Most similar first, then by keys. */
  pairs: NearDuplicatePair[];
  /** All conflicting pairs, including those beyond `maxPairs`. */
  totalPairs: number;
  truncated: boolean;
  /** Distinct normalized texts compared, and candidate pairs of them checked exactly. */
  distinctTexts: number;
  candidatesChecked: number;
  /** false when `maxCandidates` stopped the search (then results also depend on row order). */
  complete: boolean;
  /** The LSH banding used for this threshold. */
  bands: number;
  rowsPerBand: number;
}

/** MurmurHash3's 32-bit finalizer as an unsigned number. */
const mix32 = (h: number): number => fmix(h) >>> 0;

const SHINGLE_BASE = 0x01000193;
/** BASE^(SHINGLE_SIZE−1) mod 2³², the weight of the character leaving the window. */
const SHINGLE_BASE_POWER = Array.from({ length: SHINGLE_SIZE - 1 }).reduce<number>((p) => Math.imul(p, SHINGLE_BASE), 1);

/** Number of 5-grams of a text (UTF-16 units); a shorter text is one shingle. */
function shingleCount(text: string): number {
  return Math.max(1, text.length - SHINGLE_SIZE + 1);
}

/**
 * Writes the hashes of the text's character 5-grams into `out` (length ≥ shingleCount): a
 * polynomial rolling hash mod 2³² (O(1) per position), mixed with the seed. Repeats are kept.
 */
function shingleHashes(text: string, seed: number, out: Uint32Array): number {
  const width = Math.min(SHINGLE_SIZE, text.length);
  let h = 0;
  for (let j = 0; j < width; j++) h = (Math.imul(h, SHINGLE_BASE) + text.charCodeAt(j)) | 0;
  out[0] = mix32(h ^ seed);
  for (let i = 1; i + SHINGLE_SIZE <= text.length; i++) {
    h = (Math.imul(h - Math.imul(text.charCodeAt(i - 1), SHINGLE_BASE_POWER), SHINGLE_BASE) + text.charCodeAt(i + SHINGLE_SIZE - 1)) | 0;
    out[i] = mix32(h ^ seed);
  }
  return shingleCount(text);
}

/**
 * Exact Jaccard similarity of 5-gram sets, with reusable scratch space: shingles go into an
 * open-addressing hash set stamped per call, so nothing is sorted or cleared.
 */
export class ShingleJaccard {
  private a = new Uint32Array(256);
  private b = new Uint32Array(256);
  private keys = new Uint32Array(1024);
  private stamps = new Uint32Array(1024);
  private state = new Uint8Array(1024); // 1 = in a only, 2 = in a and b, 3 = in b only
  private stamp = 0;

  constructor(private readonly seed = 0) {}

  /** Jaccard of the texts as given (callers normalize first); two empty texts give 1. */
  similarity(textA: string, textB: string): number {
    const na = shingleCount(textA);
    const nb = shingleCount(textB);
    if (na > this.a.length) this.a = new Uint32Array(na * 2);
    if (nb > this.b.length) this.b = new Uint32Array(nb * 2);
    if (2 * (na + nb) > this.keys.length) {
      const size = 2 ** Math.ceil(Math.log2(4 * (na + nb)));
      this.keys = new Uint32Array(size);
      this.stamps = new Uint32Array(size);
      this.state = new Uint8Array(size);
      this.stamp = 0;
    }
    shingleHashes(textA, this.seed, this.a);
    shingleHashes(textB, this.seed, this.b);
    const stamp = (this.stamp = (this.stamp + 1) >>> 0 || 1);
    const mask = this.keys.length - 1;
    let union = 0;
    let shared = 0;
    for (let i = 0; i < na; i++) {
      const h = this.a[i];
      let slot = h & mask;
      while (this.stamps[slot] === stamp && this.keys[slot] !== h) slot = (slot + 1) & mask;
      if (this.stamps[slot] !== stamp) {
        this.stamps[slot] = stamp;
        this.keys[slot] = h;
        this.state[slot] = 1;
        union++;
      }
    }
    for (let i = 0; i < nb; i++) {
      const h = this.b[i];
      let slot = h & mask;
      while (this.stamps[slot] === stamp && this.keys[slot] !== h) slot = (slot + 1) & mask;
      if (this.stamps[slot] !== stamp) {
        this.stamps[slot] = stamp;
        this.keys[slot] = h;
        this.state[slot] = 3;
        union++;
      } else if (this.state[slot] === 1) {
        this.state[slot] = 2;
        shared++;
      }
    }
    return shared / union;
  }
}

/**
 * One-permutation MinHash of a text's shingle hashes into `signature` (SIGNATURE_SIZE values;
 * repeats do not change a minimum): each hash picks its bin by its high bits and the bin keeps
 * its minimum; an empty bin copies the first originally non-empty bin on a per-bin probe
 * sequence that is the same for every text, which keeps P(equal) = Jaccard.
 */
function signatureOf(hashes: Uint32Array, count: number, probeSeed: number, signature: Uint32Array, filled: Uint8Array): void {
  filled.fill(0);
  for (let i = 0; i < count; i++) {
    const h = hashes[i];
    const bin = Math.floor((h / 4294967296) * SIGNATURE_SIZE);
    if (!filled[bin] || h < signature[bin]) {
      signature[bin] = h;
      filled[bin] = 1;
    }
  }
  for (let bin = 0; bin < SIGNATURE_SIZE; bin++) {
    if (filled[bin]) continue;
    for (let attempt = 1; ; attempt++) {
      const probe = mix32(probeSeed ^ Math.imul(bin + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77)) % SIGNATURE_SIZE;
      if (filled[probe] === 1) {
        signature[bin] = signature[probe];
        break;
      }
    }
    filled[bin] = 2; // densified: never lent onwards, so the result does not depend on bin order
  }
}


/**
 * Pairs of labelled rows whose texts are near duplicates but whose labels differ. Rows with no
 * label or an empty text are skipped. Deterministic for a given seed.
 */
export function findNearDuplicateConflicts(
  rows: readonly Pick<DataRow, 'key' | 'text' | 'label'>[],
  options: NearDuplicateOptions = {},
): NearDuplicateReport {
  const threshold = options.threshold ?? DEFAULT_NEAR_DUPLICATE_THRESHOLD;
  const maxPairs = options.maxPairs ?? 1000;
  const maxCandidates = options.maxCandidates ?? 500_000;
  if (!(threshold > 0 && threshold <= 1)) throw new Error(`Near-duplicate threshold must be in (0, 1], got ${threshold}`);
  const rng = createRng(options.seed ?? 'near-duplicates');
  const [shingleSeed, probeSeed, bandSeed] = [rng(), rng(), rng()].map((u) => Math.floor(u * 4294967296));

  // Distinct normalized texts ("docs") and the labelled rows behind each.
  const docIndex = new Map<string, number>();
  const docTexts: string[] = [];
  const docRows: number[][] = [];
  rows.forEach((row, i) => {
    if (row.label === null) return;
    const text = normalizeText(row.text);
    if (text === '') return;
    const d = docIndex.get(text);
    if (d === undefined) {
      docIndex.set(text, docTexts.length);
      docTexts.push(text);
      docRows.push([i]);
    } else docRows[d].push(i);
  });
  const docCount = docTexts.length;
  const { bands, rowsPerBand } = lshBanding(threshold);
  // The one label of a doc, or -1 when its rows disagree (a conflict by themselves).
  const labelIds = new Map<string, number>();
  const docLabel = new Int32Array(docCount);
  docRows.forEach((members, d) => {
    const labels = [...new Set(members.map((i) => rows[i].label as string))];
    for (const l of labels) if (!labelIds.has(l)) labelIds.set(l, labelIds.size);
    docLabel[d] = labels.length === 1 ? (labelIds.get(labels[0]) as number) : -1;
  });

  // Band hashes: bandKeys[d * bands + band].
  const bandKeys = new Uint32Array(docCount * bands);
  let hashes = new Uint32Array(256);
  const signature = new Uint32Array(SIGNATURE_SIZE);
  const filled = new Uint8Array(SIGNATURE_SIZE);
  for (let d = 0; d < docCount; d++) {
    const text = docTexts[d];
    if (shingleCount(text) > hashes.length) hashes = new Uint32Array(shingleCount(text) * 2);
    const count = shingleHashes(text, shingleSeed, hashes);
    signatureOf(hashes, count, probeSeed, signature, filled);
    for (let band = 0; band < bands; band++) {
      let h = bandSeed ^ band;
      for (let r = band * rowsPerBand; r < (band + 1) * rowsPerBand; r++) h = Math.imul(h ^ signature[r], 0x5bd1e995) ^ (h >>> 15);
      bandKeys[d * bands + band] = mix32(h);
    }
  }

  // Candidates: per band, an open-addressing table from band hash to a chain of docs.
  const jaccard = new ShingleJaccard(shingleSeed);
  const checked = new Set<number>();
  const docPairs: { x: number; y: number; similarity: number }[] = [];
  const check = (x: number, y: number) => {
    const id = x < y ? x * docCount + y : y * docCount + x;
    if (checked.has(id)) return;
    checked.add(id);
    const similarity = jaccard.similarity(docTexts[x], docTexts[y]);
    if (similarity >= threshold) docPairs.push(x < y ? { x, y, similarity } : { x: y, y: x, similarity });
  };
  const tableSize = 2 ** Math.ceil(Math.log2(2 * docCount + 2));
  const mask = tableSize - 1;
  const tableKeys = new Uint32Array(tableSize);
  const heads = new Int32Array(tableSize).fill(-1);
  const next = new Int32Array(docCount);
  const used: number[] = [];
  const bucket: number[] = [];
  let complete = true;
  for (let band = 0; band < bands && complete; band++) {
    for (let d = 0; d < docCount; d++) {
      const key = bandKeys[d * bands + band];
      let slot = key & mask;
      while (heads[slot] !== -1 && tableKeys[slot] !== key) slot = (slot + 1) & mask;
      if (heads[slot] === -1) {
        tableKeys[slot] = key;
        used.push(slot);
      }
      next[d] = heads[slot];
      heads[slot] = d;
    }
    for (const slot of used) {
      bucket.length = 0;
      for (let d = heads[slot]; d !== -1; d = next[d]) bucket.push(d);
      heads[slot] = -1;
      if (bucket.length < 2 || !complete) continue;
      // Docs with one shared label cannot conflict: sorted by label (mixed docs, -1, first),
      // each doc is paired only with the docs after its own label group.
      if (bucket.length > 2) bucket.sort((p, q) => docLabel[p] - docLabel[q] || p - q);
      for (let i = 0; i < bucket.length && complete; i++) {
        const label = docLabel[bucket[i]];
        let j = i + 1;
        if (label >= 0) while (j < bucket.length && docLabel[bucket[j]] === label) j++;
        for (; j < bucket.length; j++) {
          if (checked.size >= maxCandidates) {
            complete = false;
            break;
          }
          check(bucket[i], bucket[j]);
        }
      }
    }
    used.length = 0;
  }
  for (let d = 0; d < docCount; d++) if (docLabel[d] < 0) docPairs.push({ x: d, y: d, similarity: 1 });

  // Expand doc pairs to row pairs with different labels, most similar first. Pairs are counted
  // from label counts (n·m − Σ same-label products) and only the first maxPairs are built.
  const firstKey = docRows.map((members) => members.reduce((k, i) => (rows[i].key < k ? rows[i].key : k), rows[members[0]].key));
  docPairs.sort((p, q) => q.similarity - p.similarity || compareStrings(firstKey[p.x], firstKey[q.x]) || compareStrings(firstKey[p.y], firstKey[q.y]));
  const labelCounts = (d: number) => {
    const counts = new Map<string | null, number>();
    for (const i of docRows[d]) counts.set(rows[i].label, (counts.get(rows[i].label) ?? 0) + 1);
    return counts;
  };
  const pairs: NearDuplicatePair[] = [];
  let totalPairs = 0;
  for (const { x, y, similarity } of docPairs) {
    const left = docRows[x];
    const right = docRows[y];
    const countsX = labelCounts(x);
    const countsY = x === y ? countsX : labelCounts(y);
    let same = 0;
    for (const [label, n] of countsX) same += n * (countsY.get(label) ?? 0);
    totalPairs += x === y ? (left.length * left.length - same) / 2 : left.length * right.length - same;
    for (let p = 0; p < left.length && pairs.length < maxPairs; p++) {
      for (let q = x === y ? p + 1 : 0; q < right.length && pairs.length < maxPairs; q++) {
        const r = rows[left[p]];
        const s = rows[right[q]];
        if (r.label === s.label) continue;
        const [first, second] = r.key <= s.key ? [r, s] : [s, r];
        pairs.push({ a: first.key, b: second.key, similarity, labels: [first.label as string, second.label as string] });
      }
    }
  }
  pairs.sort((p, q) => q.similarity - p.similarity || compareStrings(p.a, q.a) || compareStrings(p.b, q.b));
  return { pairs, totalPairs, truncated: totalPairs > pairs.length, distinctTexts: docCount, candidatesChecked: checked.size, complete, bands, rowsPerBand };
}
