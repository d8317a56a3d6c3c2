import { describe, expect, it } from 'vitest';
import { driftReportEvent, evaluationEvent, findingsEvent, remedyEvents, reportEvent, verdictEvent } from '$lib/core/practice/intermediateLab';
import { checkMission } from '$lib/core/practice/catalogue';
import type { MissionEvent } from '$lib/core/practice/mission';
import type { DropCheck } from '$lib/core/diagnosis/ctrEvidence';
import type { ChampionChallengerReport, ScenarioAction } from '$lib/core/scenarios/ctr';

const at = '2026-01-01T00:00:00.000Z';
const stamp = (e: Omit<MissionEvent, 'at'>): MissionEvent => ({ ...e, at });
const check = { verdict: 'real', explanation: 'CTR fell −14.0 % while traffic held.' } as DropCheck;
const column = (name: string, drifted: boolean) => ({ name, drifted }) as never;
const retrain: ScenarioAction = { type: 'deploy', atWeek: 9, reason: 'retrain', window: { fromWeek: 6, toWeek: 8 }, features: ['ageBand'] as never };
const rollback: ScenarioAction = { type: 'rollback', atWeek: 11 };

describe('what the drift lab records for the intermediate mission', () => {
  it('turns the lab’s actions into events that tick every step', () => {
    const events = [
      verdictEvent('real', check, 9),
      driftReportEvent({ reference: { fromWeek: 0, toWeek: 3 }, current: { fromWeek: 6, toWeek: 8 }, report: { columns: [column('device', true), column('hour', false)], columnCount: 2, driftedCount: 1, datasetDrift: true } }),
      findingsEvent(['userAgeBand', 'device', 'region'], '18-24 · mobile'),
      evaluationEvent({ window: { fromWeek: 8, toWeek: 8 }, winner: 'challenger', champion: { logLoss: 0.3, auc: 0.7 }, challenger: { logLoss: 0.28, auc: 0.72 } } as ChampionChallengerReport),
      ...remedyEvents([], [retrain]),
      reportEvent({ title: 'Why CTR fell', decision: 'retrain', rationale: 'The segment changed taste.' }),
    ].map(stamp);
    const progress = checkMission({ mission: 'intermediate', facts: { notes: {}, events } });
    expect(progress.steps.map((s) => s.done)).toEqual([true, true, true, true, true, true]);
    expect(events[1].detail).toMatchObject({ reference: 'weeks 0–3', current: 'weeks 6–8', drifted: 'device' });
    expect(events[4].detail).toEqual({ label: 'Retrained on weeks 6–8 before week 9', atWeek: 9, type: 'retrain' });
  });

  it('records a verdict given too early, and a report without a decision or reasons, as such', () => {
    expect(verdictEvent('real', null, 3).detail).toMatchObject({ verdict: 'real', evidence: 'too-few-weeks' });
    expect(reportEvent({ title: 'x', decision: null, rationale: '  ' }).detail).toEqual({ title: 'x', decision: '', rationale: false });
  });

  it('sees a remedy only where the new state extends the old one', () => {
    expect(remedyEvents([retrain], [retrain, rollback]).map((e) => e.detail?.label)).toEqual(['Rolled back to the previous model before week 11']);
    expect(remedyEvents([retrain], [retrain])).toEqual([]);
    // Rewound (fewer actions) or another history (reopened address): nothing new was done here.
    expect(remedyEvents([retrain, rollback], [retrain])).toEqual([]);
    expect(remedyEvents([rollback], [retrain, rollback])).toEqual([]);
  });
});
