/**
 * A snapshot diff as Markdown, one section per area that changed. Text from the snapshots
 * (names, messages, reasons) goes through registry/markdownText.ts, so markup in a name stays
 * literal text. Numbers are formatted without locale, so the output is deterministic.
 */
import { inlineText, markdownTable } from '../registry/markdownText';
import type { MetricChange, SnapshotDiff, VersionRef } from './diffSnapshots';

const DASH = '—';

/** A value as the diff writes it: integers as is, fractions to 4 decimals without trailing zeros (also the diff page's). */
export function diffNumber(x: number | null): string {
  if (x === null) return DASH;
  return Number.isInteger(x) ? String(x) : x.toFixed(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** A change with its sign: "+0.0125", "-3". */
export function diffDelta(x: number | null): string {
  if (x === null) return DASH;
  return `${x > 0 ? '+' : ''}${diffNumber(x)}`;
}

const label = (v: VersionRef | null) => v?.label ?? 'nothing';

function metricTable(changes: readonly MetricChange[], what = 'Metric'): string {
  return markdownTable([what, 'Before', 'After', 'Change'], changes.map((c) => [c.metric, diffNumber(c.before), diffNumber(c.after), diffDelta(c.delta)]), ['left', 'right', 'right', 'right']);
}

function bullets(lines: readonly string[]): string {
  return lines.map((l) => `- ${l}`).join('\n');
}

/** The diff as a Markdown document. */
export function snapshotDiffMarkdown(diff: SnapshotDiff): string {
  const out: string[] = [
    `# Snapshot diff: ${inlineText(diff.after.project)}`,
    `From the snapshot of ${inlineText(diff.before.exportedAt)} (${inlineText(diff.before.project)}) to the one of ${inlineText(diff.after.exportedAt)}.`,
  ];
  if (diff.unchanged) return [...out, 'Nothing changed.'].join('\n\n') + '\n';

  const m = diff.models;
  const models = [
    ...m.added.map((v) => `New model version: ${inlineText(v.label)}`),
    ...m.removed.map((v) => `Removed model version: ${inlineText(v.label)}`),
    ...m.archived.map((v) => `Archived: ${inlineText(v.label)}`),
    ...m.restored.map((v) => `Restored from the archive: ${inlineText(v.label)}`),
    ...m.aliasMoves.map((a) => `${inlineText(a.modelName)} @${inlineText(a.alias)}: ${inlineText(label(a.from))} → ${inlineText(label(a.to))}`),
  ];
  if (models.length) out.push('## Models', bullets(models));

  const { champion, runs } = diff.metrics;
  if (champion.changes.length || champion.before?.label !== champion.after?.label || runs.length) {
    out.push('## Metrics');
    if (champion.before?.label !== champion.after?.label) out.push(`Champion: ${inlineText(label(champion.before))} → ${inlineText(label(champion.after))}`);
    if (champion.changes.length) out.push(`### Champion (${inlineText(label(champion.after))})`, metricTable(champion.changes));
    for (const run of runs) out.push(`### Run ${run.run} (${inlineText(run.family)}, ${run.status})`, metricTable(run.changes));
  }

  const d = diff.data;
  const data = [
    ...d.added.map((v) => `New dataset version ${v.number} (${inlineText(v.change)}, ${v.rowCount} rows): ${inlineText(v.message)}`),
    ...d.removed.map((v) => `Removed dataset version ${v.number}: ${inlineText(v.message)}`),
  ];
  if (d.latest.rowsBefore !== d.latest.rowsAfter) data.push(`Rows in the latest version: ${diffNumber(d.latest.rowsBefore)} → ${diffNumber(d.latest.rowsAfter)}`);
  if (data.length || d.latest.classBalance.length) {
    out.push('## Data', ...(data.length ? [bullets(data)] : []));
    if (d.latest.classBalance.length) out.push(`Class balance, version ${diffNumber(d.latest.before)} → ${diffNumber(d.latest.after)}:`, metricTable(d.latest.classBalance, 'Label'));
  }

  const dep = diff.deployments;
  const deployments = [
    ...dep.added.filter((x) => !x.rollback).map((x) => `Deployed ${inlineText(label(x.served))} as ${inlineText(x.alias)} at ${inlineText(x.createdAt)} (now ${inlineText(x.status)})`),
    ...dep.rollbacks.map((r) => `Rolled back to ${inlineText(label(r.to))} at ${inlineText(r.createdAt)}${r.reason ? `: ${inlineText(r.reason)}` : ''}`),
  ];
  if (dep.served.changed) deployments.push(`Served version: ${inlineText(label(dep.served.before))} → ${inlineText(label(dep.served.after))}`);
  if (deployments.length) out.push('## Deployments', bullets(deployments));

  const g = diff.gates;
  const gates = [
    ...g.added.map((x) => `New gate before ${inlineText(x.stage)}: ${inlineText(x.name)} (${inlineText(x.status)})`),
    ...g.removed.map((x) => `Removed gate: ${inlineText(x.name)}`),
    ...g.changed.map((x) => `${inlineText(x.name)} (${inlineText(x.stage)}): ${inlineText(x.before)} → ${inlineText(x.after)}`),
  ];
  if (gates.length) out.push('## Gates', bullets(gates));

  const c = diff.criteria;
  const criteria = [
    ...c.added.map((x) => `New: ${inlineText(x)}`),
    ...c.removed.map((x) => `Removed: ${inlineText(x)}`),
    ...c.changed.map((x) => `${inlineText(x.before)} → ${inlineText(x.after)}`),
  ];
  if (criteria.length) out.push('## Success criteria', bullets(criteria));
  return out.join('\n\n') + '\n';
}
