/**
 * Folders of one-file-per-key entries (params, tags, aliases), written as MLflow's FileStore
 * writes them: the file is named by the key, holds the value as it is, with no final newline.
 */
import type { MlflowFile } from './input';
import { KeyAllocator, sanitizeKey, truncate } from './names';

/**
 * Files `folder/<key>` for `entries`, keys made valid and distinct (a changed key is reported
 * through `warn`), values cut to `limit` characters.
 */
export function keyedFiles(
  folder: string,
  entries: readonly (readonly [string, string])[],
  limit: number,
  warn: (message: string) => void,
): MlflowFile[] {
  const keys = new KeyAllocator();
  return entries.map(([key, value]) => {
    const name = keys.allocate(sanitizeKey(key));
    if (name !== key) warn(`${folder}: ${JSON.stringify(key)} is written as ${JSON.stringify(name)} (MLflow allows letters, digits, _ - . space and /).`);
    if (value.length > limit) warn(`${folder}/${name}: the value is cut to MLflow's limit of ${limit} characters.`);
    return { path: `${folder}/${name}`, data: truncate(value, limit) };
  });
}

/** ms since the epoch of an ISO 8601 time; throws on an invalid one (records always hold valid times). */
export function epochMs(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid time ${JSON.stringify(iso)}.`);
  return ms;
}
