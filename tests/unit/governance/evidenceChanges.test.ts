import { beforeAll, describe, expect, it } from 'vitest';
import { evidenceChangesSince, type DriftReportFact } from '$lib/core/governance/evidenceChanges';
import { gateState } from '$lib/core/governance/gateState';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import { empty, model, modelFacts, published, review } from './fixtures';

let standard: PublishedPolicy;
beforeAll(async () => {
  standard = await published('standard');
});

const APPROVED = '2026-03-01T10:00:00.000Z';
const DAY = 86_400_000;
const later = Date.parse(APPROVED) + 10 * DAY;
const sla = () => standard.data.gates.find((g) => g.id === 'performance-sla')!;
const approved = () => review(standard, empty(), model(), 'performance-sla', APPROVED, 'approve');
const drift = (createdAt: string, drifted: number, referenceId = 'dv-1'): DriftReportFact => ({ id: `d-${createdAt}`, createdAt, referenceId, summary: { driftedColumns: drifted, columns: 4, datasetDrift: drifted > 1 } });

/** The changes for the Performance SLA of a model version whose facts are `facts` now. */
function changes(facts = modelFacts(), inputs: { driftReports?: DriftReportFact[]; productionAlerts?: { window: { from: number; to: number }; message: string }[] } = {}) {
  const records = approved();
  const state = gateState(standard, sla(), model(facts), records, later);
  return evidenceChangesSince({ state, records, datasetVersionId: facts.datasetVersionId, driftReports: inputs.driftReports ?? [], productionAlerts: inputs.productionAlerts ?? [] });
}

describe('evidenceChangesSince', () => {
  it('finds nothing when every item still passes and nothing new was reported', () => {
    expect(changes()).toEqual([]);
  });

  it('names an item that passed at approval and fails now, with its reason', () => {
    const worse = modelFacts({ metrics: { 'test.accuracy': 0.8, 'test.macro_f1': 0.7 }, evaluation: { ...modelFacts().evaluation!, test: { ...modelFacts().evaluation!.test, accuracy: 0.8 } } });
    const found = changes(worse);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'evidence', says: expect.stringMatching(/^.+ \(criteria-pass\): pass → fail — /) });
  });

  it('names a drift report made after the approval about the training data, not an older one, one without drift or one about other data', () => {
    const found = changes(undefined, { driftReports: [drift('2026-02-20T00:00:00.000Z', 3), drift('2026-03-05T00:00:00.000Z', 0), drift('2026-03-06T00:00:00.000Z', 2, 'dv-9'), drift('2026-03-07T00:00:00.000Z', 2)] });
    expect(found).toEqual([{ kind: 'drift', says: 'A drift report of 2026-03-07, after the approval, found drift against the training data: 2 of 4 checks drifted (drift across the dataset).' }]);
  });

  it('names production alerts in windows ending after the approval', () => {
    const message = 'Latency p99 ≈ 450 ms from 2026-03-04 10:00 to 2026-03-04 11:00 UTC over 40 predictions; target ≤ 200 ms.';
    const found = changes(undefined, { productionAlerts: [{ window: { from: 0, to: Date.parse(APPROVED) - 1 }, message: 'old' }, { window: { from: Date.parse('2026-03-04T10:00:00Z'), to: Date.parse('2026-03-04T11:00:00Z') }, message }] });
    expect(found).toEqual([{ kind: 'production', says: `In production since the approval: ${message}` }]);
  });

  it('compares with the evidence the gate required at approval: an item required since reads newly required', async () => {
    const records = approved();
    const tighter = { ...sla(), evidence: [...sla().evidence, 'model-card-written' as const] };
    const state = gateState(standard, tighter, model(modelFacts({ modelCard: null })), records, later);
    const found = evidenceChangesSince({ state, records, datasetVersionId: 'dv-1', driftReports: [], productionAlerts: [] });
    expect(found).toEqual([{ kind: 'evidence', says: expect.stringMatching(/\(model-card-written\): newly required, (failing|not met yet) now — /) }]);
  });

  it('has nothing to compare without an approval', () => {
    const records = review(standard, empty(), model(), 'performance-sla', APPROVED, 'reject');
    const state = gateState(standard, sla(), model(), records, later);
    expect(evidenceChangesSince({ state, records, datasetVersionId: 'dv-1', driftReports: [drift('2026-03-07T00:00:00.000Z', 2)], productionAlerts: [] })).toEqual([]);
  });
});

