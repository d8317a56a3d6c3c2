/**
 * Names that become file and folder names in the file store, checked against MLflow's own rules
 * (mlflow/utils/validation.py, mlflow/store/model_registry/file_store.py):
 * - metric, param and tag keys: only letters, digits, `_`, `-`, `.`, space and `/` (the regex
 *   `^[/\w.\- ]*$`, `\w` being Unicode-aware in Python), at most 250 characters, and the key must
 *   be its own normalised path (no leading `/`, no `//`, `.` or `..` segments); `/` makes
 *   subfolders. Other characters become `_`.
 * - registered model names: anything but `/` (and `\` on Windows) and `%`. We also replace the
 *   characters Windows cannot put in a file name and a trailing dot or space, so the zip unpacks
 *   everywhere; the exact name travels as the tag `lifecycle_lab.model_name`.
 * - aliases: `^[\w\-]*$`, at most 255, not `latest` and not `v<digits>` (those are version refs).
 * Keys of one folder must also be distinct as files: `a` and `a/b` cannot both exist, nor (on
 * macOS and Windows) `Loss` and `loss`; {@link KeyAllocator} adds `_2`, `_3`, … to later ones.
 */

export const MAX_KEY_LENGTH = 250;
export const MAX_PARAM_VALUE_LENGTH = 6000;
export const MAX_TAG_VALUE_LENGTH = 5000;
export const MAX_ALIAS_LENGTH = 255;

const KEY_CHAR = /[\p{L}\p{N}_./ -]/u;
const ALIAS = /^[\p{L}\p{N}_-]+$/u;
/** MLflow's `/` and `%`, Windows' `\\` and reserved characters (control characters are checked apart). */
const FORBIDDEN_IN_DIR_NAME = '/\\%<>:"|?*';

/** A metric, param or tag key MLflow accepts, as close to `key` as possible (never empty). */
export function sanitizeKey(key: string): string {
  let clean = '';
  for (const ch of key) clean += KEY_CHAR.test(ch) ? ch : '_';
  // Python counts code points, so cut by code point.
  const segments = [...clean].slice(0, MAX_KEY_LENGTH).join('').split('/').filter((s) => s !== '' && s !== '.').map((s) => (s === '..' ? '__' : s));
  return segments.length ? segments.join('/') : '_';
}

/** Whether MLflow would accept `alias` as a registered-model alias. */
export function isMlflowAlias(alias: string): boolean {
  return ALIAS.test(alias) && alias.length <= MAX_ALIAS_LENGTH && alias.toLowerCase() !== 'latest' && !/^[vV]\d+$/.test(alias);
}

/** A registered model's folder name for `name` (see the file comment). */
export function modelDirName(name: string): string {
  let clean = '';
  for (const ch of name) clean += FORBIDDEN_IN_DIR_NAME.includes(ch) || ch.charCodeAt(0) < 0x20 ? '_' : ch;
  // A trailing dot or space (so also "." and "..") is dropped by Windows: make it visible.
  clean = clean.replace(/[. ]+$/, (tail) => '_'.repeat(tail.length));
  return clean === '' ? '_' : clean;
}

/** Value cut to MLflow's limit (MLflow itself truncates long values when asked to). */
export function truncate(value: string, limit: number): string {
  return value.length <= limit ? value : value.slice(0, limit);
}

/**
 * Hands out distinct names within one folder: equal ignoring case, or one the folder prefix of the
 * other, counts as taken. A taken name gets `_2`, `_3`, …, at its end, or after the folder that is
 * already a file (`loss` taken: `loss/val` becomes `loss_2/val`).
 */
export class KeyAllocator {
  private readonly taken = new Set<string>();
  private readonly folders = new Set<string>();

  /** The name `wanted` gets (already sanitised by the caller). */
  allocate(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.clashes(name); n++) {
      const cut = this.takenPrefixLength(wanted);
      name = cut < 0 ? `${wanted.slice(0, MAX_KEY_LENGTH - String(n).length - 1)}_${n}` : `${wanted.slice(0, cut)}_${n}${wanted.slice(cut)}`;
    }
    const lower = name.toLowerCase();
    this.taken.add(lower);
    const parts = lower.split('/');
    for (let i = 1; i < parts.length; i++) this.folders.add(parts.slice(0, i).join('/'));
    return name;
  }

  private clashes(name: string): boolean {
    const lower = name.toLowerCase();
    return this.taken.has(lower) || this.folders.has(lower) || this.takenPrefixLength(name) >= 0;
  }

  /** Length of the shortest folder prefix of `name` that is a taken file, or -1. */
  private takenPrefixLength(name: string): number {
    const parts = name.split('/');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('/');
      if (this.taken.has(prefix.toLowerCase())) return prefix.length;
    }
    return -1;
  }
}
