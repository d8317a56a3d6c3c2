import { describe, expect, it } from 'vitest';
import { nextStep } from '$lib/core/lifecycle/nextStep';
import { emptySummary, type LifecycleSummary } from '$lib/core/lifecycle/stages';

const state = (s: Partial<LifecycleSummary>): LifecycleSummary => ({ ...emptySummary(), ...s });
const framed = { canvasFilledBoxes: 10, criteriaCount: 2 };
const labelled = { ...framed, datasetVersions: 1, labelledRows: 1000 };
const trained = { ...labelled, splitAssigned: true, runs: 1, completedRuns: 1 };
const served = { ...trained, modelVersions: 1, activeDeployments: 1 };

describe('nextStep', () => {
  it('walks the lifecycle in order, one step for each state', () => {
    const steps: [Partial<LifecycleSummary>, string, string, string?][] = [
      [{}, 'frame', 'frame the problem: the ML Canvas and a success criterion'],
      [framed, 'data', 'import a dataset'],
      [{ ...framed, datasetVersions: 1, unlabelledRows: 50 }, 'data', 'label examples', 'label'],
      [labelled, 'data', 'split the data into train, validation and test'],
      [{ ...labelled, splitAssigned: true }, 'model', 'train a baseline'],
      [{ ...trained, criteriaCount: 0 }, 'frame', 'set a success criterion to judge the runs by'],
      [trained, 'model', 'register a run as a model version'],
      [{ ...trained, modelVersions: 1 }, 'deploy', 'deploy a model version'],
      [served, 'deploy', 'send requests to the endpoint'],
      [{ ...served, predictionLogs: 40 }, 'monitor', 'check for drift', 'drift'],
      [{ ...served, predictionLogs: 40, driftReports: 1, unlabelledRows: 1200 }, 'data', 'label the 1,200 unlabelled rows, then retrain', 'label'],
      [{ ...served, predictionLogs: 40, driftReports: 1 }, 'monitor', 'watch the dashboard; retrain when drift or a criterion says so'],
    ];
    for (const [summary, stage, action, view] of steps) expect(nextStep(state(summary))).toEqual({ stage, action, ...(view ? { view } : {}) });
  });

  it('sends the person to Govern when a gate blocks the next step, and to open gates once the loop runs', () => {
    expect(nextStep(state({ ...labelled, splitAssigned: true, gates: [{ stage: 'model', status: 'pending' }] }))).toEqual({ stage: 'govern', action: 'clear the gate that guards training' });
    expect(nextStep(state({ ...trained, modelVersions: 1, gates: [{ stage: 'deploy', status: 'rejected' }] }))).toEqual({ stage: 'govern', action: 'clear the gate that guards deployment' });
    // An approved gate blocks nothing.
    expect(nextStep(state({ ...trained, modelVersions: 1, gates: [{ stage: 'deploy', status: 'approved' }] })).stage).toBe('deploy');
    expect(nextStep(state({ ...served, predictionLogs: 1, driftReports: 1, gates: [{ stage: 'deploy', status: 'pending' }] }))).toEqual({ stage: 'govern', action: 'review the open gates' });
  });
});
