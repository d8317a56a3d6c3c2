import { describe, expect, it } from 'vitest';
import type { WeekSummary, SegmentStat } from '../../../src/lib/core/scenarios/ctr';
import { actionEffects, checkDrop, segmentFindings, windowStats } from '../../../src/lib/core/diagnosis/ctrEvidence';
import { diagnosisDocument, diagnosisMarkdown } from '../../../src/lib/core/diagnosis/ctrReport';
import { DEFAULT_CTR_CONFIG, type CtrScenarioRecord, type ScenarioAction } from '../../../src/lib/core/scenarios/ctr';

const seg = (key: string, impressions: number, ctr: number, predicted: number): SegmentStat => ({ key, values: key.split(' · '), impressions, clicks: Math.round(impressions * ctr), ctr, meanPredictedCtr: predicted });

/** A week: 10k impressions at `ctr`; segment "young" drifts from week 4 on (actual falls, predicted stays). */
function week(w: number, ctr: number, overrides: Partial<WeekSummary> = {}): WeekSummary {
  const young = w >= 4 ? 0.06 : 0.1;
  const segments = { 'ageBand×device': [seg('18-24 · mobile', 2000, young, 0.1), seg('35-44 · desktop', 8000, 0.1, 0.1)] } as unknown as WeekSummary['segments'];
  return { week: w, impressions: 10_000, clicks: Math.round(10_000 * ctr), ctr, meanPredictedCtr: 0.1, latencyP50Ms: 42, latencyP95Ms: 75, errorRate: 0.003, modelVersions: [1], driftLevels: { covariate: 0, concept: 0 }, segments, ...overrides };
}
const ctrs = [0.1, 0.1, 0.1, 0.099, 0.096, 0.093, 0.09, 0.088, 0.087, 0.086, 0.085, 0.085, 0.085];
const story = ctrs.map((c, w) => week(w, c));

describe('step 1: is the drop real?', () => {
  it('sums a window, weighting weekly figures by impressions', () => {
    const s = windowStats(story, { fromWeek: 0, toWeek: 2 })!;
    expect(s).toMatchObject({ impressions: 30_000, clicks: 3000, ctr: 0.1, latencyP95Ms: 75 });
    expect(windowStats(story, { fromWeek: 20, toWeek: 30 })).toBeNull();
  });

  it('calls a drop with steady volume, latency, errors and no gaps real', () => {
    const check = checkDrop(story, { daily: story.map(() => [1, 1, 1, 1, 1, 1, 1]) })!;
    expect(check.verdict).toBe('real');
    expect(check.ctrChange).toBeCloseTo(0.085 / 0.1 - 1, 10);
    expect(check.volumeChange).toBe(0);
    expect(check.explanation).toMatch(/^CTR fell −15\.0 % while traffic volume \(\+0\.0 %\).*the drop is real/);
  });

  it('suspects the monitoring when a week or a day is missing from the logs, and says when nothing dropped', () => {
    const gappy = story.map((s) => (s.week === 11 ? { ...s, impressions: 2000, clicks: 170 } : s));
    const check = checkDrop(gappy)!;
    expect(check.verdict).toBe('artefact');
    expect(check.gaps).toEqual([{ week: 11, day: null, impressions: 2000 }]);
    const missingDay = checkDrop(story, { daily: story.map((_, w) => (w === 12 ? [1, 1, 0, 1, 1, 1, 1] : [1, 1, 1, 1, 1, 1, 1])) })!;
    expect(missingDay.verdict).toBe('artefact');
    expect(missingDay.gaps).toEqual([{ week: 12, day: 2, impressions: 0 }]);
    const flat = checkDrop(story.map((s) => ({ ...s, ctr: 0.1, clicks: 1000 })))!;
    expect(flat.verdict).toBe('no-drop');
    expect(checkDrop(story.slice(0, 5))).toBeNull();
  });
});

describe('step 3: concept drift by segment', () => {
  it('ranks segments by how much the model over-promises, with their change since the baseline', () => {
    const findings = segmentFindings(story, 'ageBand×device', { fromWeek: 0, toWeek: 2 }, { fromWeek: 10, toWeek: 12 });
    expect(findings.map((f) => f.key)).toEqual(['18-24 · mobile', '35-44 · desktop']);
    expect(findings[0]).toMatchObject({ impressions: 6000, share: 0.2, actualCtr: 0.06, baselineCtr: 0.1 });
    expect(findings[0].gap).toBeCloseTo(0.04, 10);
    expect(findings[0].ctrChange).toBeCloseTo(-0.4, 10);
    expect(findings[1].gap).toBeCloseTo(0, 10);
    expect(segmentFindings(story, 'ageBand×device', { fromWeek: 0, toWeek: 2 }, { fromWeek: 10, toWeek: 12 }, 25_000)).toEqual([]);
  });
});

describe('step 4: remediation effect and the report', () => {
  const record: CtrScenarioRecord = { kind: 'lifecycle-lab/ctr-scenario', schemaVersion: 1, data: { config: structuredClone(DEFAULT_CTR_CONFIG) as never, week: 13, actions: [] } };
  const actions: ScenarioAction[] = [{ type: 'deploy', atWeek: 10, reason: 'retrain', window: { fromWeek: 7, toWeek: 9 }, features: ['device'] }];
  const recovered = story.map((s) => (s.week >= 10 ? { ...s, ctr: 0.095, clicks: 950 } : s));

  it('compares the weeks before an action with the weeks after it', () => {
    const [effect] = actionEffects(recovered, actions);
    expect(effect.label).toBe('Retrained on weeks 7–9 before week 10');
    expect(effect.before!.window).toEqual({ fromWeek: 7, toWeek: 9 });
    expect(effect.after!.ctr).toBeCloseTo(0.095, 10);
    expect(effect.ctrChange).toBeCloseTo(0.095 / ((0.088 + 0.087 + 0.086) / 3) - 1, 3);
  });

  it('writes the evidence and the decision as Markdown, learner text kept as text', () => {
    const doc = diagnosisDocument({
      title: 'Why CTR fell <script>',
      createdAt: '2026-11-27T10:00:00.000Z',
      author: 'Ana',
      scenario: record,
      weeksSimulated: 13,
      drop: checkDrop(recovered.slice(0, 10)),
      drift: { reference: { fromWeek: 0, toWeek: 3 }, current: { fromWeek: 7, toWeek: 9 }, columns: [{ name: 'device', test: 'chisquare', testLabel: 'chi-square p-value', thresholdKind: 'p-value', statistic: 812.5, pValue: 1e-30, score: 1e-30, threshold: 0.05, drifted: true }], driftedCount: 1, share: 1, datasetDrift: true },
      segments: { dimension: 'ageBand×device', baseline: { fromWeek: 0, toWeek: 2 }, current: { fromWeek: 7, toWeek: 9 }, findings: segmentFindings(story, 'ageBand×device', { fromWeek: 0, toWeek: 2 }, { fromWeek: 7, toWeek: 9 }) },
      evaluation: null,
      effects: actionEffects(recovered, actions),
      decision: 'retrain',
      rationale: '# Young mobile users changed taste\n\nRetrain on the last weeks.',
    });
    const md = diagnosisMarkdown(doc);
    expect(doc.kind).toBe('lifecycle-lab/diagnosis');
    expect(md).toContain('# Why CTR fell \\<script\\>');
    expect(md).toContain('## 1. Is the drop real?');
    expect(md).toContain('| device | chi-square p-value | 812.5000 | 1.00e-30 | 0.05 | yes |');
    expect(md).toContain('The model over-promises most for 18-24 · mobile: predicted 10.00 %, actual 6.00 %.');
    expect(md).toContain('**Decision:** Retrain on recent data.');
    expect(md).toContain('\\# Young mobile users changed taste');
    expect(md).toContain('| Retrained on weeks 7–9 before week 10 |');
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });
});
