/**
 * Shared objects for the governance tests: a published Standard policy, people, a dataset
 * version and a model version whose facts pass every evidence item, and a helper that records a
 * review through the real request → decide functions.
 */
import { createDraft, publishDraft, type PublishedPolicy } from '$lib/core/governance/policyVersions';
import { policyTemplate, type PolicyTemplateId } from '$lib/core/governance/templates';
import type { DatasetVersionFacts, ModelVersionFacts } from '$lib/core/governance/facts';
import type { GateFacts } from '$lib/core/governance/evidenceCatalog';
import { decide, requestReview } from '$lib/core/governance/decisions';
import type { DecisionOutcome, GovernanceRecords, Person } from '$lib/core/governance/records';
import { subjectOf } from '$lib/core/governance/subjects';

export const HASH_V1 = 'a'.repeat(64);
export const HASH_V2 = 'b'.repeat(64);

export function published(template: PolicyTemplateId = 'standard'): Promise<PublishedPolicy> {
  return publishDraft(createDraft(policyTemplate(template)), { by: 'Ana', at: '2026-01-01T09:00:00.000Z' });
}

export const ANA: Person = { id: 'p-ana', name: 'Ana', roles: ['ethics-reviewer'] };
export const BEN: Person = { id: 'p-ben', name: 'Ben', roles: ['engineering-lead'] };
export const CY: Person = { id: 'p-cy', name: 'Cy', roles: [] };
export const DEE: Person = { id: 'p-dee', name: 'Dee', roles: ['ethics-reviewer', 'engineering-lead', 'product-owner'] };

/** Dataset v1: split, checks run on these rows and reviewed, questions answered — every item passes. */
export function datasetFacts(overrides: Partial<DatasetVersionFacts> = {}): DatasetVersionFacts {
  const contentHash = overrides.contentHash ?? HASH_V1;
  const mark = (check: 'class-balance' | 'class-mix' | 'label-conflicts') => ({ check, contentHash, by: 'Ana', at: '2026-02-01T10:00:00.000Z', note: '' });
  return {
    datasetVersionId: 'dv-1',
    number: 1,
    contentHash,
    hasSplit: true,
    piiMasked: false,
    checks: {
      contentHash,
      at: '2026-02-01T09:00:00.000Z',
      pii: { scanned: 1000, textsWithPii: 0 },
      imbalanceWarnings: 1,
      flaggedSegments: 2,
      leakedRows: 0,
      nearDuplicateConflicts: 3,
      nearDuplicatesComplete: true,
      sameTextConflicts: 0,
    },
    reviews: [mark('class-balance'), mark('class-mix'), mark('label-conflicts')],
    answers: { contentHash, intendedUse: 'Route requests to the right team.', whoCouldBeHarmed: 'People whose requests are misrouted wait longer.', consent: 'Collected under the service terms.', by: 'Ana', at: '2026-02-01T11:00:00.000Z' },
    approvedDocuments: [{ kind: 'datasheet', version: 1, approvedBy: 'Ben' }],
    ...overrides,
  };
}

/** The same dataset after a relabel: a new version with new rows (hash), nothing checked on it yet. */
export function relabelled(): DatasetVersionFacts {
  return { ...datasetFacts(), datasetVersionId: 'dv-2', number: 2, contentHash: HASH_V2, approvedDocuments: [] };
}

/** The project's Annex IV outline, approved (it is about the project, so every version has it). */
const ANNEX_APPROVED = { kind: 'annex-iv', version: 1, approvedBy: 'Ana' } as const;

/** Classifier v1 from run 1: criteria met on test, latency within 200 ms, baseline beaten, card written. */
export function modelFacts(overrides: Partial<ModelVersionFacts> = {}): ModelVersionFacts {
  return {
    modelVersionId: 'mv-1',
    modelName: 'Classifier',
    version: 1,
    runId: 'run-a',
    runNumber: 1,
    datasetVersionId: 'dv-1',
    metrics: { 'test.accuracy': 0.93, 'test.macro_f1': 0.91 },
    evaluation: {
      test: { n: 200, accuracy: 0.93, macroF1: 0.91, perSlice: [{ sliceId: 's-email', name: 'channel = email', n: 60, accuracy: 0.9, macroF1: 0.88 }] },
      baseline: { label: 'Billing', accuracy: 0.4, verdict: 'better', warning: null },
      latency: { p99: 12.5, samples: 200, backend: 'cpu' },
    },
    criteria: [
      { id: 'acc', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.9 },
      { id: 'p99', metric: 'latency_p99_ms', split: 'production', comparator: '<=', threshold: 200 },
    ],
    modelCard: { modelVersionId: 'mv-1', written: true, by: 'Ben', updatedAt: '2026-03-01T09:00:00.000Z' },
    approvedDocuments: [ANNEX_APPROVED, { kind: 'model-card', version: 2, approvedBy: 'Ana' }],
    ...overrides,
  };
}

/** A retrain: run 2 registered as v2 of the same model. */
export function retrained(): ModelVersionFacts {
  return { ...modelFacts(), modelVersionId: 'mv-2', version: 2, runId: 'run-b', runNumber: 2, modelCard: null, approvedDocuments: [ANNEX_APPROVED] };
}

export const dataset = (facts: DatasetVersionFacts = datasetFacts()): GateFacts => ({ kind: 'dataset-version', facts });
export const model = (facts: ModelVersionFacts = modelFacts()): GateFacts => ({ kind: 'model-version', facts });

export const empty = (): GovernanceRecords => ({ policies: [], requests: [], decisions: [], waivers: [] });

let counter = 0;

/**
 * Appends a request by `requester` at `at` and, unless `outcome` is null, a decision by `decider`
 * one hour later, through the real functions; throws when either is refused.
 */
export function review(
  policy: PublishedPolicy,
  records: GovernanceRecords,
  object: GateFacts,
  gateId: string,
  at: string,
  outcome: DecisionOutcome | null,
  people: { requester?: Person; decider?: Person; role?: string } = {},
): GovernanceRecords {
  const gate = policy.data.gates.find((g) => g.id === gateId)!;
  const asked = requestReview(policy, { id: `r-${++counter}`, gateId, subject: subjectOf(object), by: people.requester ?? CY, at, note: '' }, records);
  if (!asked.ok) throw new Error(asked.reason);
  const policies = records.policies.includes(policy) ? records.policies : [...records.policies, policy];
  const withRequest = { ...records, policies, requests: [...records.requests, asked.record] };
  if (outcome === null) return withRequest;
  const decidedAt = new Date(Date.parse(at) + 3_600_000).toISOString();
  const decider = people.decider ?? DEE;
  const decided = decide(
    policy,
    { id: `d-${counter}`, requestId: asked.record.id, outcome, comment: outcome === 'approve' ? '' : 'Not yet.', by: decider, role: people.role ?? gate.deciderRole, at: decidedAt, object },
    withRequest,
  );
  if (!decided.ok) throw new Error(decided.reason);
  return { ...withRequest, decisions: [...withRequest.decisions, decided.record] };
}
