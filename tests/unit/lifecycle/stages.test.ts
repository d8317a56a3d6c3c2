import { describe, it, expect } from 'vitest';
import {
  STAGES,
  STAGE_INFO,
  computeStageStatuses,
  emptySummary,
  type LifecycleSummary,
  type StageId,
  type GateStatus,
} from '$lib/core/lifecycle/stages';

function summary(overrides: Partial<LifecycleSummary>): LifecycleSummary {
  return { ...emptySummary(), ...overrides };
}

function statusOf(stage: StageId, overrides: Partial<LifecycleSummary>) {
  return computeStageStatuses(summary(overrides))[stage];
}

function gate(stage: StageId, status: GateStatus) {
  return { stage, status };
}

describe('STAGE_INFO', () => {
  it('describes every stage in order with 3-5 needs', () => {
    expect(Object.keys(STAGE_INFO)).toEqual([...STAGES]);
    for (const id of STAGES) {
      const info = STAGE_INFO[id];
      expect(info.id).toBe(id);
      expect(info.title).toBe(id[0].toUpperCase() + id.slice(1));
      expect(info.summary.length).toBeGreaterThan(20);
      expect(info.needs.length).toBeGreaterThanOrEqual(3);
      expect(info.needs.length).toBeLessThanOrEqual(5);
    }
  });
});

describe('computeStageStatuses', () => {
  it('reports every stage not started for an empty project', () => {
    const states = computeStageStatuses(emptySummary());
    for (const id of STAGES) expect(states[id].status).toBe('not-started');
  });

  it('returns a fresh summary each time', () => {
    const a = emptySummary();
    a.gates.push(gate('model', 'pending'));
    expect(emptySummary().gates).toEqual([]);
  });

  describe('frame', () => {
    it('is not started with no boxes and no criteria', () => {
      expect(statusOf('frame', {}).status).toBe('not-started');
    });
    it('is in progress with some boxes or some criteria', () => {
      expect(statusOf('frame', { canvasFilledBoxes: 4 }).status).toBe('in-progress');
      expect(statusOf('frame', { criteriaCount: 1 }).status).toBe('in-progress');
      expect(statusOf('frame', { canvasFilledBoxes: 9, criteriaCount: 3 }).status).toBe('in-progress');
      expect(statusOf('frame', { canvasFilledBoxes: 10, criteriaCount: 0 }).status).toBe('in-progress');
    });
    it('is done with all ten boxes and at least one criterion', () => {
      expect(statusOf('frame', { canvasFilledBoxes: 10, criteriaCount: 1 }).status).toBe('done');
    });
    it('explains itself in counts', () => {
      expect(statusOf('frame', { canvasFilledBoxes: 4, criteriaCount: 3 }).reason).toBe(
        '4 of 10 canvas boxes filled, 3 success criteria',
      );
      expect(statusOf('frame', { canvasFilledBoxes: 10, criteriaCount: 1 }).reason).toBe(
        '10 of 10 canvas boxes filled, 1 success criterion',
      );
    });
  });

  describe('data', () => {
    const ready = { datasetVersions: 1, labelledRows: 1000, unlabelledRows: 0, splitAssigned: true };
    it('is not started without a dataset version', () => {
      expect(statusOf('data', { labelledRows: 5, splitAssigned: true }).status).toBe('not-started');
    });
    it('is done when split, labelled and nothing unlabelled', () => {
      expect(statusOf('data', ready).status).toBe('done');
    });
    it('is in progress while any of the three is missing', () => {
      expect(statusOf('data', { ...ready, splitAssigned: false }).status).toBe('in-progress');
      expect(statusOf('data', { ...ready, unlabelledRows: 1 }).status).toBe('in-progress');
      expect(statusOf('data', { ...ready, labelledRows: 0 }).status).toBe('in-progress');
    });
    it('names the missing split in its reason', () => {
      expect(statusOf('data', { ...ready, splitAssigned: false }).reason).toContain('not split');
    });
  });

  describe('model', () => {
    it('is not started with no runs', () => {
      expect(statusOf('model', {}).status).toBe('not-started');
    });
    it('is in progress with runs but no registered version', () => {
      expect(statusOf('model', { runs: 3, completedRuns: 2 }).status).toBe('in-progress');
    });
    it('is done once a model version is registered', () => {
      const state = statusOf('model', { runs: 3, completedRuns: 2, modelVersions: 1 });
      expect(state.status).toBe('done');
      expect(state.reason).toBe('3 runs (2 completed), 1 registered model version');
    });
  });

  describe('deploy', () => {
    it('is not started without an active deployment, even with model versions', () => {
      expect(statusOf('deploy', { modelVersions: 2 }).status).toBe('not-started');
    });
    it('is done with an active deployment', () => {
      expect(statusOf('deploy', { activeDeployments: 1 })).toEqual({ status: 'done', reason: '1 active deployment' });
    });
  });

  describe('monitor', () => {
    it('is not started without logs or health checks, even with drift reports', () => {
      expect(statusOf('monitor', { driftReports: 2 }).status).toBe('not-started');
    });
    it('is in progress with logs or checks but no drift report', () => {
      expect(statusOf('monitor', { predictionLogs: 10 }).status).toBe('in-progress');
      expect(statusOf('monitor', { healthChecks: 3 }).status).toBe('in-progress');
    });
    it('needs prediction logs, not just health checks, to be done', () => {
      expect(statusOf('monitor', { healthChecks: 3, driftReports: 1 }).status).toBe('in-progress');
      expect(statusOf('monitor', { predictionLogs: 10, driftReports: 1 }).status).toBe('done');
    });
  });

  describe('govern', () => {
    it('is not started with no gates', () => {
      expect(statusOf('govern', {}).status).toBe('not-started');
    });
    it('is done when every gate is approved or waived', () => {
      const gates = [gate('model', 'approved'), gate('deploy', 'waived')];
      const state = statusOf('govern', { gates });
      expect(state.status).toBe('done');
      expect(state.reason).toBe('2 gates: 1 approved, 1 waived');
    });
    it('is in progress while any gate is pending or rejected', () => {
      expect(statusOf('govern', { gates: [gate('model', 'approved'), gate('deploy', 'pending')] }).status).toBe(
        'in-progress',
      );
      expect(statusOf('govern', { gates: [gate('model', 'rejected')] }).status).toBe('in-progress');
    });
  });

  describe('blocked', () => {
    it('blocks the guarded stage while its gate is pending or rejected', () => {
      for (const status of ['pending', 'rejected'] as const) {
        const states = computeStageStatuses(summary({ runs: 2, gates: [gate('model', status)] }));
        expect(states.model.status).toBe('blocked');
        expect(states.model.reason).toBe(`Blocked by 1 ${status} gate; 2 runs (0 completed), 0 registered model versions`);
      }
    });
    it('overrides not-started as well as in-progress', () => {
      const states = computeStageStatuses(summary({ gates: [gate('deploy', 'pending')] }));
      expect(states.deploy.status).toBe('blocked');
      expect(states.model.status).toBe('not-started');
    });
    it('does not override done', () => {
      const states = computeStageStatuses(summary({ modelVersions: 1, runs: 1, gates: [gate('model', 'rejected')] }));
      expect(states.model.status).toBe('done');
    });
    it('does not block for approved or waived gates', () => {
      const states = computeStageStatuses(
        summary({ runs: 1, gates: [gate('model', 'approved'), gate('model', 'waived')] }),
      );
      expect(states.model.status).toBe('in-progress');
    });
    it('only blocks the stage a gate guards', () => {
      const states = computeStageStatuses(
        summary({ canvasFilledBoxes: 3, datasetVersions: 1, runs: 1, gates: [gate('model', 'pending')] }),
      );
      expect(states.frame.status).toBe('in-progress');
      expect(states.data.status).toBe('in-progress');
      expect(states.model.status).toBe('blocked');
      expect(states.deploy.status).toBe('not-started');
      expect(states.govern.status).toBe('in-progress');
    });
    it('counts several blockers in the reason', () => {
      const gates = [gate('deploy', 'pending'), gate('deploy', 'rejected'), gate('deploy', 'pending')];
      expect(statusOf('deploy', { gates }).reason).toBe('Blocked by 2 pending and 1 rejected gates; 0 active deployments');
    });
    it('can block govern itself', () => {
      const state = statusOf('govern', { gates: [gate('govern', 'pending')] });
      expect(state.status).toBe('blocked');
    });
  });
});
