/** What the cost drill's checks read, gathered from the stores: kept figures, the active routing, the logs per route. */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import { lastEvent } from '$lib/core/practice/mission';
import { COST_TRADE_OFF_EVENT, type DrillCostFacts, type KeptTradeOff } from '$lib/core/practice/missions/drillCost';
import { routedVersionIds, routingInWords } from '$lib/core/serving/segmentRouting';
import { businessOf, decisionWorth } from '$lib/core/monitor/businessValue';
import { segmentRouteReport } from '../segmentRoutes';
import { listModelVersions } from '../registry';

/** The calculator's event detail as the drill reads it; null when it is not whole. */
function keptTradeOff(detail: Record<string, string | number | boolean | null> | undefined): KeptTradeOff | null {
  if (!detail) return null;
  const { first, second, firstNet, secondNet, routedNet, best, segments, routedTo } = detail;
  if (typeof first !== 'string' || typeof second !== 'string' || typeof firstNet !== 'number' || typeof secondNet !== 'number' || typeof routedNet !== 'number' || typeof segments !== 'number') return null;
  if (best !== 'first' && best !== 'second' && best !== 'routed') return null;
  return { first, second, firstNet, secondNet, routedNet, best, segments, routedTo: typeof routedTo === 'string' ? routedTo : '' };
}

export async function gatherDrillCostFacts(db: LifecycleDatabase, record: MissionRecord): Promise<DrillCostFacts> {
  const facts: DrillCostFacts = { notes: { ...record.notes }, currency: 'USD', tradeOff: keptTradeOff(lastEvent(record.events, COST_TRADE_OFF_EVENT)?.detail), routing: null, routes: [] };
  if (!record.projectId) return facts;
  const [project, versions, report] = await Promise.all([db.projects.get(record.projectId), listModelVersions(db, record.projectId), segmentRouteReport(db, record.projectId)]);
  facts.currency = decisionWorth(businessOf(project)).countedIn;
  if (!report) return facts;
  const nameOf = (id: string) => {
    const v = versions.find((x) => x.id === id);
    return v ? `${v.modelName} v${v.version}` : 'a removed version';
  };
  const { deployment, stats } = report;
  facts.routing = { words: routingInWords(deployment.segmentRouting, deployment.modelVersionId, nameOf), versions: routedVersionIds(deployment.modelVersionId, deployment.segmentRouting).length };
  facts.routes = stats.map((s) => ({ route: s.route, requests: s.requests, answers: s.answers, withOutcome: s.withOutcome, accuracy: s.accuracy, answeredBy: s.versionIds.map(nameOf) }));
  return facts;
}
