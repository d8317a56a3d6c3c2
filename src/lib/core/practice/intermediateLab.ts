/**
 * What the drift lab records for the intermediate mission, as mission events: one function per
 * learner action, turning what the lab has on screen into the event the mission's checks read
 * (missions/intermediate.ts). Plain values only, so the record stays small and readable.
 */
import type { MissionEvent } from './mission';
import { LAB_EVENTS } from './missions/intermediate';
import type { DropCheck, WeekWindow } from '../diagnosis/ctrEvidence';
import { describeAction } from '../diagnosis/ctrEvidence';
import type { DiagnosisData } from '../diagnosis/ctrReport';
import type { DriftReport } from '../drift/report';
import type { ChampionChallengerReport } from '../scenarios/ctr/championChallenger';
import type { ScenarioAction } from '../scenarios/ctr/scenario';

export type LabEvent = Omit<MissionEvent, 'at'>;

const weeks = (w: WeekWindow) => (w.fromWeek === w.toWeek ? `week ${w.fromWeek}` : `weeks ${w.fromWeek}–${w.toWeek}`);

/** The learner's verdict on the drop, next to the lab's own reading of the same weeks (null: too few weeks). */
export function verdictEvent(verdict: 'real' | 'artefact', check: DropCheck | null, week: number): LabEvent {
  return { kind: LAB_EVENTS.dropVerdict, detail: { verdict, evidence: check?.verdict ?? 'too-few-weeks', week, explanation: check?.explanation ?? '' } };
}

export function driftReportEvent(drift: { reference: WeekWindow; current: WeekWindow; report: Pick<DriftReport, 'columns' | 'columnCount' | 'driftedCount' | 'datasetDrift'> }): LabEvent {
  const drifted = drift.report.columns.filter((c) => c.drifted).map((c) => c.name);
  return {
    kind: LAB_EVENTS.driftReport,
    detail: { reference: weeks(drift.reference), current: weeks(drift.current), driftedCount: drift.report.driftedCount, columnCount: drift.report.columnCount, drifted: drifted.join(', '), datasetDrift: drift.report.datasetDrift },
  };
}

/** The columns the learner names as drifted and the segment they found. */
export function findingsEvent(columns: readonly string[], segment: string): LabEvent {
  return { kind: LAB_EVENTS.findings, detail: { columns: [...columns].join(','), segment } };
}

export function evaluationEvent(report: ChampionChallengerReport): LabEvent {
  return {
    kind: LAB_EVENTS.evaluation,
    detail: { window: weeks(report.window), winner: report.winner, championLogLoss: report.champion.logLoss, challengerLogLoss: report.challenger.logLoss, championAuc: report.champion.auc, challengerAuc: report.challenger.auc },
  };
}

/** The remedies taken between two states of the same scenario: the actions `after` adds to `before` (none when it does not extend it). */
export function remedyEvents(before: readonly ScenarioAction[], after: readonly ScenarioAction[]): LabEvent[] {
  if (after.length <= before.length || before.some((a, i) => JSON.stringify(a) !== JSON.stringify(after[i]))) return [];
  return after.slice(before.length).map((a) => ({ kind: LAB_EVENTS.remedy, detail: { label: describeAction(a), atWeek: a.atWeek, type: a.type === 'rollback' ? 'rollback' : a.reason } }));
}

/** A diagnosis report the learner downloaded: its decision and whether it says why. */
export function reportEvent(data: Pick<DiagnosisData, 'title' | 'decision' | 'rationale'>): LabEvent {
  return { kind: LAB_EVENTS.report, detail: { title: data.title, decision: data.decision ?? '', rationale: data.rationale.trim() !== '' } };
}
