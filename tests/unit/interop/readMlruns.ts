/**
 * A small reader of an `mlruns/` zip, written from MLflow's FileStore reading code rather than
 * from our writer: experiments are the folders of `mlruns/` but `models` and `.trash`; runs the
 * folders of an experiment but `tags`, `datasets`, `traces`; metric, param and tag keys are the
 * file paths under their folder (so `/` in a key is a subfolder); a metric line is
 * `<timestamp> <value> [<step>]`; registered models are the folders of `mlruns/models/`, their
 * versions the `version-<n>` folders, aliases the files of `aliases/`. YAML is read as PyYAML
 * (YAML 1.1) reads the subset MLflow writes: block maps of scalars, `- item` lists and one level
 * of nested maps; plain `yes`/`on`/`no`/`off` are bools and plain digits are ints, so a string
 * our writer forgot to quote comes back with the wrong type.
 */
import { strFromU8, unzipSync } from 'fflate';

export type YamlScalar = string | number | boolean | null;
export type YamlRead = YamlScalar | YamlScalar[] | Record<string, YamlScalar>;

export interface MetricPoint {
  timestamp: number;
  value: number;
  step: number;
}

export interface RunRead {
  meta: Record<string, YamlRead>;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, MetricPoint[]>;
  /** Artifact paths relative to `artifacts/`. */
  artifacts: Record<string, Uint8Array>;
}

export interface ExperimentRead {
  meta: Record<string, YamlRead>;
  tags: Record<string, string>;
  runs: Record<string, RunRead>;
}

export interface ModelVersionRead {
  meta: Record<string, YamlRead>;
  tags: Record<string, string>;
}

export interface RegisteredModelRead {
  meta: Record<string, YamlRead>;
  tags: Record<string, string>;
  /** alias → version number text. */
  aliases: Record<string, string>;
  versions: Record<number, ModelVersionRead>;
}

export interface MlrunsRead {
  paths: string[];
  experiments: Record<string, ExperimentRead>;
  models: Record<string, RegisteredModelRead>;
}

function unquoteDouble(body: string): string {
  return body.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, esc: string) => {
    if (esc.length > 1) return String.fromCodePoint(parseInt(esc.slice(1), 16));
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '0': '\0', '/': '/', ' ': ' ' };
    if (!(esc in simple)) throw new Error(`yaml: unknown escape \\${esc}`);
    return simple[esc];
  });
}

/** PyYAML's implicit resolvers for ints in other bases, floats and timestamps (resolver.py). */
const PYYAML_OTHER_TYPES = [
  /^[-+]?(?:0b[0-1_]+|0[0-7_]+|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
];

/** One scalar as PyYAML's safe loader would type it (the subset above). */
export function parseScalar(text: string): YamlScalar {
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new Error(`yaml: unterminated ${text}`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.startsWith('"')) {
    if (!text.endsWith('"') || text.length < 2) throw new Error(`yaml: unterminated ${text}`);
    return unquoteDouble(text.slice(1, -1));
  }
  if (/^(?:~|null|Null|NULL|)$/.test(text)) return null;
  if (/^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/.test(text)) return true;
  if (/^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/.test(text)) return false;
  if (/^[-+]?(?:0|[1-9][0-9_]*)$/.test(text)) return Number(text.replace(/_/g, ''));
  if (PYYAML_OTHER_TYPES.some((r) => r.test(text))) throw new Error(`yaml: ${text} would not read as a string but as a number or date`);
  if (text.includes(': ') || text.includes(' #') || /^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) throw new Error(`yaml: ${text} is not a valid plain scalar`);
  return text;
}

/** Splits `key: value` at the first `: ` outside quotes (keys here are plain or quoted scalars). */
function splitKey(line: string): [string, string] {
  let i: number;
  if (line[0] === "'" || line[0] === '"') {
    const q = line[0];
    i = 1;
    while (i < line.length) {
      if (line[i] === q && q === "'" && line[i + 1] === "'") i += 2;
      else if (line[i] === '\\' && q === '"') i += 2;
      else if (line[i] === q) break;
      else i++;
    }
    i++;
  } else {
    i = line.search(/:(?: |$)/);
  }
  if (line[i] !== ':') throw new Error(`yaml: no key in ${JSON.stringify(line)}`);
  return [String(parseScalar(line.slice(0, i))), line.slice(i + 1).trim()];
}

/** A meta.yaml document. */
export function parseYaml(text: string): Record<string, YamlRead> {
  if (!text.endsWith('\n')) throw new Error('yaml: no final newline');
  const lines = text.slice(0, -1).split('\n');
  const out: Record<string, YamlRead> = {};
  for (let i = 0; i < lines.length; i++) {
    const [key, rest] = splitKey(lines[i]);
    if (Object.hasOwn(out, key)) throw new Error(`yaml: duplicate key ${key}`);
    if (rest === '[]') out[key] = [];
    else if (rest === '{}') out[key] = {};
    else if (rest !== '') out[key] = parseScalar(rest);
    else if (lines[i + 1]?.startsWith('- ')) {
      const list: YamlScalar[] = [];
      while (lines[i + 1]?.startsWith('- ')) list.push(parseScalar(lines[++i].slice(2)));
      out[key] = list;
    } else {
      const map: Record<string, YamlScalar> = {};
      while (lines[i + 1]?.startsWith('  ')) {
        const [k, v] = splitKey(lines[++i].slice(2));
        map[k] = parseScalar(v);
      }
      out[key] = map;
    }
  }
  return out;
}

/** Python's float() of MLflow's metric text. */
function parseFloat64(text: string): number {
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  if (!/^-?\d+(?:\.\d+)?(?:e[-+]\d+)?$/.test(text)) throw new Error(`metric value ${text} is not a float`);
  return Number(text);
}

export function parseMetricLines(text: string): MetricPoint[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const parts = line.trim().split(' ');
      if (parts.length !== 2 && parts.length !== 3) throw new Error(`metric line ${JSON.stringify(line)} has ${parts.length} fields`);
      if (!/^\d+$/.test(parts[0]) || (parts[2] !== undefined && !/^-?\d+$/.test(parts[2]))) throw new Error(`bad metric line ${line}`);
      return { timestamp: Number(parts[0]), value: parseFloat64(parts[1]), step: parts.length === 3 ? Number(parts[2]) : 0 };
    });
}

/** Files directly or deeply under `prefix/`, keyed by the rest of their path. */
function under(files: Record<string, Uint8Array>, prefix: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  for (const [path, data] of Object.entries(files)) if (path.startsWith(`${prefix}/`)) out[path.slice(prefix.length + 1)] = data;
  return out;
}

/** Names of the direct subfolders of `prefix/`. */
function subfolders(files: Record<string, Uint8Array>, prefix: string): string[] {
  const names = new Set<string>();
  for (const rest of Object.keys(under(files, prefix))) if (rest.includes('/')) names.add(rest.slice(0, rest.indexOf('/')));
  return [...names].sort();
}

function textFiles(files: Record<string, Uint8Array>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
}

function yamlAt(files: Record<string, Uint8Array>, path: string): Record<string, YamlRead> {
  if (!files[path]) throw new Error(`missing ${path}`);
  return parseYaml(strFromU8(files[path]));
}

function readRun(files: Record<string, Uint8Array>, dir: string): RunRead {
  return {
    meta: yamlAt(files, `${dir}/meta.yaml`),
    params: textFiles(under(files, `${dir}/params`)),
    tags: textFiles(under(files, `${dir}/tags`)),
    metrics: Object.fromEntries(Object.entries(textFiles(under(files, `${dir}/metrics`))).map(([k, v]) => [k, parseMetricLines(v)])),
    artifacts: under(files, `${dir}/artifacts`),
  };
}

/** Reads an export back (throws on anything MLflow's reader would reject that we check). */
export function readMlruns(zip: Uint8Array): MlrunsRead {
  const files = unzipSync(zip);
  const paths = Object.keys(files);
  for (const p of paths) if (!p.startsWith('mlruns/')) throw new Error(`${p} is outside mlruns/`);
  const experiments: Record<string, ExperimentRead> = {};
  for (const id of subfolders(files, 'mlruns').filter((d) => d !== 'models' && d !== '.trash')) {
    const dir = `mlruns/${id}`;
    const runs: Record<string, RunRead> = {};
    for (const runId of subfolders(files, dir).filter((d) => !['tags', 'datasets', 'traces'].includes(d))) runs[runId] = readRun(files, `${dir}/${runId}`);
    experiments[id] = { meta: yamlAt(files, `${dir}/meta.yaml`), tags: textFiles(under(files, `${dir}/tags`)), runs };
  }
  const models: Record<string, RegisteredModelRead> = {};
  for (const name of subfolders(files, 'mlruns/models')) {
    const dir = `mlruns/models/${name}`;
    const versions: Record<number, ModelVersionRead> = {};
    for (const v of subfolders(files, dir).filter((d) => d.startsWith('version-'))) {
      versions[Number(v.slice('version-'.length))] = { meta: yamlAt(files, `${dir}/${v}/meta.yaml`), tags: textFiles(under(files, `${dir}/${v}/tags`)) };
    }
    models[name] = { meta: yamlAt(files, `${dir}/meta.yaml`), tags: textFiles(under(files, `${dir}/tags`)), aliases: textFiles(under(files, `${dir}/aliases`)), versions };
  }
  return { paths, experiments, models };
}
