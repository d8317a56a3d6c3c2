/**
 * A minimal reader of the Prometheus text format 0.0.4, strict where a scrape would fail: every
 * sample belongs to a family declared by `# TYPE` before it (histograms own `_bucket`, `_sum`,
 * `_count`), label values use only the `\\`, `\"` and `\n` escapes, no series appears twice,
 * histogram buckets are cumulative and end with `le="+Inf"` equal to `_count`.
 */

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestamp?: number;
}

export interface PromFamily {
  type: string;
  help: string;
  samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;

function parseValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(text)) throw new Error(`bad value ${text}`);
  return Number(text);
}

function parseLabels(text: string, line: string): [Record<string, string>, string] {
  const labels: Record<string, string> = {};
  let i = 1;
  while (text[i] !== '}') {
    const name = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))?.[0];
    if (!name || text[i + name.length] !== '=' || text[i + name.length + 1] !== '"') throw new Error(`bad label in ${line}`);
    i += name.length + 2;
    let value = '';
    while (text[i] !== '"') {
      if (i >= text.length) throw new Error(`unterminated label in ${line}`);
      if (text[i] === '\\') {
        const esc = text[i + 1];
        if (esc === 'n') value += '\n';
        else if (esc === '\\' || esc === '"') value += esc;
        else throw new Error(`bad escape in ${line}`);
        i += 2;
      } else value += text[i++];
    }
    if (Object.hasOwn(labels, name)) throw new Error(`label ${name} twice in ${line}`);
    labels[name] = value;
    i++;
    if (text[i] === ',') i++;
  }
  return [labels, text.slice(i + 1)];
}

export function parsePrometheus(text: string): Map<string, PromFamily> {
  if (!text.endsWith('\n')) throw new Error('no final newline');
  const families = new Map<string, PromFamily>();
  const seen = new Set<string>();
  const familyOf = (name: string) => {
    const exact = families.get(name);
    if (exact && exact.type !== 'histogram') return exact;
    for (const suffix of ['_bucket', '_sum', '_count']) {
      const family = name.endsWith(suffix) ? families.get(name.slice(0, -suffix.length)) : undefined;
      if (family?.type === 'histogram') return family;
    }
    throw new Error(`sample ${name} before its # TYPE`);
  };
  const helps = new Map<string, string>();
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'HELP') helps.set(meta[2], meta[3].replace(/\\n/g, '\n').replace(/\\\\/g, '\\'));
      else {
        if (families.has(meta[2])) throw new Error(`${meta[2]} declared twice`);
        if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(meta[3])) throw new Error(`bad type ${meta[3]}`);
        families.set(meta[2], { type: meta[3], help: helps.get(meta[2]) ?? '', samples: [] });
      }
      continue;
    }
    if (line.startsWith('#')) throw new Error(`unexpected comment ${line}`);
    const name = NAME.exec(line)?.[0];
    if (!name) throw new Error(`bad line ${line}`);
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) [labels, rest] = parseLabels(rest, line);
    const parts = rest.trim().split(' ');
    if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) throw new Error(`bad sample ${line}`);
    const sample: PromSample = { name, labels, value: parseValue(parts[0]) };
    if (parts[1] !== undefined) {
      if (!/^-?\d+$/.test(parts[1])) throw new Error(`bad timestamp in ${line}`);
      sample.timestamp = Number(parts[1]);
    }
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) throw new Error(`series twice: ${line}`);
    seen.add(key);
    familyOf(name).samples.push(sample);
  }
  for (const [name, family] of families) if (family.type === 'histogram') checkHistogram(name, family);
  return families;
}

function checkHistogram(name: string, family: PromFamily): void {
  const series = new Map<string, PromSample[]>();
  for (const s of family.samples) {
    if (s.name !== `${name}_bucket`) continue;
    const { le, ...rest } = s.labels;
    if (le === undefined) throw new Error(`${name}_bucket without le`);
    const key = JSON.stringify(Object.entries(rest).sort());
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, buckets] of series) {
    let last = -Infinity;
    let count = -Infinity;
    for (const b of buckets) {
      const le = parseValue(b.labels.le);
      if (!(le > last)) throw new Error(`${name}: le not increasing`);
      if (b.value < count) throw new Error(`${name}: buckets not cumulative`);
      last = le;
      count = b.value;
    }
    if (last !== Infinity) throw new Error(`${name}: no +Inf bucket`);
    const total = family.samples.find((s) => s.name === `${name}_count` && JSON.stringify(Object.entries(s.labels).sort()) === key);
    if (total?.value !== count) throw new Error(`${name}: _count ${total?.value} ≠ +Inf bucket ${count}`);
    if (!family.samples.some((s) => s.name === `${name}_sum` && JSON.stringify(Object.entries(s.labels).sort()) === key)) throw new Error(`${name}: no _sum`);
  }
}

/** The value of the one sample of `name` whose labels include `labels`. */
export function valueOf(families: Map<string, PromFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const family of families.values()) {
    const hit = family.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    if (hit.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} matches ${hit.length} samples`);
    if (hit.length === 1) return hit[0].value;
  }
  return undefined;
}
