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
import { DEFAULT_SPLIT_RATIOS } from '$lib/core/data/split';
import { splitDelta } from '$lib/core/data/splitDelta';
import { ADVANCED_PROJECT } from '$lib/core/practice/missions/advanced';
import { createProject } from '../projects';
import { prepareDatasetVersion, writeDatasetVersion } from '../datasets';
import { ticketToRow, TICKET_SCHEMA } from '../sampleProject';
import { nowIso } from '../ids';

export async function createAdvancedProject(db: LifecycleDatabase): Promise<{ project: ProjectRecord; version: DatasetVersionRecord }> {
  const { seed, messages } = ADVANCED_PROJECT;
  const rows = generateTickets({ seed, count: messages }).map(ticketToRow);
  const split = splitDelta({ rows }, { method: 'stratified', ratios: DEFAULT_SPLIT_RATIOS, seed });
  const prepared = await prepareDatasetVersion({
    projectId: '',
    source: { name: 'generator:support-tickets', seed },
    message: `${messages} customer messages from the ticket generator (seed “${seed}”), ${split.message.charAt(0).toLowerCase()}${split.message.slice(1)}`,
    schema: TICKET_SCHEMA,
    rows: split.delta.upserts,
    split: split.split,
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
