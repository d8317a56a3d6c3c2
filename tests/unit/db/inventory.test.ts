import { beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { ModelVersionRecord, RunRecord } from '$lib/db/records';
import { createProject } from '$lib/db/projects';
import { publishPolicy, startFromTemplate } from '$lib/db/governancePolicy';
import { addPerson } from '$lib/db/governancePeople';
import { grantWaiverFor } from '$lib/db/governance';
import { governanceOverviewOf } from '$lib/db/governanceOverview';
import { inventoryFacts } from '$lib/db/inventory';
import { inventoryRows } from '$lib/core/inventory/inventoryRow';
import { freshDbsPerTest } from './testDb';

const open = freshDbsPerTest();
let db: LifecycleDatabase;
beforeEach(() => {
  db = open();
});

const AT = '2026-03-01T00:00:00.000Z';

/** `n` versions of "Model" in the project, each from its own run (written directly: registering is not what is tested). */
async function versions(projectId: string, n: number, tag: string): Promise<string[]> {
  const runs: RunRecord[] = Array.from({ length: n }, (_, i) => ({
    id: `${tag}-run-${i}`, projectId, datasetVersionId: `${tag}-dv`, number: i + 1, createdAt: AT, status: 'completed', family: 'softmax-regression',
    params: {}, seed: 1, backend: 'cpu', metrics: { 'test.accuracy': 0.9 }, curves: { loss: [], valLoss: [], accuracy: [], valAccuracy: [] }, timings: {}, appVersion: 'test',
  }));
  const mvs: ModelVersionRecord[] = runs.map((run, i) => ({
    id: `${tag}-mv-${i}`, projectId, modelName: 'Model', version: i + 1, runId: run.id, datasetVersionId: `${tag}-dv`, createdAt: AT, description: '', tags: {}, aliases: i === 0 ? ['champion'] : [], archived: false, appVersion: 'test',
  }));
  await db.runs.bulkAdd(runs);
  await db.modelVersions.bulkAdd(mvs);
  return mvs.map((v) => v.id);
}

describe('inventoryFacts', () => {
  it('gathers each project’s versions, tier, policy, records, active traffic and newest drift per reference', async () => {
    const a = (await createProject(db, { name: 'Alpha' })).id;
    const b = (await createProject(db, { name: 'Beta' })).id;
    const [a1, a2] = await versions(a, 2, 'a');
    await versions(b, 1, 'b');
    await startFromTemplate(db, a, 'standard');
    await publishPolicy(db, a, 'Ana');
    const sam = await addPerson(db, { projectId: a, name: 'Sam', roles: ['engineering-lead'], by: 'Ana' });
    await grantWaiverFor(db, { projectId: a, gateId: 'performance-sla', object: { kind: 'model-version', id: a2 }, personId: sam.id, role: 'engineering-lead', reason: 'pilot', owner: 'Sam', expiresAt: '2099-01-01T00:00:00.000Z' });
    await db.riskAssessments.bulkAdd([
      { id: 'r1', projectId: a, answers: {} as never, tier: 'limited', by: null, at: '2026-01-01T00:00:00.000Z' },
      { id: 'r2', projectId: a, answers: {} as never, tier: 'high', by: null, at: '2026-02-01T00:00:00.000Z' },
    ]);
    await db.deployments.add({ id: 'd', projectId: a, alias: 'champion', modelVersionId: a1, createdAt: AT, status: 'active', previousDeploymentId: null, traffic: [{ modelVersionId: a1, percent: 100, mode: 'serve' }] });
    const report = (id: string, createdAt: string, drifted: number) => ({ id, projectId: a, createdAt, referenceId: 'a-dv', currentWindow: { from: AT, to: AT }, summary: { driftedColumns: drifted, columns: 3, datasetDrift: drifted > 1 }, details: null });
    await db.driftReports.bulkAdd([report('x1', '2026-03-02T00:00:00.000Z', 2), report('x2', '2026-03-03T00:00:00.000Z', 1)]);

    const facts = await inventoryFacts(db);
    const alpha = facts.find((p) => p.projectId === a)!;
    expect(alpha).toMatchObject({ projectName: 'Alpha', tier: 'high', policy: { version: 1 }, traffic: [{ modelVersionId: a1, mode: 'serve' }] });
    expect(alpha.versions.map((v) => [v.facts.facts.modelVersionId, v.aliases])).toEqual([[a1, ['champion']], [a2, []]]);
    expect(alpha.records.waivers).toHaveLength(1);
    expect(alpha.drift).toEqual([{ referenceId: 'a-dv', at: '2026-03-03T00:00:00.000Z', drifted: 1, checks: 3, datasetDrift: false }]);
    expect(facts.find((p) => p.projectId === b)).toMatchObject({ tier: null, policy: null, traffic: [], drift: [] });

    // The same gate states as the project's governance overview (read object by object).
    const now = Date.now();
    const overview = await governanceOverviewOf(db, a, now);
    const rows = inventoryRows(facts, now);
    for (const { object, state } of overview.gates.find((g) => g.gate.id === 'performance-sla')!.objects) {
      expect(rows.find((r) => r.modelVersionId === object.id)!.gates[0].status).toBe(state.status);
    }
    expect(rows.find((r) => r.modelVersionId === a2)!.waivers.count).toBe(1);
  });

  it('reads 20 projects × 10 versions in one pass (time reported)', async () => {
    for (let p = 0; p < 20; p++) {
      const id = (await createProject(db, { name: `Project ${p}` })).id;
      await versions(id, 10, `p${p}`);
      await startFromTemplate(db, id, 'standard');
      await publishPolicy(db, id, 'Ana');
    }
    let reads = 0;
    for (const table of db.tables) table.hook('reading', (record) => (reads++, record));
    const started = performance.now();
    const rows = inventoryRows(await inventoryFacts(db), Date.now());
    const ms = performance.now() - started;
    console.info(`inventory of 20 projects × 10 versions: ${ms.toFixed(1)} ms, ${reads} records read`);
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.gates.length === 1 && r.blocked)).toBe(true);
    // Each record is read once: 20 projects, their canvases and policies, 200 versions and their runs.
    expect(reads).toBe(20 * 3 + 200 * 2);
  });
});
