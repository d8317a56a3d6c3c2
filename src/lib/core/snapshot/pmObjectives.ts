/**
 * The PM summary's objectives and key results: each key result's progress read from the same
 * figures the summary shows — the criteria as judged for the served version (pmSummary.ts) and
 * the business figures of the exported traffic against the project's targets.
 */
import { metricById } from '../lifecycle/criteria';
import { KEY_RESULT_STATUS_TEXT, objectivesProgress, type MeasureProgress, type ObjectiveProgress } from '../lifecycle/objectives';
import { businessOf } from '../monitor/businessValue';
import { formatAmount } from '../monitor/businessText';
import { inlineText, markdownTable } from '../registry/markdownText';
import type { SnapshotDocument } from './document';

/** What pmSummary judged of each criterion. */
type JudgedRow = { id: string; text: string; status: 'pass' | 'fail' | 'unmeasured'; measured: number | null };

export function pmObjectives(doc: SnapshotDocument, criteria: readonly JudgedRow[]): ObjectiveProgress[] {
  const settings = businessOf(doc.project);
  const b = doc.monitoring.business ?? null;
  const units = new Map(doc.canvas.criteria.map((c) => [c.id, metricById(c.metric)?.unit === 'ms' ? ('ms' as const) : ('ratio' as const)]));
  return objectivesProgress(
    doc.canvas.objectives ?? [],
    criteria.map((c) => ({ ...c, unit: units.get(c.id) ?? 'ratio' })),
    { targets: settings.targets, unit: settings.unit, measured: b ? { automaticShare: b.automaticShare, valuePerDay: b.valuePerDay } : null },
  );
}

const MEASURE_STATUS_TEXT: Record<MeasureProgress['status'], string> = {
  met: 'met', missed: 'missed', unmeasured: 'not measured yet', 'no-target': 'no target set', missing: 'no longer set',
};

/** "93.0 % (met)", "240.0 ms (missed)", "not measured yet" — the same in the page and the Markdown. */
export function measureResultText(m: MeasureProgress): string {
  const status = MEASURE_STATUS_TEXT[m.status];
  if (m.measured === null) return status;
  const value = m.unit === 'ratio' ? `${(m.measured * 100).toFixed(1)} %` : m.unit === 'ms' ? `${m.measured.toFixed(1)} ms` : `${formatAmount(m.measured)} ${m.amountUnit ?? ''} per day`;
  return `${value} (${status})`;
}

/** "1 of 2 measures met — partly met", or "not measured yet" (measures without a target are not counted). */
export function keyResultProgressText(k: ObjectiveProgress['keyResults'][number]): string {
  const word = KEY_RESULT_STATUS_TEXT[k.status];
  return k.status === 'unmeasured' || k.status === 'no-measures' ? word : `${k.met} of ${k.counted} measures met — ${word}`;
}

/** The section for the Markdown summary: one table of key results per objective. */
export function objectivesMarkdown(objectives: readonly ObjectiveProgress[]): string[] {
  if (!objectives.length) return [];
  const out = ['## Objectives and key results'];
  for (const o of objectives) {
    out.push(`### ${inlineText(o.text)}`);
    out.push(
      o.keyResults.length
        ? markdownTable(['Key result', 'Progress', 'Measured by'], o.keyResults.map((k) => [k.text, keyResultProgressText(k), k.measures.map((m) => `${m.text}: ${measureResultText(m)}`).join('; ') || '—']))
        : 'No key result yet.',
    );
  }
  return out;
}
