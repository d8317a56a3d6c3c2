/**
 * A served ticket model for the drift tests (not a test file itself): a project whose dataset
 * version carries a train/test split of generated tickets, a run with a stored test-split
 * reliability (or an imported run without one), a registered version, an active deployment, and
 * helpers to log answered texts as the endpoint does.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { createDatasetVersion } from '$lib/db/datasets';
import { deploy } from '$lib/db/deployments';
import { recordPredictions } from '$lib/db/monitoring';
import type { DatasetVersionRecord, ModelVersionRecord, PredictionLogRecord, ProjectRecord, RunRecord } from '$lib/db/records';
import { generateTickets } from '$lib/core/scenarios/tickets';
import { ticketToRow } from '$lib/db/sampleProject';
import { createRng, pick } from '$lib/core/random';
import { evaluation } from '../registry/fixtures';

export interface ServedProject {
  project: ProjectRecord;
  version: DatasetVersionRecord;
  run: RunRecord;
  modelVersion: ModelVersionRecord;
  deploymentId: string;
}

const RELIABILITY = [0, 0, 0, 2, 4, 6, 10, 20, 40, 98].map((count, i) => ({ lo: i / 10, hi: (i + 1) / 10, count, confidence: count ? i / 10 + 0.05 : NaN, accuracy: NaN }));

export async function servedProject(db: LifecycleDatabase, options: { imported?: boolean; trainRows?: number } = {}): Promise<ServedProject> {
  const project = await createProject(db, { name: 'Drift tickets' });
  const trainRows = options.trainRows ?? 300;
  const rows = generateTickets({ count: trainRows + 60, seed: 'served-project' })
    .map(ticketToRow)
    .map((r, i) => ({ ...r, split: i < trainRows ? ('train' as const) : ('test' as const) }));
  const version = await createDatasetVersion(db, {
    projectId: project.id,
    source: { name: 'tickets.csv' },
    message: 'tickets',
    schema: [{ name: 'text', type: 'text' }, { name: 'label', type: 'label' }],
    rows,
  });
  const run: RunRecord = {
    id: 'run-1', projectId: project.id, datasetVersionId: version.id, datasetVersionNumber: version.number, number: 1, createdAt: '2026-03-01T00:00:00.000Z',
    status: 'completed', family: 'softmax-regression', params: {}, seed: 1, backend: 'cpu', metrics: {}, curves: {}, timings: {}, appVersion: 'test',
    classes: ['Billing', 'General Inquiry', 'Technical Issue'],
    ...(options.imported
      ? { importedFrom: { fileName: 'router.zip', exportedBy: 'Ana', lineage: {} as never } }
      : { evaluation: { ...evaluation, test: { ...evaluation.test, reliability: RELIABILITY } } }),
  };
  await db.runs.add(run);
  const modelVersion: ModelVersionRecord = {
    id: 'mv-1', projectId: project.id, modelName: 'Ticket router', version: 1, runId: run.id, datasetVersionId: version.id, createdAt: run.createdAt,
    description: '', tags: {}, aliases: ['champion'], archived: false, appVersion: 'test',
  };
  await db.modelVersions.add(modelVersion);
  const deployment = await deploy(db, { projectId: project.id, alias: 'champion', servedVersionId: modelVersion.id, by: 'you', reason: 'test' });
  return { project, version, run, modelVersion, deploymentId: deployment.id };
}

/** Chatty messages about a product the tickets never mention. */
export function newProductTexts(n: number, seed: string): string[] {
  const rng = createRng(seed);
  const things = ['hoverboard', 'drone', 'smartwatch strap', 'bluetooth dongle', 'charging puck'];
  const problems = ['keeps beeping', 'wont pair with my phone', 'overheats lol', 'battery drains overnight'];
  return Array.from({ length: n }, () => `${pick(rng, ['yo', 'ugh', 'hey team'])} my ${pick(rng, things)} ${pick(rng, problems)} ${pick(rng, ['pls fix', 'thx'])}`);
}

/** Logs each text as a served answer at `at(i)`; `extra` adds fields or overrides them. */
export async function logTexts(db: LifecycleDatabase, served: ServedProject, texts: string[], at: (i: number) => string, extra: Partial<PredictionLogRecord> = {}): Promise<void> {
  await recordPredictions(
    db,
    texts.map((text, i) => ({
      projectId: served.project.id, deploymentId: served.deploymentId, modelVersionId: served.modelVersion.id, at: at(i), inputHash: `h${i}`,
      label: i % 4 === 0 ? 'Billing' : 'Technical Issue', confidence: 0.45 + (i % 4) / 10, latencyMs: 1, status: 200, route: 'champion', text, ...extra,
    })),
  );
}
