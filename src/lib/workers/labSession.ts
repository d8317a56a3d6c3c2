/**
 * The drift lab's scenario session, as its worker runs it: one CTR scenario in memory, changed by
 * requests, answered with a {@link LabSnapshot}. Plain functions over core, so it runs in Node tests.
 */
import {
  changeFeatures, compareModels, createScenario, ctrModelFileName, ctrModelPackage, deployModel, isFinished, replay, reset, rewindRecord, retrain, rollback, servingModel,
  stepWeek, toRecord, trainCandidate, windowColumns,
  type CtrScenarioState,
  type ImpressionWeek,
} from '$lib/core/scenarios/ctr';
import { driftReport, type DriftColumnInput } from '$lib/core/drift/report';
import type { LabDrift, LabProgress, LabRequest, LabResults, LabSnapshot } from './labProtocol';

export interface LabSession {
  handle<T extends LabRequest['type']>(request: Extract<LabRequest, { type: T }>, onProgress?: (p: LabProgress) => void, shouldStop?: () => boolean): LabResults[T];
}

/** Impressions per weekday of a simulated week; weeks never change once simulated, so each is counted once. */
const dailyCache = new WeakMap<ImpressionWeek, number[]>();
function dailyCounts(log: ImpressionWeek): number[] {
  let days = dailyCache.get(log);
  if (!days) {
    days = [0, 0, 0, 0, 0, 0, 0];
    for (let i = 0; i < log.count; i++) days[log.day[i]]++;
    dailyCache.set(log, days);
  }
  return days;
}

export function createLabSession(): LabSession {
  let state: CtrScenarioState | null = null;

  const current = (): CtrScenarioState => {
    if (!state) throw new Error('No scenario is open.');
    return state;
  };

  function snapshot(): LabSnapshot {
    const s = current();
    return {
      record: toRecord(s),
      week: s.week,
      weeks: s.config.weeks,
      historyWeeks: s.config.historyWeeks,
      finished: isFinished(s),
      summaries: s.summaries.slice(),
      daily: s.logs.map(dailyCounts),
      versions: s.versions.map((v) => ({
        version: v.version,
        deployedAtWeek: v.deployedAtWeek,
        reason: v.reason,
        trainedOn: { ...v.trainedOn },
        features: [...v.features],
        trainingRows: v.trainingRows,
        trainingCtr: v.trainingCtr,
      })),
      serving: servingModel(s).version,
    };
  }

  function drift(reference: LabDrift['reference'], currentWindow: LabDrift['current'], overrides: Extract<LabRequest, { type: 'drift' }>['overrides']): LabDrift {
    const s = current();
    const ref = windowColumns(s, reference);
    const cur = windowColumns(s, currentWindow);
    const roles: LabDrift['roles'] = {};
    const columns: DriftColumnInput[] = ref.map((r, i) => {
      const c = cur[i];
      roles[r.name] = r.role;
      return r.kind === 'numeric' && c.kind === 'numeric'
        ? { name: r.name, kind: 'numeric', reference: r.values, current: c.values }
        : { name: r.name, kind: 'categorical', reference: r.values as string[], current: c.values as string[] };
    });
    return { reference, current: currentWindow, report: driftReport(columns, { overrides: overrides ?? {} }), roles };
  }

  function handle(request: LabRequest, onProgress?: (p: LabProgress) => void, shouldStop?: () => boolean): LabResults[LabRequest['type']] {
    switch (request.type) {
      case 'open':
        state = request.record ? replay(request.record) : createScenario(request.config ?? {});
        return snapshot();
      case 'step': {
        const s = current();
        const target = request.weeks === 'to-end' ? s.config.weeks : Math.min(s.config.weeks, s.week + request.weeks);
        while (s.week < target && !shouldStop?.()) {
          stepWeek(s);
          onProgress?.({ week: s.week, weeks: s.config.weeks });
        }
        return snapshot();
      }
      case 'reset':
        reset(current());
        return snapshot();
      case 'rewind':
        state = replay(rewindRecord(toRecord(current()), request.week));
        return snapshot();
      case 'retrain':
        retrain(current(), request.window);
        return snapshot();
      case 'change-features':
        changeFeatures(current(), { add: request.add, drop: request.drop }, request.window);
        return snapshot();
      case 'rollback':
        rollback(current());
        return snapshot();
      case 'evaluate': {
        const s = current();
        const challenger = trainCandidate(s, { window: request.trainWindow, ...(request.features ? { features: request.features } : {}) });
        return compareModels(s, servingModel(s), challenger, request.evalWindow);
      }
      case 'deploy-challenger': {
        const s = current();
        deployModel(s, trainCandidate(s, { window: request.trainWindow, ...(request.features ? { features: request.features } : {}) }), 'challenger');
        return snapshot();
      }
      case 'drift':
        return drift(request.reference, request.current, request.overrides);
      case 'export-model': {
        const v = current().versions.find((m) => m.version === request.version);
        if (!v) throw new Error(`There is no model version ${request.version}.`);
        return { bytes: ctrModelPackage(v, v), fileName: ctrModelFileName(v.version) };
      }
    }
  }

  return { handle: handle as LabSession['handle'] };
}
