/**
 * Gates block on every path, with the core's reason: training (saveRun and the compute worker's
 * train handler), the champion alias, deploying, canaries, rollback and serving (the endpoint).
 * The clock is Date, faked; the endpoint's monotonic clock stands still, so its caches stay fresh until invalidated.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { LifecycleDatabase } from '$lib/db/database';
import type { RunArtifactRecord, RunRecord } from '$lib/db/records';
import type { RunEvaluation } from '$lib/core/models/runReport';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { saveRun } from '$lib/db/runs';
import { registerRun, setAlias } from '$lib/db/registry';
import { deploy, rollback } from '$lib/db/deployments';
import { saveCriteria } from '$lib/db/canvas';
import { adoptTierRequirements, publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { saveRiskAssessment } from '$lib/db/riskAssessments';
import { listAudit } from '$lib/db/audit';
import { saveDriftReport } from '$lib/db/driftReports';
import { changesKey, evidenceChangesFor } from '$lib/db/evidenceChanges';
import { governanceOverviewOf } from '$lib/db/governanceOverview';
import { addPerson } from '$lib/db/governancePeople';
import { grantWaiverFor, recordDecision, requestReviewFor } from '$lib/db/governance';
import { checkGate, GateRefusedError } from '$lib/db/governanceGate';
import { createEndpoint } from '$lib/workers/endpoint';
import { trainRun } from '$lib/workers/trainRun';
import type { TrainRequest } from '$lib/workers/computeProtocol';
import { TfidfVectorizer } from '$lib/core/text/tfidf';
import { buildModel } from '$lib/core/models/families';
import { serializeModel } from '$lib/core/models/serialize';
import { modelFacts } from '../governance/fixtures';
import { testContext } from '../workers/rpcContext';
import { expectRefused, freshDbsPerTest, makeRows } from './testDb';

const open = freshDbsPerTest();
const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T09:00:00.000Z');
const facts = modelFacts();
let artifact: Omit<RunArtifactRecord, 'runId'>;
let db: LifecycleDatabase;
let projectId: string;
let datasetVersionId: string;
let people: { noor: string; sam: string };

beforeAll(async () => {
  await tf.setBackend('cpu');
  const texts = ['refund my invoice please', 'the app crashes on login'];
  const vectorizer = new TfidfVectorizer().fit(texts);
  const { model } = buildModel('softmax-regression', vectorizer.vocabularySize, 2, {}, 'gate-test');
  const serialized = await serializeModel(model);
  model.dispose();
  artifact = { modelTopology: serialized.modelTopology, weightSpecs: serialized.weightSpecs, weightData: serialized.weightData, vectorizer: vectorizer.toJSON() };
});

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  db = open();
  projectId = (await createProject(db, { name: 'Governed' })).id;
  datasetVersionId = (await createDatasetVersion(db, { projectId, source: { name: 'x.csv' }, message: 'x', schema: [], rows: makeRows(4) })).id;
  // Runs whose evaluation passes the Performance SLA against these criteria.
  await saveCriteria(db, projectId, facts.criteria);
});

afterEach(() => {
  vi.useRealTimers();
});

const dataset = () => ({ kind: 'dataset-version', id: datasetVersionId }) as const;
const model = (id: string) => ({ kind: 'model-version', id }) as const;

function runRecord(id: string): Omit<RunRecord, 'number'> {
  return {
    id, projectId, datasetVersionId, createdAt: new Date().toISOString(), status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu',
    metrics: facts.metrics, curves: {}, timings: {}, appVersion: 'test', classes: ['a', 'b'], evaluation: facts.evaluation as RunEvaluation,
  } as Omit<RunRecord, 'number'>;
}

/** A stored run registered as the next version of "Router" (before any policy: nothing gates it). */
async function version(runId: string): Promise<string> {
  await saveRun(db, runRecord(runId), artifact);
  return (await registerRun(db, { runId, modelName: 'Router', by: 'test' })).id;
}

/** Standard published; Noor reviews ethics, Sam leads engineering. */
async function governed(): Promise<void> {
  await startFromTemplate(db, projectId, 'standard');
  await publishPolicy(db, projectId, 'test');
  const noor = await addPerson(db, { projectId, name: 'Noor Haddad', roles: ['ethics-reviewer'], by: 'test' });
  const sam = await addPerson(db, { projectId, name: 'Sam Okafor', roles: ['engineering-lead'], by: 'test' });
  people = { noor: noor.id, sam: sam.id };
}

/** Noor asks for the Performance SLA of a model version; Sam answers it. */
async function slaDecision(modelVersionId: string, outcome: 'approve' | 'reject') {
  const request = await requestReviewFor(db, { projectId, gateId: 'performance-sla', object: model(modelVersionId), personId: people.noor, note: '' });
  return recordDecision(db, { projectId, requestId: request.id, personId: people.sam, role: 'engineering-lead', outcome, comment: outcome === 'reject' ? 'p99 too slow on phones' : '' });
}

function waive(gateId: 'data-ethics-review' | 'performance-sla', object: { kind: 'dataset-version' | 'model-version'; id: string }, days: number) {
  const [personId, role] = gateId === 'performance-sla' ? [people.sam, 'engineering-lead'] : [people.noor, 'ethics-reviewer'];
  return grantWaiverFor(db, { projectId, gateId, object, personId, role, reason: 'Pilot', owner: 'Sam Okafor', expiresAt: new Date(Date.now() + days * DAY).toISOString() });
}

const reasons = async (action: 'train' | 'promote' | 'deploy' | 'canary' | 'serve', object: { kind: 'dataset-version' | 'model-version'; id: string }) =>
  (await checkGate(db, projectId, action, object, Date.now())).reasons.join(' ');

describe('training', () => {
  it('is refused by saveRun and by the compute worker\'s train handler with the core\'s reason, allowed under a waiver, refused again once it expires', async () => {
    expect((await checkGate(db, projectId, 'train', dataset(), Date.now())).allowed).toBe(true);
    await governed();
    const why = await reasons('train', dataset());
    expect(why).toMatch(/^Training on this dataset version needs Data Ethics Review: No review requested yet\./);
    await expectRefused(db, () => saveRun(db, runRecord('r1'), artifact), why);
    const request: TrainRequest = { type: 'train', projectId, datasetVersionId, family: 'softmax-regression', params: {}, vectorizer: {} as never, seed: '1', slices: [], preferred: 'cpu' };
    const ctx = testContext() as never;
    await expectRefused(db, () => trainRun(db, request, ctx), why);
    await expect(trainRun(db, request, ctx)).rejects.toBeInstanceOf(GateRefusedError);

    await waive('data-ethics-review', dataset(), 1);
    expect((await saveRun(db, runRecord('r1'), artifact)).number).toBe(1);
    vi.setSystemTime(T0 + 2 * DAY);
    const expired = await reasons('train', dataset());
    expect(expired).toContain('a waiver expired on 2026-06-02');
    await expectRefused(db, () => saveRun(db, runRecord('r2'), artifact), expired);
  });
});

describe('the champion alias, deploying and canaries', () => {
  it('refuses the champion alias for a version without its Performance SLA, leaving the database as it was; other aliases are not gated', async () => {
    const v1 = await version('r1');
    await governed();
    const why = await reasons('promote', model(v1));
    expect(why).toMatch(/^Making this version the champion needs Performance SLA: No review requested yet\./);
    await expectRefused(db, () => setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: v1, by: 'test', reason: 'best' }), why);
    await expectRefused(db, () => deploy(db, { projectId, servedVersionId: v1, alias: 'champion', makeChampion: true, by: 'test', reason: 'go' }), 'Deploying this version needs Performance SLA');
    await setAlias(db, { projectId, modelName: 'Router', alias: 'staging', versionId: v1, by: 'test', reason: 'try it' });
    await slaDecision(v1, 'approve');
    await setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: v1, by: 'test', reason: 'best' });
    expect((await db.modelVersions.get(v1))!.aliases).toEqual(['champion', 'staging']);
  });

  it('deploys an approved version; a canary needs its own approval or a waiver (until it expires); a shadow is not gated', async () => {
    const v1 = await version('r1');
    const v2 = await version('r2');
    await governed();
    await expectRefused(db, () => deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: '' }), await reasons('deploy', model(v1)));
    await slaDecision(v1, 'approve');
    const canary = () => deploy(db, { projectId, servedVersionId: v1, alias: 'champion', challenger: { versionId: v2, mode: 'canary', percent: 10 }, by: 'test', reason: '' });
    const why = await reasons('canary', model(v2));
    expect(why).toMatch(/^Starting a canary of this version needs Performance SLA/);
    await expectRefused(db, canary, why);
    const shadow = await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', challenger: { versionId: v2, mode: 'shadow', percent: 0 }, by: 'test', reason: '' });
    expect(shadow.traffic.map((t) => t.mode)).toEqual(['serve', 'shadow']);
    await waive('performance-sla', model(v2), 1);
    expect((await canary()).traffic.map((t) => [t.mode, t.percent])).toEqual([['serve', 90], ['canary', 10]]);
    vi.setSystemTime(T0 + 2 * DAY);
    // The waiver has gone; v1's approval does not carry over to v2.
    expect(await reasons('canary', model(v2))).toContain('Stale — re-review: approved for Router v1, not for Router v2');
    await expectRefused(db, canary, await reasons('canary', model(v2)));
  });

  it('rolls back to a version that kept its approval (or was served before the policy), not to one that lost it', async () => {
    const v1 = await version('r1');
    const v2 = await version('r2');
    await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: 'before any policy' });
    await governed();
    await slaDecision(v2, 'approve');
    await deploy(db, { projectId, servedVersionId: v2, alias: 'champion', by: 'test', reason: '' });
    expect((await rollback(db, projectId, 'test', 'v2 misbehaves')).modelVersionId).toBe(v1);

    await slaDecision(v1, 'approve');
    await deploy(db, { projectId, servedVersionId: v2, alias: 'champion', by: 'test', reason: '' });
    vi.setSystemTime(T0 + DAY);
    await slaDecision(v1, 'reject');
    const why = await reasons('serve', model(v1));
    expect(why).toMatch(/^Serving this version needs Performance SLA: Rejected by Sam Okafor \(engineering-lead\) on 2026-06-02: p99 too slow on phones/);
    await expectRefused(db, () => rollback(db, projectId, 'test', 'back'), why);
  });
});

describe('serving', () => {
  const mono = 0;
  const post = () => new Request('http://app.local/api/v1/predict', { method: 'POST', body: '{"text":"refund my invoice"}' });
  const health = async (endpoint: ReturnType<typeof createEndpoint>) => (await endpoint.handle(new Request('http://app.local/api/v1/health'))).json();
  const newEndpoint = () => createEndpoint(db, () => mono, () => Date.now());

  it('keeps serving a version deployed before the policy; after a rejected re-review answers 403 gate_not_approved on the next request once told', async () => {
    const v1 = await version('r1');
    await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: '' });
    const endpoint = newEndpoint();
    expect((await endpoint.handle(post())).status).toBe(200);
    await governed();
    endpoint.invalidate();
    expect((await endpoint.handle(post())).status).toBe(200);

    await slaDecision(v1, 'approve');
    vi.setSystemTime(T0 + DAY);
    await slaDecision(v1, 'reject');
    // Cached within DEPLOYMENT_TTL_MS until the page tells the endpoint (tellEndpoint → invalidate).
    expect((await endpoint.handle(post())).status).toBe(200);
    endpoint.invalidate();
    const refused = await endpoint.handle(post());
    expect(refused.status).toBe(403);
    const body = await refused.json();
    expect(body.error).toMatchObject({ status: 403, code: 'gate_not_approved', message: await reasons('serve', model(v1)) });
    expect(body.error.message).toContain('Rejected by Sam Okafor');
    expect(await health(endpoint)).toMatchObject({ status: 'gate_not_approved', model: { name: 'Router', version: 1 }, message: body.error.message });
    await endpoint.flushed();
    expect((await db.requestLogs.toArray()).filter((l) => l.status === 403)).toMatchObject([{ route: '/api/v1/predict', code: 'gate_not_approved', modelVersionId: v1 }]);
  });

  it('sends the requests of a canary that lost its waiver to the served version', async () => {
    const v1 = await version('r1');
    const v2 = await version('r2');
    await governed();
    await slaDecision(v1, 'approve');
    await waive('performance-sla', model(v2), 1);
    await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', challenger: { versionId: v2, mode: 'canary', percent: 50 }, by: 'test', reason: '' });
    const endpoint = newEndpoint();
    const versions = async () => {
      const answered = [];
      for (let i = 0; i < 12; i++) answered.push((await (await endpoint.handle(post())).json()).model.version);
      return [...new Set(answered)].sort();
    };
    expect(await versions()).toEqual([1, 2]);
    vi.setSystemTime(T0 + 2 * DAY);
    expect(await versions()).toEqual([1]);
    await endpoint.flushed();
  });

  it('answers 403 once an approval lapses or a waiver expires, by the clock, without being told', async () => {
    const v1 = await version('r1');
    await governed();
    await slaDecision(v1, 'approve');
    await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: '' });
    const endpoint = newEndpoint();
    expect((await endpoint.handle(post())).status).toBe(200);
    // Standard: re-review after 90 days, 14 days' grace; due is still served.
    vi.setSystemTime(T0 + 100 * DAY);
    expect((await endpoint.handle(post())).status).toBe(200);
    vi.setSystemTime(T0 + 105 * DAY);
    const lapsed = await endpoint.handle(post());
    expect(lapsed.status).toBe(403);
    expect((await lapsed.json()).error.message).toContain('lapsed on 2026-09-13');

    await waive('performance-sla', model(v1), 1);
    endpoint.invalidate();
    expect((await endpoint.handle(post())).status).toBe(200);
    vi.setSystemTime(T0 + 107 * DAY);
    expect((await endpoint.handle(post())).status).toBe(403);
    expect(await health(endpoint)).toMatchObject({ status: 'gate_not_approved' });
    await endpoint.flushed();
  });
});

describe('risk tiers and re-review dates', () => {
  const HIGH = { 'intended-use': ['employment'], 'decision-role': 'shapes-outcome', 'profiles-people': 'yes' };
  const NOOR = () => ({ personId: people.noor, name: 'Noor Haddad' });

  it('adopting what the high tier requires publishes the missing gates and their roles; they block promotion of an approved version until approved, not its serving', async () => {
    const v1 = await version('r1');
    await governed();
    await slaDecision(v1, 'approve');
    await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: '' });
    await expectRefused(db, () => adoptTierRequirements(db, projectId, 'Noor Haddad'), 'Answer the risk questionnaire first');
    await saveRiskAssessment(db, projectId, HIGH, NOOR());
    const adopted = await adoptTierRequirements(db, projectId, 'Noor Haddad');
    expect(adopted.version).toBe(2);
    expect(adopted.data.gates.map((g) => g.id)).toEqual(['data-ethics-review', 'performance-sla', 'model-card-approval', 'council-review']);
    expect(adopted.data.roles.map((r) => r.id)).toEqual(['ethics-reviewer', 'engineering-lead', 'product-owner', 'legal-counsel']);
    expect(adopted.data.reReview.days).toBeLessThanOrEqual(90);
    expect((await listAudit(db, projectId))[0]).toMatchObject({ action: 'governance.policy.publish', actor: 'Noor Haddad', detail: expect.stringContaining('adopting what the high risk tier requires') });
    for (const action of ['promote', 'deploy', 'canary'] as const) {
      const why = await reasons(action, model(v1));
      expect(why).toContain('needs Model card approval: No review requested yet.');
      expect(why).toContain('needs Council review: No review requested yet.');
      expect(why).not.toContain('Performance SLA');
    }
    await expectRefused(db, () => deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: 'again' }), 'needs Model card approval');
    // Serving what was approved before goes on: nothing it had was lost (mayProceed's serve rule).
    expect((await checkGate(db, projectId, 'serve', model(v1), Date.now())).allowed).toBe(true);
    await expectRefused(db, () => adoptTierRequirements(db, projectId, 'Noor Haddad'), 'already meets the high tier: nothing to adopt');
  });

  it('adopting refuses while a draft is being edited, writing nothing', async () => {
    await governed();
    await saveRiskAssessment(db, projectId, HIGH, NOOR());
    await startFromTemplate(db, projectId, 'light');
    await expectRefused(db, () => adoptTierRequirements(db, projectId, 'Noor Haddad'), 'A draft of policy v2 is being edited');
  });

  it('a prohibited assessment refuses deploying and serving on every path, with or without a policy; training stays allowed', async () => {
    const v1 = await version('r1');
    await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: '' });
    const endpoint = createEndpoint(db, () => 0, () => Date.now());
    expect((await endpoint.handle(new Request('http://app.local/api/v1/predict', { method: 'POST', body: '{"text":"refund"}' }))).status).toBe(200);
    // Its logs are written before the refusals below compare the database.
    await endpoint.flushed();
    await saveRiskAssessment(db, projectId, { 'prohibited-practice': ['social-scoring'] }, null);
    await expectRefused(db, () => deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: '' }), /^Deploying this version is refused\. The project’s risk assessment finds a practice the EU AI Act prohibits/);
    expect((await checkGate(db, projectId, 'train', dataset(), Date.now())).allowed).toBe(true);
    endpoint.invalidate();
    const refused = await endpoint.handle(new Request('http://app.local/api/v1/predict', { method: 'POST', body: '{"text":"refund"}' }));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.message).toMatch(/^Serving this version is refused\./);
    // The refusal's log is written before the refusal below compares the database.
    await endpoint.flushed();
    await governed();
    await expectRefused(db, () => adoptTierRequirements(db, projectId, 'Noor Haddad'), 'Prohibited: no policy can make this system deployable');
    expect((await checkGate(db, projectId, 'serve', model(v1), Date.now())).allowed).toBe(false);
    await endpoint.flushed();
  });

  it('an approval overdue for re-review refuses the champion alias, deploying and canaries, but keeps serving until it lapses', async () => {
    const v1 = await version('r1');
    await governed();
    await slaDecision(v1, 'approve');
    await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: '' });
    vi.setSystemTime(T0 + 95 * DAY);
    const why = await reasons('promote', model(v1));
    expect(why).toBe('Making this version the champion needs Performance SLA: the approval of 2026-06-01 is overdue — its re-review was due on 2026-08-30: request a re-review.');
    await expectRefused(db, () => setAlias(db, { projectId, modelName: 'Router', alias: 'champion', versionId: v1, by: 'test', reason: 'again' }), why);
    await expectRefused(db, () => deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: 'again' }), 'its re-review was due on 2026-08-30');
    expect((await checkGate(db, projectId, 'serve', model(v1), Date.now())).allowed).toBe(true);
  });
  it('Gates say what changed since an approval that is due: a drift report on the training data made since', async () => {
    const v1 = await version('r1');
    await governed();
    await slaDecision(v1, 'approve');
    await deploy(db, { projectId, servedVersionId: v1, alias: 'champion', by: 'test', reason: '' });
    const changesAt = async () => (await evidenceChangesFor(db, projectId, await governanceOverviewOf(db, projectId, Date.now()), Date.now()))[changesKey('performance-sla', v1)];
    expect(await changesAt()).toBeUndefined();
    vi.setSystemTime(T0 + 10 * DAY);
    await saveDriftReport(db, { id: 'drift-1', projectId, createdAt: new Date().toISOString(), referenceId: datasetVersionId, currentWindow: { from: '', to: '' }, summary: { driftedColumns: 2, columns: 5, datasetDrift: true }, details: null });
    vi.setSystemTime(T0 + 95 * DAY);
    expect(await changesAt()).toEqual([{ kind: 'drift', says: 'A drift report of 2026-06-11, after the approval, found drift against the training data: 2 of 5 checks drifted (drift across the dataset).' }]);
  });
});
