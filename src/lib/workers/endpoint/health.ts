/** GET /api/v1/health: the served model (and whether it is retired or lost its approval), the uptime, and whether logging is paused (a full disk). */
import { GATE_NOT_APPROVED, healthResponse } from '$lib/core/serving/api';
import { getModelVersion } from '$lib/db/modelFiles';
import { json, type RouteHandler } from './context';

export const health: RouteHandler = async ({ request, facts }, ctx) => {
  const deployment = await ctx.deployments.forRequest(request, facts);
  const version = deployment ? await getModelVersion(ctx.db, deployment.modelVersionId) : undefined;
  // The same question predict asks (ServedModels.serving): a retired served version, or one that
  // lost its approval, makes the endpoint unhealthy.
  const use = deployment && version ? await ctx.models.serving(deployment.modelVersionId, ctx.clock.nowMs()) : null;
  const body = healthResponse({
    model: deployment && version ? { name: version.modelName, version: version.version, alias: deployment.alias } : null,
    uptimeSeconds: (ctx.clock.now() - ctx.startedAt) / 1000,
    refused: use && !use.allowed ? { status: use.code === GATE_NOT_APPROVED.code ? use.code : 'model_retired', message: use.reason } : null,
  });
  const paused = ctx.log.pausedBecause;
  return json(200, paused ? { ...body, logging: { status: 'paused', message: paused } } : body);
};
