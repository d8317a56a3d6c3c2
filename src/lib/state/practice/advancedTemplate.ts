/**
 * The advanced mission's starting point: the seeded project (db/practice/advancedProject.ts) and
 * one trained, registered version made before any policy exists. Governing it is the learner's work.
 */
import { createAdvancedProject } from '$lib/db/practice/advancedProject';
import { ADVANCED_PROJECT } from '$lib/core/practice/missions/advanced';
import type { MissionTemplate } from './template';
import { trainAndRegister } from './templateModels';

export const advancedTemplate: MissionTemplate = async (ctx) => {
  ctx.progress('Generating the customers’ messages…');
  const { project, version } = await createAdvancedProject(ctx.db);
  ctx.created(project.id);
  ctx.signal.throwIfAborted();
  await trainAndRegister(ctx, {
    projectId: project.id,
    datasetVersionId: version.id,
    family: 'softmax-regression',
    seed: ADVANCED_PROJECT.seed,
    modelName: 'Message router',
    description: 'TF-IDF + logistic regression, trained before any policy existed.',
    label: 'the router',
  });
  return { projectId: project.id };
};
