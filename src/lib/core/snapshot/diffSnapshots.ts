/**
 * What changed between two snapshots of a project (before → after): models, metrics, data,
 * deployments, gates and success criteria. Records are matched by what people see rather than
 * by id, so a snapshot and the snapshot of its re-import compare as equal: runs and dataset
 * versions by number, model versions by name and version, gates by stage and name, criteria
 * by id, deployments by time and served version.
 */
import { formatCriterion } from '../lifecycle/criteria';
import type { SnapshotDeployment, SnapshotDocument, SnapshotModelVersion, SnapshotRun } from './document';

export interface MetricChange {
  metric: string;
  before: number | null;
  after: number | null;
  /** after − before; null when either side is missing. */
  delta: number | null;
}

export interface VersionRef {
  modelName: string;
  version: number;
  /** "ticket-router v2". */
  label: string;
}

export interface RunMetricsDiff {
  run: number;
  family: string;
  status: 'added' | 'removed' | 'changed';
  changes: MetricChange[];
}

export interface SnapshotDiff {
  before: { project: string; exportedAt: string };
  after: { project: string; exportedAt: string };
  models: {
    added: VersionRef[];
    removed: VersionRef[];
    archived: VersionRef[];
    restored: VersionRef[];
    aliasMoves: { modelName: string; alias: string; from: VersionRef | null; to: VersionRef | null }[];
  };
  metrics: {
    runs: RunMetricsDiff[];
    /** The champion (the version holding the "champion" alias) on each side and its run's metrics. */
    champion: { before: VersionRef | null; after: VersionRef | null; changes: MetricChange[] };
  };
  data: {
    added: { number: number; message: string; change: string; rowCount: number }[];
    removed: { number: number; message: string }[];
    /** The newest dataset version on each side. */
    latest: { before: number | null; after: number | null; rowsBefore: number | null; rowsAfter: number | null; classBalance: MetricChange[] };
  };
  deployments: {
    added: { createdAt: string; served: VersionRef | null; alias: string; status: string; rollback: boolean }[];
    rollbacks: { createdAt: string; to: VersionRef | null; reason: string }[];
    served: { before: VersionRef | null; after: VersionRef | null; changed: boolean };
  };
  gates: {
    added: { stage: string; name: string; status: string }[];
    removed: { stage: string; name: string; status: string }[];
    changed: { stage: string; name: string; before: string; after: string }[];
  };
  criteria: { added: string[]; removed: string[]; changed: { id: string; before: string; after: string }[] };
  /** True when nothing above changed. */
  unchanged: boolean;
}

const ref = (v: SnapshotModelVersion): VersionRef => ({ modelName: v.modelName, version: v.version, label: `${v.modelName} v${v.version}` });
const versionKey = (v: { modelName: string; version: number }) => `${v.modelName}\u0000${v.version}`;

function metricChanges(before: Record<string, number>, after: Record<string, number>): MetricChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((metric) => {
    const b = Object.hasOwn(before, metric) ? before[metric] : null;
    const a = Object.hasOwn(after, metric) ? after[metric] : null;
    return a === b ? [] : [{ metric, before: b, after: a, delta: a !== null && b !== null ? a - b : null }];
  });
}

function champion(doc: SnapshotDocument): SnapshotModelVersion | null {
  return doc.registry.modelVersions.find((v) => v.aliases.includes('champion')) ?? null;
}

function servedVersion(doc: SnapshotDocument, d: SnapshotDeployment | undefined): VersionRef | null {
  const v = d && doc.registry.modelVersions.find((m) => m.id === d.modelVersionId);
  return v ? ref(v) : null;
}

function diffModels(a: SnapshotDocument, b: SnapshotDocument): SnapshotDiff['models'] {
  const before = new Map(a.registry.modelVersions.map((v) => [versionKey(v), v]));
  const after = new Map(b.registry.modelVersions.map((v) => [versionKey(v), v]));
  const both = [...after.values()].filter((v) => before.has(versionKey(v)));
  const holders = (doc: SnapshotDocument) => {
    const map = new Map<string, SnapshotModelVersion>();
    for (const v of doc.registry.modelVersions) for (const alias of v.aliases) map.set(`${v.modelName}\u0000${alias}`, v);
    return map;
  };
  const [hb, ha] = [holders(a), holders(b)];
  const aliasMoves = [...new Set([...hb.keys(), ...ha.keys()])].sort().flatMap((key) => {
    const [from, to] = [hb.get(key), ha.get(key)];
    if (from && to && versionKey(from) === versionKey(to)) return [];
    const [modelName, alias] = key.split('\u0000');
    return [{ modelName, alias, from: from ? ref(from) : null, to: to ? ref(to) : null }];
  });
  return {
    added: [...after.values()].filter((v) => !before.has(versionKey(v))).map(ref),
    removed: [...before.values()].filter((v) => !after.has(versionKey(v))).map(ref),
    archived: both.filter((v) => v.archived && !before.get(versionKey(v))!.archived).map(ref),
    restored: both.filter((v) => !v.archived && before.get(versionKey(v))!.archived).map(ref),
    aliasMoves,
  };
}

function diffMetrics(a: SnapshotDocument, b: SnapshotDocument): SnapshotDiff['metrics'] {
  const before = new Map(a.runs.map((r) => [r.number, r]));
  const after = new Map(b.runs.map((r) => [r.number, r]));
  const numbers = [...new Set([...before.keys(), ...after.keys()])].sort((x, y) => x - y);
  const runs = numbers.flatMap((n): RunMetricsDiff[] => {
    const [rb, ra] = [before.get(n), after.get(n)];
    const changes = metricChanges(rb?.metrics ?? {}, ra?.metrics ?? {});
    const status = !rb ? 'added' : !ra ? 'removed' : 'changed';
    return status === 'changed' && !changes.length ? [] : [{ run: n, family: (ra ?? rb)!.family, status, changes }];
  });
  const runOf = (doc: SnapshotDocument, v: SnapshotModelVersion | null): SnapshotRun | undefined => (v ? doc.runs.find((r) => r.id === v.runId) : undefined);
  const [cb, ca] = [champion(a), champion(b)];
  return {
    runs,
    champion: { before: cb ? ref(cb) : null, after: ca ? ref(ca) : null, changes: metricChanges(runOf(a, cb)?.metrics ?? {}, runOf(b, ca)?.metrics ?? {}) },
  };
}

function diffData(a: SnapshotDocument, b: SnapshotDocument): SnapshotDiff['data'] {
  const before = new Map(a.datasets.versions.map((v) => [v.number, v]));
  const after = new Map(b.datasets.versions.map((v) => [v.number, v]));
  const newest = (doc: SnapshotDocument) => doc.datasets.versions.reduce<(typeof doc.datasets.versions)[number] | null>((m, v) => (!m || v.number > m.number ? v : m), null);
  const [lb, la] = [newest(a), newest(b)];
  return {
    added: [...after.values()].filter((v) => !before.has(v.number)).map((v) => ({ number: v.number, message: v.message, change: v.change, rowCount: v.rowCount })),
    removed: [...before.values()].filter((v) => !after.has(v.number)).map((v) => ({ number: v.number, message: v.message })),
    latest: {
      before: lb?.number ?? null,
      after: la?.number ?? null,
      rowsBefore: lb?.rowCount ?? null,
      rowsAfter: la?.rowCount ?? null,
      classBalance: metricChanges(lb?.classBalance ?? {}, la?.classBalance ?? {}),
    },
  };
}

function diffDeployments(a: SnapshotDocument, b: SnapshotDocument): SnapshotDiff['deployments'] {
  const key = (doc: SnapshotDocument, d: SnapshotDeployment) => `${d.createdAt}\u0000${servedVersion(doc, d)?.label ?? ''}`;
  const seen = new Set(a.deployments.map((d) => key(a, d)));
  const added = b.deployments.filter((d) => !seen.has(key(b, d)));
  const active = (doc: SnapshotDocument) => servedVersion(doc, doc.deployments.find((d) => d.status === 'active'));
  const [sb, sa] = [active(a), active(b)];
  return {
    added: added.map((d) => ({ createdAt: d.createdAt, served: servedVersion(b, d), alias: d.alias, status: d.status, rollback: d.rollbackOf !== null })),
    rollbacks: added.filter((d) => d.rollbackOf !== null).map((d) => ({ createdAt: d.createdAt, to: servedVersion(b, d), reason: d.reason ?? '' })),
    served: { before: sb, after: sa, changed: sb?.label !== sa?.label },
  };
}

function diffGates(a: SnapshotDocument, b: SnapshotDocument): SnapshotDiff['gates'] {
  const key = (g: { stage: string; name: string }) => `${g.stage}\u0000${g.name}`;
  const before = new Map(a.gates.map((g) => [key(g), g]));
  const after = new Map(b.gates.map((g) => [key(g), g]));
  const pick = ({ stage, name, status }: { stage: string; name: string; status: string }) => ({ stage, name, status });
  return {
    added: [...after.values()].filter((g) => !before.has(key(g))).map(pick),
    removed: [...before.values()].filter((g) => !after.has(key(g))).map(pick),
    changed: [...after.values()].flatMap((g) => {
      const old = before.get(key(g));
      return old && old.status !== g.status ? [{ stage: g.stage, name: g.name, before: old.status, after: g.status }] : [];
    }),
  };
}

function diffCriteria(a: SnapshotDocument, b: SnapshotDocument): SnapshotDiff['criteria'] {
  const before = new Map(a.canvas.criteria.map((c) => [c.id, formatCriterion(c)]));
  const after = new Map(b.canvas.criteria.map((c) => [c.id, formatCriterion(c)]));
  return {
    added: [...after].filter(([id]) => !before.has(id)).map(([, text]) => text),
    removed: [...before].filter(([id]) => !after.has(id)).map(([, text]) => text),
    changed: [...after].flatMap(([id, text]) => (before.has(id) && before.get(id) !== text ? [{ id, before: before.get(id)!, after: text }] : [])),
  };
}

/** Everything that changed from `before` to `after`. */
export function diffSnapshots(before: SnapshotDocument, after: SnapshotDocument): SnapshotDiff {
  const diff = {
    before: { project: before.project.name, exportedAt: before.exportedAt },
    after: { project: after.project.name, exportedAt: after.exportedAt },
    models: diffModels(before, after),
    metrics: diffMetrics(before, after),
    data: diffData(before, after),
    deployments: diffDeployments(before, after),
    gates: diffGates(before, after),
    criteria: diffCriteria(before, after),
  };
  const { models: m, metrics, data, deployments: d, gates: g, criteria: c } = diff;
  const counts = [
    m.added, m.removed, m.archived, m.restored, m.aliasMoves, metrics.runs, metrics.champion.changes, data.added, data.removed, data.latest.classBalance,
    d.added, g.added, g.removed, g.changed, c.added, c.removed, c.changed,
  ].reduce((n, list) => n + list.length, 0);
  const unchanged = counts === 0 && !d.served.changed && data.latest.rowsBefore === data.latest.rowsAfter && metrics.champion.before?.label === metrics.champion.after?.label;
  return { ...diff, unchanged };
}
