/**
 * The regression drill's project and its two dataset versions (core/practice/drillRegressionScenario.ts):
 * the history, intact, and the newest export as the upstream bug left it (no subject, bodies cut),
 * each split 70/15/15. Written all or nothing; the template trains, deploys and replays traffic on it.
 */
import type { LifecycleDatabase } from '../database';
import type { DatasetVersionRecord, ProjectRecord } from '../records';
import { generateTickets, type Ticket } from '$lib/core/scenarios/tickets';
import { brokenRequest } from '$lib/core/scenarios/scenarioTraffic';
import { SAMPLE_BUSINESS, SAMPLE_CANVAS } from '$lib/core/scenarios/sampleProject';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import type { DataRow } from '$lib/core/data/dataset';
import { DRILL_REGRESSION, exportTicketId } from '$lib/core/practice/drillRegressionScenario';
import { createProject } from '../projects';
import { writeDatasetVersion } from '../datasets';
import { ticketToRow } from '../sampleProject';
import { nowIso } from '../ids';
import { prepareSplitVersion } from './seedVersion';

/** A ticket as the broken export holds it: the cut body is all the text, the subject missing. */
function brokenRow(t: Ticket, index: number): DataRow {
  const { fields } = brokenRequest(t);
  return { ...ticketToRow(t), key: exportTicketId(index), text: fields.body, meta: { subject: null, channel: fields.channel, tier: fields.tier } };
}

/** What the template records in the mission's `start`: the ids its checks need. */
export interface DrillRegressionStart {
  stableVersionId: string;
  brokenVersionId: string;
  /** The deployment that served the stable version before the bug, and the one that put the broken version in service. */
  stableDeploymentId: string;
  brokenDeploymentId: string;
}

export interface DrillRegressionSeed {
  project: ProjectRecord;
  /** What v1 was trained on, and the broken export v2 was. */
  history: DatasetVersionRecord;
  brokenExport: DatasetVersionRecord;
}

export async function createDrillRegressionProject(db: LifecycleDatabase): Promise<DrillRegressionSeed> {
  const { history: h, export: e } = DRILL_REGRESSION;
  const { splitSeed: seed } = DRILL_REGRESSION;
  const history = await prepareSplitVersion(generateTickets(h).map(ticketToRow), { seed, source: 'help desk export', message: `${h.count.toLocaleString('en-US')} tickets from the help desk’s history (${h.days} days)` });
  const brokenExport = await prepareSplitVersion(generateTickets(e).map(brokenRow), { seed, source: 'help desk export', message: `The newest help desk export: ${e.count.toLocaleString('en-US')} tickets of the last ${e.days} days`, parentId: 'newest' });
  return db.transaction('rw', db.tables, async () => {
    const project = await createProject(db, { name: DRILL_REGRESSION.name, description: DRILL_REGRESSION.description, scenario: DRILL_REGRESSION.scenario, rowWord: { singular: DRILL_REGRESSION.rowWord } });
    const business = { ...SAMPLE_BUSINESS, targets: { ...SAMPLE_BUSINESS.targets } };
    await db.projects.update(project.id, { business });
    await db.canvases.put({ projectId: project.id, fields: { ...SAMPLE_CANVAS }, crispPhase: 'deployment', criteria: DEFAULT_TICKET_CRITERIA.map((c) => ({ ...c })), updatedAt: nowIso() });
    return {
      project: { ...project, business },
      history: await writeDatasetVersion(db, { ...history, projectId: project.id }),
      brokenExport: await writeDatasetVersion(db, { ...brokenExport, projectId: project.id }),
    };
  });
}
