import { afterEach, describe, expect, it } from 'vitest';
import { LifecycleDatabase } from '$lib/db/database';
import { createSampleProject, ensureSampleProject, SAMPLE_SETUP_ACTOR, ticketToRow } from '$lib/db/sampleProject';
import { createProject, deleteProject, listProjects } from '$lib/db/projects';
import { currentPolicy } from '$lib/db/governancePolicy';
import { listPeople } from '$lib/db/governancePeople';
import { checkGate } from '$lib/db/governanceGate';
import { readAuditChain } from '$lib/db/audit';
import { loadLifecycleSummary } from '$lib/db/summary';
import { computeStageStatuses } from '$lib/core/lifecycle/stages';
import { policyTemplate } from '$lib/core/governance/templates';
import { sha256Hex, verifyChain } from '$lib/core/governance/auditChain';
import { getCanvas } from '$lib/db/canvas';
import { countRows, getRows, listDatasetVersions } from '$lib/db/datasets';
import { filledBoxCount } from '$lib/core/lifecycle/canvas';
import { DEFAULT_TICKET_CRITERIA } from '$lib/core/lifecycle/criteria';
import { SAMPLE_CANVAS, SAMPLE_CRISP_PHASE, SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { freshDb, storedRowCount } from './testDb';

const dbs: LifecycleDatabase[] = [];

function newDb(): LifecycleDatabase {
  const db = freshDb();
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function totals(db: LifecycleDatabase): Promise<number[]> {
  return Promise.all(db.tables.map((t) => t.count()));
}

/** Each test generates and writes 1,200 tickets (or more): give a busy machine room. */
const SLOW = { timeout: 30_000 };

describe('ensureSampleProject', SLOW, () => {
  it('creates the sample project on first run, with canvas, criteria and tickets', async () => {
    const db = newDb();
    const project = await ensureSampleProject(db);
    expect(project).not.toBeNull();
    expect(project?.name).toBe('Support ticket triage');
    expect(project?.scenario).toBe('support-tickets');
    expect(project?.rowWord).toEqual({ singular: 'ticket' });

    const projects = await listProjects(db);
    expect(projects).toHaveLength(1);
    expect(projects[0].id).toBe(project?.id);
    const id = projects[0].id;

    const canvas = await getCanvas(db, id);
    expect(filledBoxCount(canvas.fields)).toBe(10);
    expect(canvas.fields).toEqual(SAMPLE_CANVAS);
    expect(canvas.crispPhase).toBe(SAMPLE_CRISP_PHASE);
    expect(canvas.criteria).toEqual(DEFAULT_TICKET_CRITERIA);

    const versions = await listDatasetVersions(db, id);
    expect(versions).toHaveLength(1);
    const [version] = versions;
    expect(version.number).toBe(1);
    expect(version.rowCount).toBeGreaterThanOrEqual(1200);
    expect(await countRows(db, version.id)).toBe(version.rowCount);
    expect(Object.keys(version.classBalance).sort()).toEqual(['Billing', 'General Inquiry', 'Technical Issue']);
    expect(Object.values(version.classBalance).reduce((a, b) => a + b, 0)).toBe(version.rowCount);
    const importRecord = await db.imports.get(version.importId);
    expect(importRecord).toMatchObject({ projectId: id, seed: SAMPLE_PROJECT.seed, rowCount: version.rowCount });

    // Rows are the generated tickets, in order.
    const tickets = generateTickets({ seed: SAMPLE_PROJECT.seed, count: SAMPLE_PROJECT.ticketCount });
    const firstRows = await getRows(db, version.id, { offset: 0, limit: 3 });
    expect(firstRows).toEqual(tickets.slice(0, 3).map(ticketToRow));
  });

  it('starts on the Standard policy, published as v1 and audited, with a person for each deciding role; an empty project gates nothing', async () => {
    const db = newDb();
    const project = await ensureSampleProject(db);
    const policy = await currentPolicy(db, project!.id);
    expect(policy).toMatchObject({ version: 1, publishedBy: SAMPLE_SETUP_ACTOR, data: policyTemplate('standard') });
    expect(policy!.data.gates.map((g) => [g.id, g.stage, g.deciderRole])).toEqual([
      ['data-ethics-review', 'model', 'ethics-reviewer'],
      ['performance-sla', 'deploy', 'engineering-lead'],
    ]);
    expect((await listPeople(db, project!.id)).map((p) => [p.name, p.roles])).toEqual([['Noor Haddad', ['ethics-reviewer']], ['Sam Okafor', ['engineering-lead']]]);
    const trail = await readAuditChain(db, project!.id);
    expect(trail.filter((e) => e.action.startsWith('governance.')).map((e) => [e.action, e.actor])).toEqual([
      ['governance.policy.publish', SAMPLE_SETUP_ACTOR],
      ['governance.person.add', SAMPLE_SETUP_ACTOR],
      ['governance.person.add', SAMPLE_SETUP_ACTOR],
    ]);
    expect(await verifyChain(trail, sha256Hex)).toMatchObject({ ok: true });
    const [version] = await listDatasetVersions(db, project!.id);
    expect((await checkGate(db, project!.id, 'train', { kind: 'dataset-version', id: version.id }, Date.now())).reasons).toEqual([
      'Training on this dataset version needs Data Ethics Review: No review requested yet.',
    ]);

    // The strip reads the policy's gates: training waits for the review; no model version awaits the SLA yet.
    const summary = await loadLifecycleSummary(db, project!.id);
    expect(summary.gates).toEqual([{ stage: 'model', status: 'pending' }]);
    const strip = computeStageStatuses(summary);
    expect(strip.model.status).toBe('blocked');
    expect(strip.model.reason).toMatch(/^Blocked by 1 pending gate; /);
    expect(strip.govern).toEqual({ status: 'in-progress', reason: '1 gate: 1 pending' });

    const empty = await createProject(db, { name: 'Empty' });
    expect(await currentPolicy(db, empty.id)).toBeNull();
    expect((await loadLifecycleSummary(db, empty.id)).gates).toEqual([]);
  });

  it('does nothing on a second call', async () => {
    const db = newDb();
    expect(await ensureSampleProject(db)).not.toBeNull();
    const before = await totals(db);
    expect(await ensureSampleProject(db)).toBeNull();
    expect(await totals(db)).toEqual(before);
    expect(await db.projects.count()).toBe(1);
  });

  it('does not bring the sample back after the user deleted it', async () => {
    const db = newDb();
    const project = await ensureSampleProject(db);
    await deleteProject(db, project!.id);
    expect(await ensureSampleProject(db)).toBeNull();
    expect(await db.projects.count()).toBe(0);
  });

  it('creates exactly one project when called twice at once', async () => {
    const db = newDb();
    const results = await Promise.all([ensureSampleProject(db), ensureSampleProject(db)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await db.projects.count()).toBe(1);
    expect(await db.datasetVersions.count()).toBe(1);
    expect(await storedRowCount(db)).toBe(SAMPLE_PROJECT.ticketCount);
  });

  it('creates exactly one project when two tabs (connections) start at once', async () => {
    const db = newDb();
    const otherTab = new LifecycleDatabase(db.name);
    try {
      const results = await Promise.all([ensureSampleProject(db), ensureSampleProject(otherTab)]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await db.projects.count()).toBe(1);
      expect(await storedRowCount(db)).toBe(SAMPLE_PROJECT.ticketCount);
    } finally {
      otherTab.close();
    }
  });
});

describe('createSampleProject (restore)', SLOW, () => {
  it('makes another copy with the same content', async () => {
    const db = newDb();
    const first = await ensureSampleProject(db);
    const second = await createSampleProject(db);
    expect(second).not.toBeNull();
    expect(second?.id).not.toBe(first?.id);
    expect(second?.name).toBe(SAMPLE_PROJECT.name);
    expect(await db.projects.count()).toBe(2);
    const [a] = await listDatasetVersions(db, first!.id);
    const [b] = await listDatasetVersions(db, second!.id);
    expect(b.contentHash).toBe(a.contentHash);
    expect(b.number).toBe(1);
    expect(await storedRowCount(db)).toBe(2 * SAMPLE_PROJECT.ticketCount);
    expect(filledBoxCount((await getCanvas(db, second!.id)).fields)).toBe(10);
  });

  it('gives the same content hash in two fresh databases (same seed)', async () => {
    const one = newDb();
    const two = newDb();
    const p1 = await ensureSampleProject(one);
    const p2 = await ensureSampleProject(two);
    const [v1] = await listDatasetVersions(one, p1!.id);
    const [v2] = await listDatasetVersions(two, p2!.id);
    expect(v1.contentHash).toMatch(/^[0-9a-f]{32}$/);
    expect(v2.contentHash).toBe(v1.contentHash);
    expect(v2.classBalance).toEqual(v1.classBalance);
  });
});

describe('ticketToRow', () => {
  it('joins subject and body into the text and keeps metadata', () => {
    const [ticket] = generateTickets({ seed: 'row-test', count: 1 });
    const row = ticketToRow(ticket);
    expect(row).toEqual({
      key: ticket.id,
      text: `${ticket.subject}\n\n${ticket.body}`,
      label: ticket.label,
      timestamp: ticket.createdAt,
      meta: { subject: ticket.subject, channel: ticket.channel, tier: ticket.tier },
    });
  });
});
