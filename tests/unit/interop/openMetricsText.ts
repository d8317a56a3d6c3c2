/**
 * A strict reader of the OpenMetrics text our backfill writes, from the OpenMetrics 1.0 rules
 * (not from our writer): `# TYPE`/`# UNIT`/`# HELP` before a family's samples, samples named for
 * their family (`_total` for counters; `_bucket`, `_count`, `_sum` for histograms), every sample
 * timestamped in seconds, and `# EOF` as the last line and nothing after it.
 */
export interface OmSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Seconds since the epoch, as written. */
  seconds: number;
}

export interface OmFamily {
  type: string;
  unit?: string;
  help: string;
  samples: OmSample[];
}

const SUFFIXES: Record<string, string[]> = { counter: ['_total'], gauge: [''], histogram: ['_bucket', '_count', '_sum'] };

function parseLabels(block: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!block) return labels;
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/gy;
  let m: RegExpExecArray | null;
  let read = 0;
  while ((m = re.exec(block))) {
    labels[m[1]] = m[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    read = re.lastIndex;
  }
  if (read !== block.length) throw new Error(`bad labels {${block}}`);
  return labels;
}

export function parseOpenMetrics(text: string): Map<string, OmFamily> {
  if (!text.endsWith('# EOF\n')) throw new Error('does not end with "# EOF"');
  const lines = text.slice(0, -'# EOF\n'.length).split('\n').slice(0, -1);
  const families = new Map<string, OmFamily>();
  let current: [string, OmFamily] | null = null;
  for (const line of lines) {
    const meta = /^# (TYPE|UNIT|HELP) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$/.exec(line);
    if (meta) {
      const [, kind, name, rest] = meta;
      if (kind === 'TYPE') {
        if (families.has(name)) throw new Error(`family ${name} appears twice`);
        current = [name, { type: rest, help: '', samples: [] }];
        families.set(name, current[1]);
      } else {
        if (!current || current[0] !== name) throw new Error(`${kind} of ${name} outside its family`);
        if (kind === 'UNIT') {
          if (!name.endsWith(`_${rest}`)) throw new Error(`${name} does not end with its unit ${rest}`);
          current[1].unit = rest;
        } else current[1].help = rest;
      }
      continue;
    }
    if (line.startsWith('#')) throw new Error(`unexpected comment ${line}`);
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error(`bad sample line ${line}`);
    if (!current) throw new Error(`sample before any TYPE: ${line}`);
    const [familyName, family] = current;
    if (!SUFFIXES[family.type]?.some((s) => m[1] === familyName + s)) throw new Error(`${m[1]} does not belong to ${family.type} ${familyName}`);
    if (!/^\d+(\.\d{1,3})?$/.test(m[4])) throw new Error(`timestamp ${m[4]} is not seconds: ${line}`);
    const value = m[3] === '+Inf' ? Infinity : m[3] === '-Inf' ? -Infinity : Number(m[3]);
    family.samples.push({ name: m[1], labels: parseLabels(m[2]), value, seconds: Number(m[4]) });
  }
  return families;
}

/** The values of one series (name and exactly these labels), in written order. */
export function seriesOf(families: Map<string, OmFamily>, name: string, labels: Record<string, string>): OmSample[] {
  const key = JSON.stringify(Object.entries(labels).sort());
  return [...families.values()].flatMap((f) => f.samples).filter((s) => s.name === name && JSON.stringify(Object.entries(s.labels).sort()) === key);
}
