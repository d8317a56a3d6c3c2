import { describe, expect, it } from 'vitest';
import { gatherDrillCostFacts } from '$lib/db/practice/drillCostFacts';
import { beginMissionAttempt, getMission, recordMissionEvent } from '$lib/db/practice/missions';
import { deploy } from '$lib/db/deployments';
import { checkMission } from '$lib/core/practice/catalogue';
import { COST_TRADE_OFF_EVENT } from '$lib/core/practice/missions/drillCost';
import { freshDbsPerTest } from '../testDb';
import { logTexts, servedProject } from '../servedProject';

const fresh = freshDbsPerTest();
const second = (i: number) => new Date(Date.UTC(2026, 11, 5, 9, 0, i)).toISOString();

describe('the cost drill’s facts', () => {
  it('read the kept figures, the active routing and the answers per route; a plain deployment routes nothing', async () => {
    const db = fresh();
    const served = await servedProject(db);
    const record = await beginMissionAttempt(db, { id: 'drill-cost', projectId: served.project.id });
    expect(await gatherDrillCostFacts(db, record)).toMatchObject({ tradeOff: null, routing: null, routes: [] });

    await db.modelVersions.add({ ...served.modelVersion, id: 'mv-2', version: 2, aliases: [] });
    const routed = await deploy(db, { projectId: served.project.id, servedVersionId: 'mv-1', alias: 'champion', segmentRouting: { field: 'tier', routes: [{ value: 'enterprise', modelVersionId: 'mv-2' }] }, by: 'you', reason: '' });
    const texts = Array.from({ length: 6 }, (_, i) => `ticket ${i}`);
    await logTexts(db, { ...served, deploymentId: routed.id }, texts, second, { segmentRoute: 'default', outcome: 'Billing' });
    await logTexts(db, { ...served, deploymentId: routed.id, modelVersion: { ...served.modelVersion, id: 'mv-2' } }, texts, second, { segmentRoute: 'tier=enterprise', outcome: 'Billing' });
    await recordMissionEvent(db, { projectId: served.project.id }, { kind: COST_TRADE_OFF_EVENT, detail: { first: 'Ticket router v1', second: 'Ticket router v2', firstNet: 10, secondNet: 20, routedNet: 30, best: 'routed', segments: 3, routedTo: 'tier = enterprise' } });

    const facts = await gatherDrillCostFacts(db, (await getMission(db, 'drill-cost'))!);
    expect(facts.tradeOff).toMatchObject({ best: 'routed', routedNet: 30, segments: 3 });
    expect(facts.routing).toEqual({ words: 'By tier: enterprise → Ticket router v2; other requests → Ticket router v1.', versions: 2 });
    expect(facts.routes.map((r) => [r.route, r.answers, r.withOutcome, r.answeredBy])).toEqual([['tier=enterprise', 6, 6, ['Ticket router v2']], ['default', 6, 6, ['Ticket router v1']]]);
    expect(facts.currency).toBe('minutes');
    const steps = checkMission({ mission: 'drill-cost', facts }).steps.map((s) => [s.step.id, s.done]);
    expect(steps).toEqual([['trade-off', true], ['routing', true], ['traffic', true], ['quality', true], ['recommendation', false]]);

    // A new deployment without routing: the routing and its routes are gone from the facts.
    await deploy(db, { projectId: served.project.id, servedVersionId: 'mv-1', alias: 'champion', by: 'you', reason: '' });
    expect(await gatherDrillCostFacts(db, (await getMission(db, 'drill-cost'))!)).toMatchObject({ routing: null, routes: [] });
  });
});
