/**
 * The largest file of each kind the app reads, and the one decision every reader makes before
 * reading a byte: `File.size` is known without reading, so a file past its limit is refused
 * with its size and the limit instead of freezing a thread for seconds and then failing with a
 * misleading error (Chromium hands back an empty string for a text longer than a JavaScript
 * string can hold, about 512 MiB, which then reads as "not valid JSON").
 */
import { MAX_SNAPSHOT_CHARS } from './snapshot/safeJson';
import { DEFAULT_UNPACK_LIMITS } from './registry/modelPackage';

/** Limits in bytes, per kind of file. */
export const FILE_SIZE_LIMITS = {
  /** A lifecycle snapshot (.json): no file within this many bytes exceeds the reader's character limit. */
  snapshot: MAX_SNAPSHOT_CHARS,
  /** A model package (.zip): what it may hold unpacked (an archive is its contents, compressed or stored, plus a few bytes per file). */
  modelPackage: DEFAULT_UNPACK_LIMITS.maxTotalBytes,
  /** An outcomes CSV (id and label per line): about a million outcomes. */
  outcomesCsv: 64 * 1024 * 1024,
  /** A dataset CSV: parsed records wait in the data worker's memory until they are imported, so a few million rows. */
  datasetCsv: 512 * 1024 * 1024,
} as const;

export type FileKind = keyof typeof FILE_SIZE_LIMITS;

/** Bytes in binary megabytes with one decimal: 268435456 → "256.0 MB". */
export function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Why a file of `sizeBytes` is not read as a `kind`, or null when it is within the limit. */
export function fileSizeProblem(kind: FileKind, sizeBytes: number): string | null {
  const limit = FILE_SIZE_LIMITS[kind];
  return sizeBytes > limit ? `the file is too large to read: ${mebibytes(sizeBytes)}, and at most ${mebibytes(limit)} is read.` : null;
}
