/**
 * The advanced mission's seeded project, written all or nothing: its framing, a canvas with the
 * ticket criteria, and generated messages already split — no policy, people or risk tier (the
 * learner governs it). The template trains and registers its first version afterwards.
 */
import type { LifecycleDatabase } from '../database';
import type { DatasetVersionRecord, ProjectRecord } from '../records';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { SAMPLE_CANVAS } from '$lib/core/scenarios/sampleProject';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import { ADVANCED_PROJECT } from '$lib/core/practice/missions/advanced';
import { createProject } from '../projects';
import { writeDatasetVersion } from '../datasets';
import { ticketToRow } from '../sampleProject';
import { nowIso } from '../ids';
import { prepareSplitVersion } from './seedVersion';

export async function createAdvancedProject(db: LifecycleDatabase): Promise<{ project: ProjectRecord; version: DatasetVersionRecord }> {
  const { seed, messages } = ADVANCED_PROJECT;
  const prepared = await prepareSplitVersion(generateTickets({ seed, count: messages }).map(ticketToRow), {
    seed,
    source: 'generator:support-tickets',
    message: `${messages} customer messages from the ticket generator (seed “${seed}”)`,
  });
  return db.transaction('rw', db.tables, async () => {
    const project = await createProject(db, { name: ADVANCED_PROJECT.name, description: ADVANCED_PROJECT.description, scenario: 'support-tickets', rowWord: { singular: 'message' } });
    await db.canvases.put({
      projectId: project.id,
      fields: { ...SAMPLE_CANVAS, decisions: ADVANCED_PROJECT.decisions },
      crispPhase: 'modeling',
      criteria: DEFAULT_TICKET_CRITERIA.map((c) => ({ ...c })),
      updatedAt: nowIso(),
    });
    return { project, version: await writeDatasetVersion(db, { ...prepared, projectId: project.id }) };
  });
}
