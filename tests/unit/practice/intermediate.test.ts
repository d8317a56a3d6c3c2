import { describe, expect, it } from 'vitest';
import { checkMission } from '$lib/core/practice/catalogue';
import { INTERMEDIATE_MISSION, INTERMEDIATE_SCENARIO, isIntermediateScenario, LAB_EVENTS, scenarioTruth, type IntermediateFacts } from '$lib/core/practice/missions/intermediate';
import { normalizeConfig } from '$lib/core/scenarios/ctr/config';
import type { MissionEvent } from '$lib/core/practice/mission';

const at = '2026-01-01T00:00:00.000Z';
const ev = (kind: string, detail: MissionEvent['detail']): MissionEvent => ({ kind, at, detail });
const facts = (...events: MissionEvent[]): IntermediateFacts => ({ notes: {}, events });
const step = (id: string, f: IntermediateFacts) => checkMission({ mission: 'intermediate', facts: f }).steps.find((s) => s.step.id === id)!;

const RIGHT = {
  verdict: ev(LAB_EVENTS.dropVerdict, { verdict: 'real', evidence: 'real', week: 9, explanation: 'CTR fell −12 %' }),
  drift: ev(LAB_EVENTS.driftReport, { reference: 'weeks 0–3', current: 'weeks 6–8', driftedCount: 6, columnCount: 10, drifted: 'device, region' }),
  findings: ev(LAB_EVENTS.findings, { columns: 'userAgeBand,device,region,itemCategory', segment: '18-24 · mobile' }),
  evaluation: ev(LAB_EVENTS.evaluation, { window: 'week 8', winner: 'challenger', championLogLoss: 0.31, challengerLogLoss: 0.29 }),
  remedy: ev(LAB_EVENTS.remedy, { label: 'Retrained on weeks 5–7 before week 9', atWeek: 9 }),
  report: ev(LAB_EVENTS.report, { decision: 'retrain', rationale: true, title: 'Why CTR fell' }),
};

describe('the intermediate mission', () => {
  it('knows its scenario and what really happened in it', () => {
    expect(isIntermediateScenario(INTERMEDIATE_SCENARIO)).toBe(true);
    expect(isIntermediateScenario(normalizeConfig({ seed: 'ctr-demo-1' }))).toBe(false);
    expect(isIntermediateScenario(normalizeConfig({ seed: INTERMEDIATE_SCENARIO.seed, drifts: { concept: { enabled: false } } }))).toBe(false);
    expect(scenarioTruth()).toMatchObject({ columns: ['device', 'userAgeBand', 'region'], segment: '18-24 · mobile' });
  });

  it('has every step done with the right actions, and none with no actions', () => {
    const all = checkMission({ mission: 'intermediate', facts: facts(...Object.values(RIGHT)) });
    expect(all.steps.map((s) => [s.step.id, s.done])).toEqual(INTERMEDIATE_MISSION.steps.map((s) => [s.id, true]));
    expect(all.complete).toBe(true);
    const none = checkMission({ mission: 'intermediate', facts: facts() });
    expect(none.done).toBe(0);
    expect(none.total).toBe(6);
  });

  it('confirms the drop only when the learner and the evidence both call it real', () => {
    expect(step('drop-real', facts(RIGHT.verdict))).toMatchObject({ done: true, evidence: expect.stringContaining('week 9') });
    expect(step('drop-real', facts(ev(LAB_EVENTS.dropVerdict, { verdict: 'artefact', evidence: 'real', week: 9 }))).missing).toMatch(/monitoring artefact/);
    expect(step('drop-real', facts(ev(LAB_EVENTS.dropVerdict, { verdict: 'real', evidence: 'too-few-weeks', week: 2 }))).missing).toMatch(/six weeks/);
    expect(step('drop-real', facts(ev(LAB_EVENTS.dropVerdict, { verdict: 'real', evidence: 'no-drop', week: 6 }))).missing).toMatch(/not yet fallen beyond noise/);
    // The newest verdict counts.
    expect(step('drop-real', facts(RIGHT.verdict, ev(LAB_EVENTS.dropVerdict, { verdict: 'artefact', evidence: 'real', week: 10 }))).done).toBe(false);
  });

  it('counts a drift report only when it found drift', () => {
    expect(step('drift-report', facts(RIGHT.drift)).evidence).toMatch(/6 of 10 columns drifted/);
    expect(step('drift-report', facts(ev(LAB_EVENTS.driftReport, { driftedCount: 0, columnCount: 10 })))).toMatchObject({ done: false, missing: expect.stringMatching(/no drifted column/) });
  });

  it('judges the findings against the scenario, without giving the answer away', () => {
    expect(step('findings', facts(RIGHT.findings)).done).toBe(true);
    const missed = step('findings', facts(ev(LAB_EVENTS.findings, { columns: 'device,region', segment: '18-24 · mobile' })));
    expect(missed).toMatchObject({ done: false, missing: expect.stringMatching(/1 of the columns/) });
    expect(missed.missing).not.toMatch(/userAgeBand/);
    expect(step('findings', facts(ev(LAB_EVENTS.findings, { columns: 'device,region,userAgeBand,hour', segment: '18-24 · mobile' }))).missing).toMatch(/hour did not drift/);
    expect(step('findings', facts(ev(LAB_EVENTS.findings, { columns: 'device,region,userAgeBand', segment: '65+ · desktop' }))).missing).toMatch(/65\+ · desktop is not/);
  });

  it('ticks the evaluation and the remedy from their events', () => {
    expect(step('challenger', facts(RIGHT.evaluation)).evidence).toMatch(/challenger won/);
    expect(step('challenger', facts(RIGHT.remedy)).done).toBe(false);
    expect(step('remedy', facts(RIGHT.remedy)).evidence).toMatch(/Retrained/);
    expect(step('remedy', facts(RIGHT.evaluation)).done).toBe(false);
  });

  it('needs a decision and its reasons in the downloaded report', () => {
    expect(step('decision', facts(RIGHT.report)).evidence).toMatch(/Retrain on recent data/);
    expect(step('decision', facts(ev(LAB_EVENTS.report, { decision: '', rationale: true }))).missing).toMatch(/no decision/);
    expect(step('decision', facts(ev(LAB_EVENTS.report, { decision: 'rollback', rationale: false }))).missing).toMatch(/not why/);
  });

  it('debriefs what really happened next to what the learner found', () => {
    const sections = INTERMEDIATE_MISSION.debrief(facts(...Object.values(RIGHT)));
    expect(sections[0].lines.join(' ')).toMatch(/18-24 · mobile stopped clicking gaming/);
    expect(sections[0].lines.at(-1)).toMatch(/You named userAgeBand, device, region, itemCategory and the segment 18-24 · mobile/);
    expect(sections.map((s) => s.heading)).toEqual(['What really happened', 'Remedies you applied', 'Your report']);
  });
});
