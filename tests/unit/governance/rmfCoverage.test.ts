import { describe, expect, it } from 'vitest';
import { RMF_FUNCTIONS, rmfCoverage, type RmfFacts } from '$lib/core/governance/rmfCoverage';
import { RMF_CATALOGUE } from '$lib/core/governance/rmfCatalogue';

/** A new project: nothing stored yet. */
function bare(): RmfFacts {
  return {
    policy: null,
    people: { count: 0, decidingRoles: 0, rolesHeld: 0 },
    riskTier: null,
    canvas: { filled: 0, boxes: 10 },
    criteria: 0,
    data: { checkRuns: 0, ethicsAnswers: 0, slices: 0 },
    documents: { datasheet: null, modelCard: null },
    modelCardsWritten: 0,
    runs: { evaluated: 0, withSlices: 0, beatBaseline: 0 },
    registeredVersions: 0,
    serving: { deployed: false, deployments: 0, rollbacks: 0, canRollBack: false, deprecatedOrRetired: 0 },
    monitoring: { healthChecks: 0, predictions: 0, driftReports: 0 },
    decisions: { approvals: 0, rejectionsOrChanges: 0, waivers: 0 },
    auditEntries: 0,
  };
}

/** Everything the app can hold, documents approved. */
function complete(): RmfFacts {
  return {
    policy: { name: 'High-risk', version: 2, gates: 5, reReviewDays: 30 },
    people: { count: 5, decidingRoles: 3, rolesHeld: 3 },
    riskTier: 'high',
    canvas: { filled: 10, boxes: 10 },
    criteria: 2,
    data: { checkRuns: 1, ethicsAnswers: 1, slices: 2 },
    documents: { datasheet: 'approved', modelCard: 'approved' },
    modelCardsWritten: 1,
    runs: { evaluated: 2, withSlices: 1, beatBaseline: 2 },
    registeredVersions: 2,
    serving: { deployed: true, deployments: 3, rollbacks: 1, canRollBack: true, deprecatedOrRetired: 0 },
    monitoring: { healthChecks: 10, predictions: 50, driftReports: 1 },
    decisions: { approvals: 3, rejectionsOrChanges: 1, waivers: 0 },
    auditEntries: 40,
  };
}

const level = (facts: RmfFacts, id: string) => rmfCoverage(RMF_CATALOGUE, facts).flatMap((f) => f.rows).find((r) => r.id === id)!.judgement;

describe('the RMF catalogue', () => {
  it('names each subcategory once, by a framework id of its function, in our own short words', () => {
    const ids = RMF_CATALOGUE.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of RMF_CATALOGUE) {
      expect(s.id).toMatch(new RegExp(`^${s.fn} \\d\\.\\d{1,2}$`));
      expect(s.summary.length).toBeLessThan(100);
    }
    expect(new Set(RMF_CATALOGUE.map((s) => s.fn))).toEqual(new Set(RMF_FUNCTIONS));
  });
});

describe('rmfCoverage', () => {
  it('finds nothing covered in a bare project, and says for each what to do and where', () => {
    const summary = rmfCoverage(RMF_CATALOGUE, bare());
    expect(summary.map((f) => f.fn)).toEqual(['GOVERN', 'MAP', 'MEASURE', 'MANAGE']);
    for (const f of summary) {
      expect([f.covered, f.partly]).toEqual([0, 0]);
      for (const r of f.rows) expect(r.judgement).toMatchObject({ level: 'not-covered', evidence: [] });
      for (const r of f.rows) expect(r.judgement.next).toBeTruthy();
    }
    expect(summary.reduce((n, f) => n + f.total, 0)).toBe(RMF_CATALOGUE.length);
  });

  it('covers every subcategory when everything is stored and approved', () => {
    for (const f of rmfCoverage(RMF_CATALOGUE, complete())) expect(f.covered).toBe(f.total);
  });

  it('is partly covered when only some evidence exists, naming what is there and what is missing', () => {
    const facts = { ...bare(), policy: { name: 'Standard', version: 1, gates: 2, reReviewDays: 90 }, people: { count: 1, decidingRoles: 2, rolesHeld: 1 } };
    expect(level(facts, 'GOVERN 1.2')).toMatchObject({ level: 'covered', evidence: ['Standard policy v1 published', '2 gates in force'], link: { stage: 'govern', view: 'policy' } });
    expect(level(facts, 'GOVERN 2.1')).toMatchObject({ level: 'partly', evidence: ['2 deciding roles named in the policy'], next: 'Give every deciding role to a person (Govern → People).' });
    expect(level(facts, 'GOVERN 1.5')).toMatchObject({ level: 'partly', evidence: ['Re-review every 90 days'] });
  });

  it('treats documents not yet written as not covered, a draft as partly started, an approved one as covered', () => {
    const withChecks = { ...bare(), data: { checkRuns: 1, ethicsAnswers: 0, slices: 0 } };
    expect(level(withChecks, 'MAP 4.1')).toMatchObject({ level: 'partly', next: 'Write a datasheet for the dataset (not covered yet).' });
    expect(level({ ...withChecks, documents: { datasheet: 'draft', modelCard: null } }, 'MAP 4.1').next).toBe('Get the datasheet approved.');
    expect(level({ ...withChecks, documents: { datasheet: 'approved', modelCard: null } }, 'MAP 4.1').level).toBe('covered');
  });

  it('links the inventory for GOVERN 1.6 and monitoring for MEASURE 3.1', () => {
    expect(level({ ...bare(), registeredVersions: 3 }, 'GOVERN 1.6')).toMatchObject({ level: 'covered', evidence: ['3 registered versions listed in the model inventory'], link: { page: 'inventory' } });
    expect(level({ ...bare(), monitoring: { healthChecks: 0, predictions: 0, driftReports: 1 } }, 'MEASURE 3.1')).toMatchObject({ level: 'covered', link: { stage: 'monitor', view: 'drift' } });
  });
});
