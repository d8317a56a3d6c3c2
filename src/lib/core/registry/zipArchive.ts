/**
 * Small, careful ZIP writing and reading for exported packages.
 *
 * Writing goes through fflate's `zipSync` with everything that could vary pinned: entries in the
 * given order, one fixed modification time, fixed compression levels — so the same entries give
 * the same bytes on every machine and in every time zone.
 *
 * Reading is done here rather than with `unzipSync`, because an archive comes from outside and
 * must not be trusted: the central directory is read first and limits (entry count, declared
 * total size) are checked before anything is decompressed; only the entries asked for are
 * inflated, in small steps, stopping as soon as one produces more than its declared size (a
 * "zip bomb" cannot allocate more than the cap); every inflated entry must have exactly its
 * declared size and CRC-32. ZIP64, encryption and methods other than stored/deflate are refused.
 */
import { Inflate, zipSync, type Zippable } from 'fflate';

export interface ZipEntryInput {
  /** Path inside the archive, '/'-separated. */
  name: string;
  data: Uint8Array;
  /** Deflate (level 6) when true; store as is when false (incompressible data such as weights). */
  compress: boolean;
}

/**
 * The modification time of every entry. A date-time without zone is read as local time, so
 * fflate's local-time DOS encoding writes exactly 1980-01-01 00:00:00 whatever the time zone
 * (a `Date` or timestamp would shift with it). 1980-01-01 is the earliest DOS date, as used by
 * other reproducible-build tools.
 */
const FIXED_MTIME = '1980-01-01T00:00:00';

/** A deterministic ZIP of `entries`, in the given order. Names must be unique. */
export function writeZip(entries: readonly ZipEntryInput[]): Uint8Array {
  const files: Zippable = {};
  for (const entry of entries) {
    if (Object.hasOwn(files, entry.name)) throw new Error(`writeZip: duplicate entry ${entry.name}`);
    files[entry.name] = [entry.data, { level: entry.compress ? 6 : 0, mtime: FIXED_MTIME }];
  }
  return zipSync(files, { mtime: FIXED_MTIME });
}

export interface ZipLimits {
  /** Most entries an archive may list. */
  maxEntries: number;
  /** Most bytes all entries together may declare once decompressed. */
  maxTotalBytes: number;
}

/** One central-directory entry. */
export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  /** Declared decompressed size in bytes. */
  size: number;
  crc32: number;
  localHeaderOffset: number;
}

export type ZipListing = { ok: true; entries: ZipEntry[] } | { ok: false; errors: string[] };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
/** Compressed bytes fed to the inflater per step: bounds the memory one step can produce (~1000× this). */
const INFLATE_STEP = 16 * 1024;

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const utf8 = new TextDecoder('utf-8');

/**
 * The archive's entries from its central directory, after checking the limits and that every
 * entry is one this reader can extract. Nothing is decompressed.
 */
export function listZipEntries(bytes: Uint8Array, limits: ZipLimits): ZipListing {
  const fail = (error: string): ZipListing => ({ ok: false, errors: [error] });
  let eocd = -1;
  for (let at = bytes.length - EOCD_SIZE; at >= 0 && at >= bytes.length - EOCD_SIZE - MAX_COMMENT; at--) {
    if (u32(bytes, at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return fail('This is not a ZIP archive (no end-of-central-directory record found).');
  const count = u16(bytes, eocd + 10);
  const directorySize = u32(bytes, eocd + 12);
  const directoryOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    return fail('ZIP64 archives are not supported (a model package is far smaller than 4 GB).');
  }
  if (u16(bytes, eocd + 4) !== 0 || u16(bytes, eocd + 8) !== count) return fail('Multi-part (spanned) ZIP archives are not supported.');
  if (count > limits.maxEntries) return fail(`The archive lists ${count} files; at most ${limits.maxEntries} are accepted.`);
  if (directoryOffset + directorySize > eocd) return fail('The ZIP archive is truncated or corrupt (central directory out of range).');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(bytes, at) !== CENTRAL_SIGNATURE) return fail('The ZIP archive is corrupt (bad central directory entry).');
    const flags = u16(bytes, at + 8);
    const method = u16(bytes, at + 10);
    const crc32 = u32(bytes, at + 16);
    const compressedSize = u32(bytes, at + 20);
    const size = u32(bytes, at + 24);
    const nameLength = u16(bytes, at + 28);
    const extraLength = u16(bytes, at + 30);
    const commentLength = u16(bytes, at + 32);
    const localHeaderOffset = u32(bytes, at + 42);
    if (at + 46 + nameLength > eocd) return fail('The ZIP archive is corrupt (file name out of range).');
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;

    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
      return fail(`${name}: ZIP64 entries are not supported.`);
    }
    if (flags & 0x1) return fail(`${name} is encrypted; encrypted archives are not supported.`);
    if (method !== 0 && method !== 8) return fail(`${name} uses compression method ${method}; only stored and deflate are supported.`);
    if (method === 0 && compressedSize !== size) return fail(`${name}: stored entry with different compressed and declared sizes.`);
    if (names.has(name)) return fail(`The archive contains ${name} twice.`);
    names.add(name);
    total += size;
    if (total > limits.maxTotalBytes) {
      return fail(`The archive's files add up to more than ${mib(limits.maxTotalBytes)} once decompressed; that is over the limit for a model package.`);
    }
    entries.push({ name, method, compressedSize, size, crc32, localHeaderOffset });
  }
  return { ok: true, entries };
}

/** The decompressed bytes of `entry`; throws an Error naming the entry when they are not exactly what the directory declares. */
export function extractZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || u32(bytes, at) !== LOCAL_SIGNATURE) throw new Error(`${entry.name}: the ZIP archive is corrupt (bad local header).`);
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new Error(`${entry.name}: the ZIP archive is truncated.`);
  const compressed = bytes.subarray(start, end);
  const data = entry.method === 0 ? compressed.slice() : inflateExactly(compressed, entry);
  if (crc32(data) !== entry.crc32) throw new Error(`${entry.name}: checksum mismatch, the file is damaged.`);
  return data;
}

function inflateExactly(compressed: Uint8Array, entry: ZipEntry): Uint8Array {
  const out = new Uint8Array(entry.size);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > out.length) throw new Error(`${entry.name} decompresses to more than its declared ${entry.size} bytes.`);
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    if (compressed.length === 0) inflater.push(compressed, true);
    for (let p = 0; p < compressed.length; p += INFLATE_STEP) {
      inflater.push(compressed.subarray(p, p + INFLATE_STEP), p + INFLATE_STEP >= compressed.length);
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(why.startsWith(entry.name) ? why : `${entry.name}: corrupt compressed data (${why}).`, { cause: error });
  }
  if (written !== out.length) throw new Error(`${entry.name} decompresses to ${written} bytes, not its declared ${entry.size}.`);
  return out;
}

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3, as ZIP uses) of `data`. */
export function crc32(data: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
