/**
 * The beginner mission's starting point: an empty project about support tickets (its rows are
 * called tickets). Framing, importing the
 * tickets file from the mission page, splitting, training, registering, deploying, traffic and
 * health probes are the learner's: none of them is done here.
 */
import { createProject } from '$lib/db';
import { SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';
import type { MissionTemplate } from './template';

export const beginnerTemplate: MissionTemplate = async (ctx) => {
  ctx.progress('Creating the mission’s project…');
  const project = await createProject(ctx.db, {
    name: `Ticket classifier (practice, attempt ${ctx.attempt})`,
    description: 'Beginner mission: route support tickets to the Billing, Technical Issue or General Inquiry queue, from success criteria to a monitored endpoint.',
    rowWord: { singular: SAMPLE_PROJECT.rowWord },
  });
  ctx.created(project.id);
  return { projectId: project.id };
};
