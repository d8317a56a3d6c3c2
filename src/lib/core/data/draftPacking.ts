/**
 * Record drafts packed for a message between threads (a split read's batches, `splitRead.ts`):
 * every string of a batch joined into one, numbers in typed arrays. The structured clone of the
 * draft objects themselves cost the receiving thread more than a third of what reading them took
 * there (100k-row file, second half: deserializing 0.6–0.8 s against 1.9–2.4 s of reading, under
 * load); one long string and a few typed arrays cross at copying speed, and the receiver makes
 * the objects in a plain loop.
 */
import type { MetaValue } from './dataset';
import type { MalformedInput } from './issues';
import type { RecordDraft } from './recordDrafts';

/** A character that is not ASCII. */
const WIDE = /[\u0080-\uffff]/;
const encoder = new TextEncoder();

/** Whether `s` is ASCII: short strings (ids, labels, dates) in a loop, a regular expression costs about a microsecond per call. */
function isAscii(s: string): boolean {
  if (s.length > 32) return !WIDE.test(s);
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}
const decoder = new TextDecoder();

export interface PackedDrafts {
  count: number;
  /**
   * The strings of every draft, joined: text, label, id, stamp, split, then timestamp and meta
   * strings when present. The ASCII ones as bytes (`narrow`): a string that V8 stores two bytes
   * per character (every field of a row the tokenizer decoded with a non-ASCII character) would
   * make all of them two-byte when joined, and cross at twice the size; decoded, they are one
   * byte per character again. The others joined in `wide`.
   */
  narrow: Uint8Array<ArrayBuffer>;
  wide: string;
  /** Where each string ends in its joined string, in that order. */
  ends: Uint32Array<ArrayBuffer>;
  /** 1 for each string in `wide`. */
  isWide: Uint8Array<ArrayBuffer>;
  lines: Uint32Array<ArrayBuffer>;
  encodingColumns: Int32Array<ArrayBuffer>;
  /** Meta keys, in the drafts' order (one mapping, so the same for all). */
  metaKeys: string[];
  /** Per draft, per meta key: 0 null, 1 a string (the next one), 2 a number (`metaNumbers`); and per draft 1 when it has a timestamp (last column). */
  kinds: Uint8Array<ArrayBuffer>;
  metaNumbers: Float64Array<ArrayBuffer>;
  /** The malformed records, by draft index (few: sent as they are). */
  malformed: [number, MalformedInput][];
}

/** Packs drafts made under one mapping. */
export function packDrafts(drafts: readonly RecordDraft[]): PackedDrafts {
  const count = drafts.length;
  const metaKeys = count ? Object.keys(drafts[0].meta) : [];
  const width = metaKeys.length + 1;
  const kinds = new Uint8Array(count * width);
  const metaNumbers = new Float64Array(count * metaKeys.length);
  const lines = new Uint32Array(count);
  const encodingColumns = new Int32Array(count);
  const parts: string[] = [];
  const malformed: [number, MalformedInput][] = [];
  for (let i = 0; i < count; i++) {
    const d = drafts[i];
    lines[i] = d.line;
    encodingColumns[i] = d.encodingColumn;
    if (d.malformed) malformed.push([i, d.malformed]);
    parts.push(d.text, d.label, d.id, d.stamp, d.split);
    if (d.timestamp !== null) {
      kinds[i * width + metaKeys.length] = 1;
      parts.push(d.timestamp);
    }
    for (let m = 0; m < metaKeys.length; m++) {
      const v = d.meta[metaKeys[m]];
      if (typeof v === 'string') {
        kinds[i * width + m] = 1;
        parts.push(v);
      } else if (typeof v === 'number') {
        kinds[i * width + m] = 2;
        metaNumbers[i * metaKeys.length + m] = v;
      }
    }
  }
  const ends = new Uint32Array(parts.length);
  const isWide = new Uint8Array(parts.length);
  const narrow: string[] = [];
  const wide: string[] = [];
  let narrowAt = 0;
  let wideAt = 0;
  for (let s = 0; s < parts.length; s++) {
    const part = parts[s];
    if (!isAscii(part)) {
      isWide[s] = 1;
      wide.push(part);
      ends[s] = wideAt += part.length;
    } else {
      narrow.push(part);
      ends[s] = narrowAt += part.length;
    }
  }
  return { count, narrow: encoder.encode(narrow.join('')), wide: wide.join(''), ends, isWide, lines, encodingColumns, metaKeys, kinds, metaNumbers, malformed };
}

/** The drafts again, as packed (a draft and its malformed record stay one object). */
export function unpackDrafts(p: PackedDrafts): RecordDraft[] {
  const { wide, ends, isWide, metaKeys, kinds } = p;
  const narrow = decoder.decode(p.narrow);
  const width = metaKeys.length + 1;
  const malformed = new Map(p.malformed);
  const drafts: RecordDraft[] = new Array(p.count);
  let s = 0;
  let narrowFrom = 0;
  let wideFrom = 0;
  const next = () => {
    const to = ends[s];
    let value: string;
    if (isWide[s++] === 1) {
      value = wide.substring(wideFrom, to);
      wideFrom = to;
    } else {
      value = narrow.substring(narrowFrom, to);
      narrowFrom = to;
    }
    return value;
  };
  for (let i = 0; i < p.count; i++) {
    const text = next();
    const label = next();
    const id = next();
    const stamp = next();
    const split = next();
    const timestamp = kinds[i * width + metaKeys.length] === 1 ? next() : null;
    const meta: Record<string, MetaValue> = {};
    for (let m = 0; m < metaKeys.length; m++) {
      const kind = kinds[i * width + m];
      meta[metaKeys[m]] = kind === 1 ? next() : kind === 2 ? p.metaNumbers[i * metaKeys.length + m] : null;
    }
    drafts[i] = { line: p.lines[i], text, label, id, timestamp, stamp, split, meta, encodingColumn: p.encodingColumns[i], malformed: malformed.get(i) ?? null };
  }
  return drafts;
}

/** The buffers a packed batch can hand over instead of copying. */
export const packedBuffers = (p: PackedDrafts): ArrayBuffer[] => [p.narrow.buffer, p.ends.buffer, p.isWide.buffer, p.lines.buffer, p.encodingColumns.buffer, p.kinds.buffer, p.metaNumbers.buffer];
