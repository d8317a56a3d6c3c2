/** GET /metrics: the endpoint's counters in Prometheus text format, with the newest deployment's models and the deployed projects' business figures. */
import { PROMETHEUS_CONTENT_TYPE, renderEndpointMetrics } from '$lib/core/serving/prometheus';
import { getModelVersion } from '$lib/db/modelFiles';
import { endpointBusiness } from '$lib/db/businessSettings';
import type { RouteHandler } from './context';

export const metrics: RouteHandler = async (_call, ctx) => {
  const deployment = (await ctx.deployments.list())[0];
  const models: { name: string; version: number | string; alias: string }[] = [];
  if (deployment) {
    for (const t of deployment.traffic) {
      const v = await getModelVersion(ctx.db, t.modelVersionId);
      if (v) models.push({ name: v.modelName, version: v.version, alias: t.mode === 'serve' ? deployment.alias : t.mode });
    }
  }
  const projects = [...new Set((await ctx.deployments.list()).map((d) => d.projectId))];
  const business = await endpointBusiness(ctx.db, projects, ctx.clock.nowMs());
  const text = renderEndpointMetrics({ ...(await ctx.log.counters()), models, business });
  return new Response(text, { status: 200, headers: { 'content-type': PROMETHEUS_CONTENT_TYPE, 'cache-control': 'no-store' } });
};
