/**
 * The regression drill's starting point (core/practice/drillRegressionScenario.ts): the project
 * with its two dataset versions; v1 trained on the history, deployed, and serving intact tickets
 * with their true labels coming back; then v2 trained on the broken export, deployed outright (the
 * canary rule is off, as it was when this happened) and serving the broken pipeline's requests.
 * Everything goes through the app's own paths: the compute worker trains, the registry registers,
 * `deploy` deploys, the endpoint answers and logs.
 */
import { createDrillRegressionProject, deploy, type DrillRegressionStart } from '$lib/db';
import { DRILL_REGRESSION } from '$lib/core/practice/drillRegressionScenario';
import type { MissionTemplate, TemplateContext } from './template';
import { TEMPLATE_ACTOR, trainAndRegister } from './templateModels';
import { sendTemplateTraffic, untilServed } from './templateTraffic';

/** Trains and registers one version on `datasetVersionId`, deploys it alone as the champion and waits until the endpoint serves it. */
async function trainAndServe(ctx: TemplateContext, projectId: string, datasetVersionId: string, label: string, description: string, reason: string) {
  const { version } = await trainAndRegister(ctx, { projectId, datasetVersionId, family: 'softmax-regression', seed: DRILL_REGRESSION.trainingSeed, modelName: DRILL_REGRESSION.modelName, description, label });
  ctx.signal.throwIfAborted();
  ctx.progress(`Deploying ${label}…`);
  const deployment = await deploy(ctx.db, { projectId, servedVersionId: version.id, alias: 'champion', makeChampion: true, by: TEMPLATE_ACTOR, reason });
  await untilServed(ctx, projectId, version.modelName, version.version);
  return { version, deployment };
}

export const drillRegressionTemplate: MissionTemplate = async (ctx) => {
  ctx.progress('Writing the project and its two dataset versions…');
  const seed = await createDrillRegressionProject(ctx.db);
  const projectId = seed.project.id;
  ctx.created(projectId);
  const { feedbackShare } = DRILL_REGRESSION;

  const stable = await trainAndServe(ctx, projectId, seed.history.id, 'version 1 on the history', 'TF-IDF + logistic regression on the help desk’s history.', 'The first version: trained on the history, meets the criteria on its test split');
  await sendTemplateTraffic(ctx, { projectId, ...DRILL_REGRESSION.before, feedbackShare, label: 'tickets to version 1' });

  const broken = await trainAndServe(ctx, projectId, seed.brokenExport.id, 'version 2 on the newest export', 'Scheduled retrain on the newest help desk export.', 'Scheduled retrain on the newest export');
  await sendTemplateTraffic(ctx, { projectId, ...DRILL_REGRESSION.after, feedbackShare, label: 'tickets to version 2' });

  const start: DrillRegressionStart = {
    stableVersionId: stable.version.id,
    brokenVersionId: broken.version.id,
    stableDeploymentId: stable.deployment.id,
    brokenDeploymentId: broken.deployment.id,
  };
  return { projectId, start: { ...start } };
};
