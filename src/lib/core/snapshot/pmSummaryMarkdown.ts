/**
 * The PM summary as a one-page Markdown document. Text from the snapshot goes through
 * registry/markdownText.ts (markup in a project name stays literal text); numbers are formatted
 * without locale, so the same snapshot always gives the same page.
 */
import { inlineText, markdownTable, paragraphs } from '../registry/markdownText';
import type { PmSummary } from './pmSummary';

const DASH = '—';
const STATUS_WORD = { 'not-started': 'not started', 'in-progress': 'in progress', done: 'done', blocked: 'blocked' } as const;

const pct = (x: number | null) => (x === null ? DASH : `${(x * 100).toFixed(1)} %`);
const ms = (x: number | null) => (x === null ? DASH : `${x.toFixed(1)} ms`);

/** A measured value in its criterion's unit: latency in ms, everything else a percentage (also the PM page's). */
export function measuredText(text: string, x: number | null): string {
  if (x === null) return DASH;
  return /latency/i.test(text) ? ms(x) : pct(x);
}

export function pmSummaryMarkdown(s: PmSummary): string {
  const out: string[] = [
    `# ${inlineText(s.project.name)} — lifecycle summary`,
    `Snapshot of ${inlineText(s.exportedAt)}. CRISP-DM phase: ${inlineText(s.crispPhase)}.`,
  ];
  if (s.project.description.trim()) out.push(paragraphs(s.project.description));

  out.push('## Stages', markdownTable(['Stage', 'Status', 'Why'], s.stages.map((x) => [x.title, STATUS_WORD[x.status], x.reason])));

  out.push('## Champion and success criteria');
  out.push(s.champion ? `Champion: ${inlineText(s.champion.label)} (run ${s.champion.runNumber ?? DASH}, dataset version ${s.champion.datasetVersion ?? DASH}).` : 'No model version holds the champion alias.');
  out.push(
    s.criteria.length
      ? markdownTable(
          ['Criterion', 'Measured', 'Status', 'Measured on'],
          s.criteria.map((c) => [c.text, measuredText(c.text, c.measured), c.status, c.source === 'production' ? 'live traffic' : c.source === 'run' ? 'evaluation run' : DASH]),
          ['left', 'right', 'left', 'left'],
        )
      : 'No success criteria are set.',
  );

  const d = s.deployment;
  out.push('## Deployment');
  out.push(
    d.served
      ? `Serving ${inlineText(d.served)} as ${inlineText(d.alias ?? '')} since ${inlineText(d.since ?? '')}${d.canary ? `, with ${inlineText(d.canary)}` : ''}. ${d.deployments} deployments, ${d.rollbacks} rollbacks.`
      : `Nothing is deployed. ${d.deployments} deployments, ${d.rollbacks} rollbacks.`,
  );

  const m = s.monitoring;
  out.push('## Monitoring');
  out.push(
    m.requests || m.predictions || m.availability !== null
      ? markdownTable(
          ['Days', 'Requests', 'Predictions', 'Error rate', 'p99 latency', 'Accuracy (ground truth)', 'Availability', 'Alerts'],
          [[String(m.days), String(m.requests), String(m.predictions), pct(m.errorRate), ms(m.p99Ms), pct(m.accuracy), pct(m.availability), String(m.alerts)]],
          ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
        )
      : 'No live traffic was logged.',
  );

  out.push('## Drift');
  out.push(s.drift.latest ? `Latest of ${s.drift.reports} reports (${inlineText(s.drift.latest.createdAt)}): ${inlineText(s.drift.latest.title)}.` : 'No drift report yet.');

  out.push('## Open gates');
  out.push(
    s.openGates.length
      ? markdownTable(['Gate', 'Guards', 'Status', 'Requirement'], s.openGates.map((g) => [g.name, g.stage, g.status, g.requirement]))
      : 'No gate is pending or rejected.',
  );
  return out.join('\n\n') + '\n';
}
