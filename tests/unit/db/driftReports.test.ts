import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { listDriftReports, loggedTexts, saveDriftReport, servedLineage } from '$lib/db/driftReports';
import { listAudit } from '$lib/db/audit';
import type { DriftReportRecord } from '$lib/db/records';
import { freshDb } from './testDb';
import { logTexts, newProductTexts, servedProject } from './servedProject';

let db: LifecycleDatabase;

beforeEach(() => {
  db = freshDb();
});

afterEach(async () => {
  await db.delete();
});

const minute = (i: number) => new Date(Date.parse('2026-03-10T12:00:00.000Z') + i * 60_000).toISOString();

function report(projectId: string, id: string, createdAt: string): DriftReportRecord {
  return { id, projectId, createdAt, referenceId: 'v1', currentWindow: { from: createdAt, to: createdAt }, summary: { driftedColumns: 2, columns: 3, datasetDrift: true }, details: { kind: 'text-drift' } };
}

describe('drift reports', () => {
  it('stores reports with an audit entry and lists them newest first, per project', async () => {
    const { project } = await servedProject(db);
    await saveDriftReport(db, report(project.id, 'a', '2026-03-10T10:00:00.000Z'));
    await saveDriftReport(db, report(project.id, 'b', '2026-03-10T11:00:00.000Z'));
    await saveDriftReport(db, report('other', 'c', '2026-03-10T12:00:00.000Z'));
    expect((await listDriftReports(db, project.id)).map((r) => r.id)).toEqual(['b', 'a']);
    const audit = await listAudit(db, project.id);
    expect(audit.filter((e) => e.action === 'monitor.drift-report').map((e) => [e.detail, e.refs])).toEqual([
      ['Drift report: 2 of 3 checks drifted (drift)', { driftReportId: 'b', datasetVersionId: 'v1' }],
      ['Drift report: 2 of 3 checks drifted (drift)', { driftReportId: 'a', datasetVersionId: 'v1' }],
    ]);
  });
});

describe('servedLineage', () => {
  it('follows the active deployment to the run and the dataset version it was trained on', async () => {
    const served = await servedProject(db);
    const lineage = await servedLineage(db, served.project.id);
    if ('reason' in lineage) throw new Error(lineage.reason);
    expect([lineage.deployment.id, lineage.modelVersion.id, lineage.run.id, lineage.datasetVersion.id]).toEqual([served.deploymentId, 'mv-1', 'run-1', served.version.id]);
  });

  it('says why there is nothing to compare with', async () => {
    expect(await servedLineage(db, 'nowhere')).toEqual({ reason: 'No model is deployed: deploy one and send it traffic first.' });
    const served = await servedProject(db, { imported: true });
    await db.runs.update('run-1', { datasetVersionId: '' });
    expect(await servedLineage(db, served.project.id)).toEqual({ reason: expect.stringMatching(/^Ticket router v1 was imported from router\.zip; the texts it was trained on are not in this project/) });
  });
});

describe('loggedTexts', () => {
  it('returns served answers with text inside the window, oldest first', async () => {
    const served = await servedProject(db);
    const texts = newProductTexts(10, 'window');
    await logTexts(db, served, texts, minute);
    await logTexts(db, served, ['shadow score'], () => minute(3), { route: 'shadow', text: undefined });
    await logTexts(db, served, ['failed'], () => minute(4), { status: 500 });
    await logTexts(db, served, ['an old log without text'], () => minute(5), { text: undefined });
    const all = await loggedTexts(db, served.project.id, null, minute(100));
    expect(all.map((l) => l.text)).toEqual(texts);
    expect(all[0]).toEqual({ at: minute(0), text: texts[0], modelVersionId: 'mv-1', label: 'Billing', confidence: 0.45 });
    expect((await loggedTexts(db, served.project.id, minute(2), minute(5))).map((l) => l.at)).toEqual([2, 3, 4, 5].map(minute));
    expect(await loggedTexts(db, 'other', null, minute(100))).toEqual([]);
  });
});
