/**
 * The built-in sample project, "Support ticket triage": created on first run from the seeded
 * ticket generator, and again on request (a facilitator's one-click reset).
 */
import type { LifecycleDatabase } from './database';
import type { ColumnSchema, ProjectRecord } from './records';
import { generateTickets, type Ticket } from '$lib/core/scenarios/tickets';
import { SAMPLE_BUSINESS, SAMPLE_CANVAS, SAMPLE_CRISP_PHASE, SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import { createProject } from './projects';
import { prepareDatasetVersion, writeDatasetVersion, type NewRow } from './datasets';
import { getSetting, setSetting } from './settings';
import { nowIso } from './ids';
import { publishPolicy, startFromTemplate } from './governancePolicy';
import { addPerson } from './governancePeople';

const SAMPLE_CREATED_KEY = 'sample.created';

/** The columns of a generated ticket dataset. */
export const TICKET_SCHEMA: ColumnSchema[] = [
  { name: 'id', type: 'id' },
  { name: 'subject', type: 'text' },
  { name: 'body', type: 'text' },
  { name: 'label', type: 'label' },
  { name: 'created_at', type: 'date' },
  { name: 'channel', type: 'category' },
  { name: 'tier', type: 'category' },
];

/** A ticket as a dataset row: subject and body joined into the text the models read. */
export function ticketToRow(t: Ticket): NewRow {
  return {
    key: t.id,
    text: `${t.subject}\n\n${t.body}`,
    label: t.label,
    timestamp: t.createdAt,
    meta: { subject: t.subject, channel: t.channel, tier: t.tier },
  };
}

/** Who the sample's governance set-up is recorded as, in its audit trail. */
export const SAMPLE_SETUP_ACTOR = 'Lifecycle Lab (sample set-up)';

/** The sample's two people: one decides each of Standard's gates, so neither approves their own request. */
export const SAMPLE_PEOPLE = [
  { name: 'Noor Haddad', roles: ['ethics-reviewer'] },
  { name: 'Sam Okafor', roles: ['engineering-lead'] },
] as const;

/**
 * The sample governs from the start: the Standard policy published as v1 (a Data Ethics Review
 * before training, a Performance SLA before deployment) and a person for each deciding role,
 * each step audited like any other. Runs inside the transaction creating the project.
 */
async function governSample(db: LifecycleDatabase, projectId: string): Promise<void> {
  await startFromTemplate(db, projectId, 'standard');
  await publishPolicy(db, projectId, SAMPLE_SETUP_ACTOR);
  for (const person of SAMPLE_PEOPLE) await addPerson(db, { projectId, name: person.name, roles: person.roles, by: SAMPLE_SETUP_ACTOR });
}

/**
 * Creates the sample project with its canvas, criteria, tickets and Standard policy, all or nothing. With
 * `firstRunOnly`, does nothing (returns null) once a sample was ever created, even in another tab.
 */
export async function createSampleProject(
  db: LifecycleDatabase,
  options: { firstRunOnly?: boolean } = {},
): Promise<ProjectRecord | null> {
  const tickets = generateTickets({ seed: SAMPLE_PROJECT.seed, count: SAMPLE_PROJECT.ticketCount });
  const prepared = await prepareDatasetVersion({
    projectId: '',
    source: { name: `generator:support-tickets`, seed: SAMPLE_PROJECT.seed },
    message: `${tickets.length} historical support tickets from the sample generator (seed “${SAMPLE_PROJECT.seed}”)`,
    schema: TICKET_SCHEMA,
    rows: tickets.map(ticketToRow),
  });
  return db.transaction('rw', db.tables, async () => {
    if (options.firstRunOnly && (await getSetting(db, SAMPLE_CREATED_KEY, false))) return null;
    const project = await createProject(db, {
      name: SAMPLE_PROJECT.name,
      description: SAMPLE_PROJECT.description,
      scenario: SAMPLE_PROJECT.scenario,
      rowWord: { singular: SAMPLE_PROJECT.rowWord },
    });
    // Part of creating the project (its creation is audited), as its canvas is.
    const business = { ...SAMPLE_BUSINESS, targets: { ...SAMPLE_BUSINESS.targets } };
    await db.projects.update(project.id, { business });
    await db.canvases.put({
      projectId: project.id,
      fields: { ...SAMPLE_CANVAS },
      crispPhase: SAMPLE_CRISP_PHASE,
      criteria: DEFAULT_TICKET_CRITERIA.map((c) => ({ ...c })),
      updatedAt: nowIso(),
    });
    await writeDatasetVersion(db, { ...prepared, projectId: project.id });
    await governSample(db, project.id);
    await setSetting(db, SAMPLE_CREATED_KEY, true);
    return { ...project, business };
  });
}

/** On first run only: creates the sample project. Returns it when it was created. */
export async function ensureSampleProject(db: LifecycleDatabase): Promise<ProjectRecord | null> {
  if (await getSetting(db, SAMPLE_CREATED_KEY, false)) return null;
  return createSampleProject(db, { firstRunOnly: true });
}
