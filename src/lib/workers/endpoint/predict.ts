/** POST /api/v1/predict: the active deployment's answer (canary and shadow included), logged per text. */
import { errorBody, noModelDeployedBody, parsePredictRequest, predictResponse, GATE_NOT_APPROVED, NO_MODEL_DEPLOYED } from '$lib/core/serving/api';
import { MODEL_RETIRED } from '$lib/core/registry/retirement';
import { routeRequest, trafficFromDeployment } from '$lib/core/serving/routing';
import { murmur3String } from '$lib/core/data/murmur3';
import type { PredictionLogRecord } from '$lib/db/records';
import { loggedText } from '$lib/core/monitor/logSettings';
import { fail, json, type RouteHandler } from './context';
import { hexOf } from '$lib/core/hex';

/** A fresh prediction id: "p-" and 16 random hex digits. */
function predictionId(): string {
  return `p-${hexOf(crypto.getRandomValues(new Uint8Array(8)))}`;
}

export const predict: RouteHandler = async ({ request, facts, started }, ctx) => {
  const parsed = parsePredictRequest(await request.text());
  if (!parsed.ok) return fail(facts, parsed.status, errorBody(parsed.status, parsed.error.code, parsed.error.message));
  facts.texts = parsed.texts.length;
  const deployment = await ctx.deployments.forRequest(request, facts);
  if (!deployment) return fail(facts, NO_MODEL_DEPLOYED.status, noModelDeployedBody());
  const traffic = trafficFromDeployment(deployment.traffic);
  const decision = routeRequest(traffic, ctx.nextRequestNumber(), deployment.id);
  // Retirement (core/registry/retirement.ts) and the policy's gates (ServedModels.serving): a
  // retired served version answers 410, one that lost its approval 403; a refused canary's
  // requests go to the served version, a retired shadow is skipped.
  const wallMs = ctx.clock.nowMs();
  facts.modelVersionId = traffic.champion;
  const served = await ctx.models.serving(traffic.champion, wallMs);
  if (!served.allowed) {
    const { status } = served.code === GATE_NOT_APPROVED.code ? GATE_NOT_APPROVED : MODEL_RETIRED;
    return fail(facts, status, errorBody(status, served.code, served.reason));
  }
  const canary = decision.served === 'challenger' ? await ctx.models.serving(traffic.challenger!, wallMs) : null;
  const useCanary = canary?.allowed === true;
  const headers = canary?.allowed ? canary.headers : served.headers;
  facts.modelVersionId = useCanary ? traffic.challenger! : traffic.champion;
  const answering = await ctx.models.get(facts.modelVersionId);
  const ids = parsed.texts.map(predictionId);
  const predictions = answering.predictor.predict(parsed.texts);
  const latencyMs = ctx.clock.now() - started;
  const body = predictResponse({
    predictions: predictions.map((p, i) => ({ ...p, id: ids[i], ref: parsed.refs[i] })),
    classes: answering.predictor.classes,
    model: { name: answering.version.modelName, version: answering.version.version },
    latencyMs,
    single: parsed.single,
  });
  const at = new Date(ctx.clock.nowMs()).toISOString();
  const entry = (i: number, p: (typeof predictions)[number], route: 'champion' | 'challenger' | 'shadow', modelVersionId: string, ms: number): PredictionLogRecord => ({
    projectId: deployment.projectId,
    predictionId: ids[i],
    ...(parsed.refs[i] ? { ref: parsed.refs[i]! } : {}),
    deploymentId: deployment.id,
    modelVersionId,
    at,
    inputHash: hexOf(murmur3String(parsed.texts[i]).subarray(0, 8)),
    inputLength: parsed.texts[i].length,
    label: p.label,
    confidence: p.confidence,
    latencyMs: ms,
    status: 200,
    route,
  });
  // The served answer keeps the text as the project's settings say (masked or not; the hash is
  // of the text as sent, so duplicates are found either way); its shadow score does not repeat it.
  const settings = await ctx.logSettings.of(deployment.projectId);
  const entries: PredictionLogRecord[] = parsed.texts.map((text, i) => ({ ...entry(i, predictions[i], useCanary ? 'challenger' : 'champion', answering.version.id, latencyMs / parsed.texts.length), text: loggedText(text, settings) }));
  if (decision.shadow && traffic.challenger && (await ctx.models.serving(traffic.challenger, wallMs, 'shadow')).allowed) {
    const shadow = await ctx.models.get(traffic.challenger);
    const s0 = ctx.clock.now();
    const shadowPredictions = shadow.predictor.predict(parsed.texts);
    const shadowMs = (ctx.clock.now() - s0) / parsed.texts.length;
    parsed.texts.forEach((_, i) => entries.push(entry(i, shadowPredictions[i], 'shadow', shadow.version.id, shadowMs)));
  }
  facts.answers = entries;
  facts.predictions = predictions.map((p) => ({ label: p.label, modelVersion: answering.version.version }));
  return json(200, body, headers);
};
