/**
 * The diagnosis report of the CTR drift lab: the evidence gathered at each step of the workflow
 * and the decision taken, as a JSON document (`{kind, schemaVersion, data}`, like every export)
 * and as Markdown for people. Text typed by the learner goes through markdownText.ts.
 */
import type { CtrScenarioRecord } from '../scenarios/ctr';
import type { ColumnDrift } from '../drift/report';
import { inlineText, markdownTable, paragraphs } from '../registry/markdownText';
import type { ActionEffect, DropCheck, SegmentFinding, WeekWindow } from './ctrEvidence';

export const DIAGNOSIS_KIND = 'lifecycle-lab/diagnosis';
export const DIAGNOSIS_SCHEMA_VERSION = 1;

export const DECISIONS = {
  retrain: 'Retrain on recent data',
  'champion-challenger': 'Champion–challenger evaluation, then deploy the winner',
  'feature-change': 'Change the feature pipeline',
  rollback: 'Roll back to the previous model',
  monitor: 'Keep monitoring, no change yet',
} as const;
export type Decision = keyof typeof DECISIONS;

export interface DriftEvidence {
  reference: WeekWindow;
  current: WeekWindow;
  columns: Pick<ColumnDrift, 'name' | 'test' | 'testLabel' | 'statistic' | 'pValue' | 'score' | 'threshold' | 'drifted' | 'thresholdKind'>[];
  driftedCount: number;
  share: number;
  datasetDrift: boolean;
}

export interface SegmentEvidence {
  dimension: string;
  baseline: WeekWindow;
  current: WeekWindow;
  findings: SegmentFinding[];
}

export interface EvaluationEvidence {
  window: WeekWindow;
  winner: 'champion' | 'challenger';
  champion: { logLoss: number; auc: number; actualCtr: number; meanPredictedCtr: number };
  challenger: { logLoss: number; auc: number; actualCtr: number; meanPredictedCtr: number };
}

export interface DiagnosisData {
  title: string;
  createdAt: string;
  author: string;
  /** The scenario state the evidence comes from: reopening it replays the same weeks. */
  scenario: CtrScenarioRecord;
  weeksSimulated: number;
  drop: DropCheck | null;
  drift: DriftEvidence | null;
  segments: SegmentEvidence | null;
  evaluation: EvaluationEvidence | null;
  effects: ActionEffect[];
  decision: Decision | null;
  rationale: string;
}

export interface DiagnosisDocument {
  kind: typeof DIAGNOSIS_KIND;
  schemaVersion: typeof DIAGNOSIS_SCHEMA_VERSION;
  data: DiagnosisData;
}

export function diagnosisDocument(data: DiagnosisData): DiagnosisDocument {
  return { kind: DIAGNOSIS_KIND, schemaVersion: DIAGNOSIS_SCHEMA_VERSION, data };
}

const pct = (x: number, digits = 2) => `${(x * 100).toFixed(digits)} %`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`;
const weeks = (w: WeekWindow) => (w.fromWeek === w.toWeek ? `week ${w.fromWeek}` : `weeks ${w.fromWeek}–${w.toWeek}`);
const num = (x: number | undefined) => (x === undefined ? '—' : Math.abs(x) < 1e-3 && x !== 0 ? x.toExponential(2) : x.toFixed(4));

export function diagnosisMarkdown(doc: DiagnosisDocument): string {
  const d = doc.data;
  const out: string[] = [`# ${inlineText(d.title)}`, '', `_${inlineText(d.author || 'Someone')}, ${inlineText(d.createdAt)}; ${d.weeksSimulated} weeks simulated of the scenario with seed ${inlineText(String(d.scenario.data.config.seed))}._`, ''];
  out.push('## 1. Is the drop real?', '');
  if (d.drop) {
    out.push(inlineText(d.drop.explanation), '');
    out.push(
      markdownTable(
        ['', weeks(d.drop.baseline.window), weeks(d.drop.recent.window), 'Change'],
        [
          ['CTR', pct(d.drop.baseline.ctr), pct(d.drop.recent.ctr), signed(d.drop.ctrChange)],
          ['Impressions per week', String(Math.round(d.drop.baseline.impressions / (d.drop.baseline.window.toWeek - d.drop.baseline.window.fromWeek + 1))), String(Math.round(d.drop.recent.impressions / (d.drop.recent.window.toWeek - d.drop.recent.window.fromWeek + 1))), signed(d.drop.volumeChange)],
          ['p95 latency', `${d.drop.baseline.latencyP95Ms.toFixed(1)} ms`, `${d.drop.recent.latencyP95Ms.toFixed(1)} ms`, signed(d.drop.latencyChange)],
          ['Error rate', pct(d.drop.baseline.errorRate), pct(d.drop.recent.errorRate), `${d.drop.errorRateChangePp >= 0 ? '+' : ''}${d.drop.errorRateChangePp.toFixed(2)} pp`],
        ],
        ['left', 'right', 'right', 'right'],
      ),
      '',
    );
  } else out.push('_Not enough weeks simulated to compare yet._', '');
  out.push('## 2. Data drift', '');
  if (d.drift) {
    out.push(`Reference ${weeks(d.drift.reference)} against current ${weeks(d.drift.current)}: ${d.drift.driftedCount} of ${d.drift.columns.length} columns drifted (${pct(d.drift.share, 0)}); dataset drift: ${d.drift.datasetDrift ? 'yes' : 'no'}.`, '');
    out.push(
      markdownTable(
        ['Column', 'Test', 'Statistic', 'p-value', 'Threshold', 'Drifted'],
        d.drift.columns.map((c) => [c.name, c.testLabel, num(c.statistic), num(c.pValue), String(c.threshold), c.drifted ? 'yes' : 'no']),
        ['left', 'left', 'right', 'right', 'right', 'left'],
      ),
      '',
    );
  } else out.push('_No drift report was run._', '');
  out.push('## 3. Concept drift by segment', '');
  if (d.segments && d.segments.findings.length) {
    const top = d.segments.findings[0];
    out.push(`By ${inlineText(d.segments.dimension)}, ${weeks(d.segments.current)} against ${weeks(d.segments.baseline)}. The model over-promises most for ${inlineText(top.key)}: predicted ${pct(top.predictedCtr)}, actual ${pct(top.actualCtr)}.`, '');
    out.push(
      markdownTable(
        ['Segment', 'Share', 'Actual CTR', 'Predicted CTR', 'Gap (pp)', 'CTR change since baseline'],
        d.segments.findings.map((f) => [f.key, pct(f.share, 1), pct(f.actualCtr), pct(f.predictedCtr), (f.gap * 100).toFixed(2), f.ctrChange === null ? '—' : signed(f.ctrChange)]),
        ['left', 'right', 'right', 'right', 'right', 'right'],
      ),
      '',
    );
  } else out.push('_No segment analysis was recorded._', '');
  out.push('## 4. Remediation', '');
  if (d.evaluation) {
    const e = d.evaluation;
    out.push(`Champion–challenger on ${weeks(e.window)}: the ${e.winner} wins (log loss ${e.champion.logLoss.toFixed(4)} → ${e.challenger.logLoss.toFixed(4)}, AUC ${e.champion.auc.toFixed(3)} → ${e.challenger.auc.toFixed(3)}).`, '');
  }
  out.push(`**Decision:** ${d.decision ? DECISIONS[d.decision] : 'not taken yet'}.`, '');
  if (d.rationale.trim()) out.push(paragraphs(d.rationale), '');
  if (d.effects.length) {
    out.push('### Effect', '');
    out.push(
      markdownTable(
        ['Action', 'CTR before', 'CTR after', 'Change'],
        d.effects.map((e) => [e.label, e.before ? pct(e.before.ctr) : '—', e.after ? pct(e.after.ctr) : 'not simulated yet', e.ctrChange === null ? '—' : signed(e.ctrChange)]),
        ['left', 'right', 'right', 'right'],
      ),
      '',
    );
  } else out.push('_No remediation applied yet._', '');
  return `${out.join('\n').trimEnd()}\n`;
}
