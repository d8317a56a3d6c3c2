/**
 * Where the export's `artifact_location` / `artifact_uri` values point.
 *
 * Relative (the default, `./mlruns`): MLflow resolves it against the directory it runs in, so the
 * artifacts are found only when MLflow is started in the folder that holds `mlruns/`. Absolute:
 * the person states the folder they will unzip into, and every URI is the `file://` URI of
 * `<folder>/mlruns`, written as MLflow writes its own (`pathlib.Path(...).as_uri()`, see
 * mlflow/utils/file_utils.py `path_to_local_file_uri`): UTF-8 percent-encoding of everything but
 * `A-Z a-z 0-9 _ . - ~ /` (Python's `quote_from_bytes(safe='/')`), a Windows drive kept as
 * `file:///C:/…`, a UNC share `\\host\share` as `file://host/share/…`.
 */

export const RELATIVE_ARTIFACT_ROOT = './mlruns';

export type ArtifactRoot = { kind: 'relative'; root: string } | { kind: 'absolute'; root: string; folder: string };

/** Python's `urllib.parse.quote_from_bytes(b, safe='/')` of the UTF-8 bytes of `path`. */
export function quotePath(path: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(path)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~/-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Path segments without empty and `.` ones; `..` is refused (the folder must be spelled out). */
function segmentsOf(rest: string, folder: string): string[] {
  const parts = rest.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new Error(`Write the folder without "..": ${JSON.stringify(folder)}.`);
  return parts;
}

/**
 * The `file://` URI of an absolute folder, as `pathlib.Path(folder).as_uri()` gives it on the
 * system the path belongs to (POSIX `/…`, Windows `C:\…` or `C:/…`, UNC `\\host\share\…`).
 * Throws a sentence a person can act on for anything else (empty, relative, `~`).
 */
export function folderFileUri(folder: string): string {
  const raw = folder.trim();
  if (raw === '') throw new Error('Give the folder you will unzip the export into.');
  if ([...raw].some((ch) => ch.charCodeAt(0) < 0x20)) throw new Error('The folder contains a control character.');
  const drive = /^([A-Za-z]):[\\/](.*)$/.exec(raw);
  if (drive) return `file:///${drive[1]}:/${quotePath(segmentsOf(drive[2].replace(/\\/g, '/'), raw).join('/'))}`;
  const unc = /^[\\/]{2}([^\\/]+)[\\/]+([^\\/]+)(.*)$/.exec(raw);
  if (unc && raw.startsWith('\\\\')) {
    const rest = segmentsOf(unc[3].replace(/\\/g, '/'), raw);
    return `file://${quotePath(unc[1])}/${quotePath([unc[2], ...rest].join('/'))}`;
  }
  if (raw.startsWith('/')) return `file:///${quotePath(segmentsOf(raw, raw).join('/'))}`;
  if (raw.startsWith('~')) throw new Error(`Write the full path instead of "~" (MLflow does not expand it): ${JSON.stringify(raw)}.`);
  throw new Error(`Give the full path of the folder, starting with "/" (or a drive like C:\\): ${JSON.stringify(raw)}.`);
}

/** The artifact root for an unzip folder (blank: the relative default). */
export function artifactRootFor(unzipFolder: string | undefined): ArtifactRoot {
  if (unzipFolder === undefined || unzipFolder.trim() === '') return { kind: 'relative', root: RELATIVE_ARTIFACT_ROOT };
  const base = folderFileUri(unzipFolder).replace(/\/+$/, '');
  return { kind: 'absolute', root: `${base}/mlruns`, folder: unzipFolder.trim() };
}
