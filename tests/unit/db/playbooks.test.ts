import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { listAudit } from '$lib/db/audit';
import { saveCriteria, saveCanvasFields } from '$lib/db/canvas';
import { recordCheckRun } from '$lib/db/datasetReview';
import { saveRiskAssessment } from '$lib/db/riskAssessments';
import { listPlaybookTicks, listTemplateFills, playbookFacts, saveTemplateFill, setPlaybookTick } from '$lib/db/playbooks';
import { playbookProgress } from '$lib/core/playbooks/progress';
import { validateTemplateFill } from '$lib/core/playbooks/templateFill';
import { SAMPLE_CANVAS } from '$lib/core/scenarios/sampleProject';
import { cleanChecks, expectRefused, freshDbsPerTest, seedEveryTable } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
let projectId: string;

beforeEach(async () => {
  db = open();
  projectId = (await createProject(db, { name: 'Played' })).id;
});

const NOOR = { personId: 'p1', name: 'Noor Haddad' };

/** A record in every table (its minute bucket is a shape-only stand-in the summary cannot count, so it goes). */
async function seed() {
  const ids = await seedEveryTable(db, projectId, 't');
  await db.metricBuckets.clear();
  return ids;
}

describe('playbookFacts', () => {
  it('gathers what the playbooks check: canvas, criteria, newest dataset and its checks, runs, registry, serving, governance, fills and ticks', async () => {
    await saveCanvasFields(db, projectId, SAMPLE_CANVAS);
    await saveCriteria(db, projectId, [{ id: 'acc', metric: 'accuracy', split: 'test', comparator: '>=', threshold: 0.5 }]);
    const ids = await seed();
    await saveRiskAssessment(db, projectId, { 'intended-use': ['employment'] }, NOOR);
    await setPlaybookTick(db, projectId, 'data.label-leak', true, NOOR);
    await saveTemplateFill(db, projectId, { templateId: 'labelling-guidelines', fields: { labels: '- a: first' } }, null);

    const facts = await playbookFacts(db, projectId);
    expect(facts.canvas).toEqual(SAMPLE_CANVAS);
    expect(facts.criteria.map((c) => c.id)).toEqual(['acc']);
    // The seeded check run is on the version's own rows; the version is not split.
    expect(facts.dataset).toEqual({ number: 1, classes: ['a', 'b'], split: null, checksRun: true, leakedRows: null });
    expect(facts.runs).toEqual([{ number: 1, family: 'softmax-regression', beatsMajority: null, metrics: { accuracy: 0.9 } }]);
    expect(facts).toMatchObject({ latestVersion: 'triage v1', serving: 'triage v1', rollbackTarget: null, challengerTried: false, rolledBack: false });
    expect(facts).toMatchObject({ policy: { version: 1, name: expect.any(String) }, peopleWithRoles: 1, riskTier: 'high' });
    expect(facts.ticks).toEqual({ 'data.label-leak': { by: 'Noor Haddad', at: expect.any(String) } });
    expect(facts.fills['labelling-guidelines']).toMatchObject({ by: null, fields: { labels: '- a: first', borderline: '' } });
    expect(ids.deploymentId).toBe('t-dep');

    const data = playbookProgress('data', facts);
    expect(data.items.filter((i) => i.done).map((i) => i.item.id)).toEqual(['data.imported', 'data.labelled', 'data.checks', 'data.label-leak']);
  });

  it('does not count a check run made on other rows than the newest version', async () => {
    const { datasetVersionId } = await seed();
    await db.checkRuns.clear();
    const version = (await db.datasetVersions.get(datasetVersionId))!;
    await recordCheckRun(db, datasetVersionId, cleanChecks(version.contentHash, 6));
    expect((await playbookFacts(db, projectId)).dataset?.checksRun).toBe(true);
    await db.datasetVersions.update(datasetVersionId, { contentHash: 'other rows' });
    expect((await playbookFacts(db, projectId)).dataset).toMatchObject({ checksRun: false, leakedRows: null });
  });
});

describe('ticks', () => {
  it('ticks and unticks an item a person checks, one record per item, each audited in the acting name', async () => {
    await setPlaybookTick(db, projectId, 'monitor.loop', true, NOOR);
    await setPlaybookTick(db, projectId, 'monitor.loop', false, null);
    const ticks = await listPlaybookTicks(db, projectId);
    expect(ticks).toEqual([{ id: `${projectId}:monitor.loop`, projectId, itemId: 'monitor.loop', done: false, at: expect.any(String), by: null }]);
    expect((await playbookFacts(db, projectId)).ticks).toEqual({});
    const audit = await listAudit(db, projectId);
    expect(audit.slice(0, 2).map((a) => [a.action, a.actor, a.detail])).toEqual([
      ['playbook.tick', 'you', 'Unticked “Turn production traffic into a labelled dataset version and retrain on it”'],
      ['playbook.tick', 'Noor Haddad', 'Ticked “Turn production traffic into a labelled dataset version and retrain on it”'],
    ]);
  });

  it('refuses unknown items, items the app checks, and missing projects, writing nothing', async () => {
    await expectRefused(db, () => setPlaybookTick(db, projectId, 'data.nothing', true, NOOR), /no playbook item "data.nothing"/);
    await expectRefused(db, () => setPlaybookTick(db, projectId, 'data.split', true, NOOR), /cannot be ticked by hand/);
    await expectRefused(db, () => setPlaybookTick(db, 'gone', 'monitor.loop', true, NOOR), /no longer exists/);
  });

  it('leaves nothing behind when the audit append fails inside the transaction', async () => {
    db.auditLog.hook('creating', () => {
      throw new Error('disk full');
    });
    await expectRefused(db, () => setPlaybookTick(db, projectId, 'monitor.loop', true, NOOR), /disk full/);
    await expectRefused(db, () => saveTemplateFill(db, projectId, { templateId: 'evaluation-plan', fields: {} }, NOOR), /disk full/);
  });
});

describe('template fills', () => {
  it('stores one fill per template, the newest replacing the older, as the acting person, audited with what is missing', async () => {
    await saveTemplateFill(db, projectId, { templateId: 'rollout-rollback', fields: { version: 'v1' } }, null);
    const second = await saveTemplateFill(db, projectId, { templateId: 'rollout-rollback', fields: { version: 'v2', 'rollback-trigger': 'errors > 1 %' } }, NOOR);
    const fills = await listTemplateFills(db, projectId);
    expect(fills).toEqual([second]);
    expect(second).toMatchObject({ id: `${projectId}:rollout-rollback`, by: NOOR, fields: { version: 'v2', 'rollback-trigger': 'errors > 1 %', steps: '' } });
    expect(validateTemplateFill(JSON.parse(JSON.stringify(second))).ok).toBe(true);
    const [entry] = await listAudit(db, projectId);
    expect(entry).toMatchObject({ action: 'playbook.template', actor: 'Noor Haddad', refs: { templateFillId: second.id } });
    expect(entry.detail).toBe('Rollout and rollback plan saved (still to fill in: What serves now (the rollback target), Rollout steps, Signals watched during rollout, How to roll back)');
  });

  it('refuses an unknown template, an unknown field or a value that is not text, writing nothing', async () => {
    await expectRefused(db, () => saveTemplateFill(db, projectId, { templateId: 'press-release', fields: {} }, NOOR), /\/templateId: is not a template/);
    await expectRefused(db, () => saveTemplateFill(db, projectId, { templateId: 'rollout-rollback', fields: { owner: 'me', budget: '1' } }, NOOR), /\/fields\/budget: is not a field/);
    await expectRefused(db, () => saveTemplateFill(db, projectId, { templateId: 'rollout-rollback', fields: { owner: 7 } }, NOOR), /\/fields\/owner: must be text/);
    await expectRefused(db, () => saveTemplateFill(db, 'gone', { templateId: 'rollout-rollback', fields: {} }, NOOR), /no longer exists/);
  });
});
