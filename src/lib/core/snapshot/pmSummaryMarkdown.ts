/**
 * The PM summary as a one-page Markdown document. Text from the snapshot goes through
 * registry/markdownText.ts (markup in a project name stays literal text); numbers are formatted
 * without locale, so the same snapshot always gives the same page.
 */
import { inlineText, markdownTable, paragraphs } from '../registry/markdownText';
import type { PmModel, PmSummary } from './pmSummary';
import type { PmGovernance } from './pmGovernance';
import type { SnapshotBusiness } from './document';
import { businessFacts } from '../monitor/businessText';
import { objectivesMarkdown } from './pmObjectives';

const DASH = '—';
const STATUS_WORD = { 'not-started': 'not started', 'in-progress': 'in progress', done: 'done', blocked: 'blocked' } as const;

const pct = (x: number | null) => (x === null ? DASH : `${(x * 100).toFixed(1)} %`);
const ms = (x: number | null) => (x === null ? DASH : `${x.toFixed(1)} ms`);

/** A measured value in its criterion's unit: latency in ms, everything else a percentage (also the PM page's). */
export function measuredText(text: string, x: number | null): string {
  if (x === null) return DASH;
  return /latency/i.test(text) ? ms(x) : pct(x);
}

const modelText = (m: PmModel) => `${m.label} (run ${m.runNumber ?? DASH}, dataset version ${m.datasetVersion ?? DASH})`;

/**
 * What is served and what holds the champion alias, in plain text (also the PM page's): the
 * criteria read the served version, so a deployment without the alias still shows its metrics.
 */
export function modelsText(s: Pick<PmSummary, 'served' | 'champion'>): string {
  const { served, champion } = s;
  if (served && champion?.label === served.label) return `Served: ${modelText(served)}, which holds the champion alias.`;
  if (served && champion) return `Served: ${modelText(served)}. Champion: ${modelText(champion)}, not served.`;
  if (served) return `Served: ${modelText(served)}. No model version holds the champion alias.`;
  if (champion) return `Champion: ${modelText(champion)}. Nothing is served.`;
  return 'No model version is served or holds the champion alias.';
}

export function pmSummaryMarkdown(s: PmSummary): string {
  const out: string[] = [
    `# ${inlineText(s.project.name)} — lifecycle summary`,
    `Snapshot of ${inlineText(s.exportedAt)}. CRISP-DM phase: ${inlineText(s.crispPhase)}.`,
  ];
  if (s.project.description.trim()) out.push(paragraphs(s.project.description));

  out.push('## Stages', markdownTable(['Stage', 'Status', 'Why'], s.stages.map((x) => [x.title, STATUS_WORD[x.status], x.reason])));

  out.push('## Model and success criteria');
  out.push(inlineText(modelsText(s)));
  out.push(
    s.criteria.length
      ? markdownTable(
          ['Criterion', 'Measured', 'Status', 'Measured on'],
          s.criteria.map((c) => [c.note ? `${c.text} (${c.note})` : c.text, measuredText(c.text, c.measured), c.status, c.source === 'production' ? 'live traffic' : c.source === 'run' ? 'evaluation run' : DASH]),
          ['left', 'right', 'left', 'left'],
        )
      : 'No success criteria are set.',
  );
  out.push(...objectivesMarkdown(s.objectives));

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
  if (m.business) out.push(...businessMarkdown(m.business));

  out.push('## Drift');
  out.push(s.drift.latest ? `Latest of ${s.drift.reports} reports (${inlineText(s.drift.latest.createdAt)}): ${inlineText(s.drift.latest.title)}.` : 'No drift report yet.');
  if (s.retrain) out.push('## Retraining', retrainText(s.retrain));

  // Gate records of the earlier format (kept by imported snapshots); the governance section replaces them.
  if (s.openGates.length || !s.governance) {
    out.push('## Open gates');
    out.push(
      s.openGates.length
        ? markdownTable(['Gate', 'Guards', 'Status', 'Requirement'], s.openGates.map((g) => [g.name, g.stage, g.status, g.requirement]))
        : 'No gate is pending or rejected.',
    );
  }
  if (s.governance) out.push(...governanceMarkdown(s.governance));
  return out.join('\n\n') + '\n';
}

/** "Standard v3 (hash 1a2b3c4d5e6f)", or that nothing is gated. */
export function policyText(g: PmGovernance): string {
  return g.policy ? `Policy: ${g.policy.name} v${g.policy.version} (hash ${g.policy.hash.slice(0, 12)}).` : 'No governance policy is published: nothing is gated.';
}

/** A waiver's end in words (also the PM page's): "2027-01-31 (12 days left, expiring soon)". */
export function waiverEndText(w: PmGovernance['waivers'][number]): string {
  return `${w.expiresAt.slice(0, 10)} (${w.daysLeft === 1 ? '1 day' : `${w.daysLeft} days`} left${w.expiringSoon ? ', expiring soon' : ''})`;
}

/** Whether a retrain is due, with its reasons, as Markdown (a list when due). */
function retrainText(r: NonNullable<PmSummary['retrain']>): string {
  return r.due ? ['A retrain is due under the retraining policy:', ...r.reasons.map((x) => `- ${inlineText(x)}`)].join('\n') : 'No retrain is due under the retraining policy.';
}

function governanceMarkdown(g: PmGovernance): string[] {
  const out = ['## Governance', inlineText(policyText(g))];
  if (!g.policy) return out;
  const rows = g.gates.flatMap((gate) => (gate.objects.length ? gate.objects.map((o) => [gate.name, o.label, o.statusText, o.summary]) : [[gate.name, DASH, DASH, 'Nothing to judge yet.']]));
  out.push(markdownTable(['Gate', 'For', 'Status', 'Why'], rows));
  out.push('### Blocked now', g.blocked.length ? g.blocked.map((b) => `- ${inlineText(b)}`).join('\n') : 'Nothing is blocked.');
  out.push(
    '### Waivers in force',
    g.waivers.length
      ? markdownTable(['Gate', 'For', 'Expires', 'Owner', 'Reason'], g.waivers.map((w) => [w.gate, w.object, waiverEndText(w), w.owner, w.reason]))
      : 'No waiver is in force.',
  );
  return out;
}

/** The business figures: the span they cover, one row per figure, and the targets' alerts. */
function businessMarkdown(b: SnapshotBusiness): string[] {
  const span = `${inlineText(b.from.slice(0, 16).replace('T', ' '))} to ${inlineText(b.to.slice(0, 16).replace('T', ' '))} UTC`;
  const out = ['### Business value', `The last 7 days of traffic (${span}).`];
  out.push(markdownTable(['Figure', 'Value'], businessFacts(b).map((f) => [f.label, f.value]), ['left', 'right']));
  out.push(b.alerts.length ? b.alerts.map((a) => `- ${inlineText(a)}`).join('\n') : 'No business target was missed.');
  return out;
}
