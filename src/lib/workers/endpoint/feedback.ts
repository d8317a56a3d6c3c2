/** POST /api/v1/feedback: ground truth for earlier predictions of the active project (see core/serving/feedback.ts). */
import { errorBody, noModelDeployedBody, NO_MODEL_DEPLOYED } from '$lib/core/serving/api';
import { parseFeedbackRequest, unknownLabelBody, type FeedbackResponseBody } from '$lib/core/serving/feedback';
import { recordOutcomes } from '$lib/db/monitoring';
import { fail, json, type RouteHandler } from './context';

export const feedback: RouteHandler = async ({ request, facts }, ctx) => {
  const parsed = parseFeedbackRequest(await request.text());
  if (!parsed.ok) return fail(facts, parsed.status, parsed.body);
  const deployment = await ctx.deployments.forRequest(request, facts);
  if (!deployment) return fail(facts, NO_MODEL_DEPLOYED.status, noModelDeployedBody());
  // Predictions still waiting in the log buffer must be stored before they can be graded.
  await ctx.log.flush();
  const result = await recordOutcomes(ctx.db, deployment.projectId, parsed.outcomes, { at: new Date(ctx.clock.nowMs()).toISOString() });
  if (result.refused.length) return fail(facts, 422, unknownLabelBody(result.refused));
  if (parsed.single && result.unknown.length) {
    return fail(facts, 404, errorBody(404, 'unknown_prediction', `No logged prediction has the id or ref "${parsed.outcomes[0].id}".`));
  }
  const body: FeedbackResponseBody = { updated: result.updated, unknown: result.unknown };
  return json(200, body);
};
