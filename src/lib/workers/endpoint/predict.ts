/** POST /api/v1/predict: the active deployment's answer (canary and shadow included), logged per text. */
import { errorBody, noModelDeployedBody, parsePredictRequest, predictResponse, textsOfFields, GATE_NOT_APPROVED, NO_MODEL_DEPLOYED, type RequestFields } from '$lib/core/serving/api';
import { checkRequestContract, CONTRACT_VIOLATION } from '$lib/core/serving/requestContract';
import { MODEL_RETIRED } from '$lib/core/registry/retirement';
import { routeRequest, trafficFromDeployment } from '$lib/core/serving/routing';
import { requestSegment, routeBySegment } from '$lib/core/serving/segmentRouting';
import { murmur3String } from '$lib/core/data/murmur3';
import type { PredictionLogRecord } from '$lib/db/records';
import { loggedText } from '$lib/core/monitor/logSettings';
import { fail, json, type RouteHandler } from './context';
import { hexOf } from '$lib/core/hex';

/** A fresh prediction id: "p-" and 16 random hex digits. */
function predictionId(): string {
  return `p-${hexOf(crypto.getRandomValues(new Uint8Array(8)))}`;
}

/** Named fields as logged: each bounded and masked like a text; null (sent as null) is left out. */
function loggedFields(record: RequestFields, settings: Parameters<typeof loggedText>[1]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) if (value !== null) out[name] = loggedText(value, settings);
  return out;
}

export const predict: RouteHandler = async ({ request, facts, started }, ctx) => {
  const bodyText = await request.text();
  const parsed = parsePredictRequest(bodyText);
  if (!parsed.ok) return fail(facts, parsed.status, errorBody(parsed.status, parsed.error.code, parsed.error.message));
  facts.texts = parsed.refs.length;
  const deployment = await ctx.deployments.forRequest(request, facts);
  if (!deployment) return fail(facts, NO_MODEL_DEPLOYED.status, noModelDeployedBody());
  // The project's request contract first (one rule for every path), then the texts the model reads.
  const shape = await ctx.requestShapes.of(deployment.projectId);
  const violation = checkRequestContract(shape.contract, parsed.fields ? { kind: 'fields', records: parsed.fields } : { kind: 'text' });
  if (violation) return fail(facts, CONTRACT_VIOLATION.status, errorBody(CONTRACT_VIOLATION.status, CONTRACT_VIOLATION.code, violation.message, violation.field));
  const joined = parsed.fields ? textsOfFields(parsed.fields, shape.textFields) : { ok: true as const, texts: parsed.texts! };
  if (!joined.ok) return fail(facts, joined.status, errorBody(joined.status, joined.error.code, joined.error.message));
  const texts = joined.texts;
  const traffic = trafficFromDeployment(deployment.traffic);
  const decision = routeRequest(traffic, ctx.nextRequestNumber(), deployment.id);
  // Segment routing (exclusive with canary and shadow) picks the version from a request field.
  let champion = traffic.champion;
  if (deployment.segmentRouting) {
    const segment = requestSegment(JSON.parse(bodyText), deployment.segmentRouting.field);
    if (!segment.ok) return fail(facts, 422, errorBody(422, 'invalid_request', segment.message));
    const routed = routeBySegment(deployment.segmentRouting, traffic.champion, segment.value);
    champion = routed.modelVersionId;
    facts.segmentRoute = routed.route;
  }
  // Retirement (core/registry/retirement.ts) and the policy's gates (ServedModels.serving): a
  // retired served version answers 410, one that lost its approval 403; a refused canary's
  // requests go to the served version, a retired shadow is skipped.
  const wallMs = ctx.clock.nowMs();
  facts.modelVersionId = champion;
  const served = await ctx.models.serving(champion, wallMs);
  if (!served.allowed) {
    const { status } = served.code === GATE_NOT_APPROVED.code ? GATE_NOT_APPROVED : MODEL_RETIRED;
    return fail(facts, status, errorBody(status, served.code, served.reason));
  }
  const canary = decision.served === 'challenger' ? await ctx.models.serving(traffic.challenger!, wallMs) : null;
  const useCanary = canary?.allowed === true;
  const headers = canary?.allowed ? canary.headers : served.headers;
  facts.modelVersionId = useCanary ? traffic.challenger! : champion;
  const answering = await ctx.models.get(facts.modelVersionId);
  const ids = texts.map(predictionId);
  const predictions = answering.predictor.predict(texts);
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
    inputHash: hexOf(murmur3String(texts[i]).subarray(0, 8)),
    inputLength: texts[i].length,
    label: p.label,
    confidence: p.confidence,
    latencyMs: ms,
    status: 200,
    route,
    ...(facts.segmentRoute !== undefined ? { segmentRoute: facts.segmentRoute } : {}),
  });
  // The served answer keeps the text as the project's settings say (masked or not; the hash is
  // of the text as sent, so duplicates are found either way); its shadow score does not repeat it.
  const settings = await ctx.logSettings.of(deployment.projectId);
  const entries: PredictionLogRecord[] = texts.map((text, i) => ({
    ...entry(i, predictions[i], useCanary ? 'challenger' : 'champion', answering.version.id, latencyMs / texts.length),
    text: loggedText(text, settings),
    ...(parsed.fields ? { fields: loggedFields(parsed.fields[i], settings) } : {}),
  }));
  if (decision.shadow && traffic.challenger && (await ctx.models.serving(traffic.challenger, wallMs, 'shadow')).allowed) {
    const shadow = await ctx.models.get(traffic.challenger);
    const s0 = ctx.clock.now();
    const shadowPredictions = shadow.predictor.predict(texts);
    const shadowMs = (ctx.clock.now() - s0) / texts.length;
    texts.forEach((_, i) => entries.push(entry(i, shadowPredictions[i], 'shadow', shadow.version.id, shadowMs)));
  }
  facts.answers = entries;
  facts.predictions = predictions.map((p) => ({ label: p.label, modelVersion: answering.version.version }));
  return json(200, body, headers);
};
