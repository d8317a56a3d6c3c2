import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { readAuditChain } from '$lib/db/audit';
import { getLogSettings, purgeExpiredLogs, setLogSettings } from '$lib/db/logRetention';
import { recordEndpointTraffic } from '$lib/db/monitoring';
import { emptyEndpointCounters } from '$lib/core/serving/prometheus';
import type { PredictionLogRecord, RequestLogRecord } from '$lib/db/records';
import { expectRefused, freshDb } from './testDb';

let db: LifecycleDatabase;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const NOW = Date.parse('2026-04-30T12:00:30.000Z');
const daysAgo = (days: number, extraMs = 0) => new Date(NOW - days * 86_400_000 - extraMs).toISOString();
const prediction = (projectId: string, at: string): PredictionLogRecord => ({
  projectId, deploymentId: 'd', modelVersionId: 'v', at, inputHash: 'h', label: 'Billing', confidence: 0.9, latencyMs: 1, status: 200, route: 'champion', text: `logged ${at}`,
});
const request = (projectId: string, at: string): RequestLogRecord => ({ projectId, at, route: '/api/v1/predict', method: 'POST', status: 200, latencyMs: 1, texts: 1 });

/** Logs of a project at these ages (days), each with its request, written as the endpoint writes them. */
async function logAt(projectId: string, ages: number[]): Promise<void> {
  await recordEndpointTraffic(db, { predictions: ages.map((a) => prediction(projectId, daysAgo(a))), requests: ages.map((a) => request(projectId, daysAgo(a))), counters: emptyEndpointCounters() });
}
const texts = async (projectId: string) => (await db.predictionLogs.where('projectId').equals(projectId).sortBy('at')).map((l) => l.at);

describe('log retention', () => {
  it('purges each project’s logs older than its own retention at the injected time, keeps younger ones and the minute buckets, and audits the counts', async () => {
    const a = await createProject(db, { name: 'Default 30 days' });
    const b = await createProject(db, { name: 'One week' });
    await setLogSettings(db, b.id, { retentionDays: 7, maskPii: false }, NOW);
    await logAt(a.id, [40, 31, 29, 1]);
    await logAt(b.id, [40, 8, 6]);
    const buckets = await db.metricBuckets.count();

    const purged = await purgeExpiredLogs(db, NOW);

    expect(purged.get(a.id)).toEqual({ predictionLogs: 2, requestLogs: 2 });
    expect(purged.get(b.id)).toEqual({ predictionLogs: 2, requestLogs: 2 });
    expect(await texts(a.id)).toEqual([daysAgo(29), daysAgo(1)]);
    expect(await texts(b.id)).toEqual([daysAgo(6)]);
    expect(await db.requestLogs.where('projectId').equals(b.id).count()).toBe(1);
    expect(await db.metricBuckets.count()).toBe(buckets);
    expect((await readAuditChain(db, a.id)).at(-1)).toMatchObject({
      action: 'monitor.logs-purged',
      detail: 'Deleted 2 prediction logs and 2 request logs older than 30 days (before 2026-03-31T12:00:00.000Z); minute aggregates are kept',
      at: new Date(NOW).toISOString(),
    });
    // Nothing left to purge: no result, no audit entry.
    const entries = (await readAuditChain(db, a.id)).length;
    expect((await purgeExpiredLogs(db, NOW)).size).toBe(0);
    expect(await readAuditChain(db, a.id)).toHaveLength(entries);
  });

  it('purges whole minutes: a log in the cutoff’s minute is kept with its minute', async () => {
    const p = await createProject(db, { name: 'Edge' });
    // NOW is 30 s into its minute: 30 days and 20 s ago is in the cutoff's minute, 30 days and 31 s ago in the one before.
    await recordEndpointTraffic(db, { predictions: [prediction(p.id, daysAgo(30, 20_000)), prediction(p.id, daysAgo(30, 31_000))], requests: [], counters: emptyEndpointCounters() });
    await purgeExpiredLogs(db, NOW);
    expect(await texts(p.id)).toEqual([daysAgo(30, 20_000)]);
  });

  it('is one transaction: when the audit cannot be written, no project loses a log', async () => {
    const a = await createProject(db, { name: 'A' });
    const b = await createProject(db, { name: 'B' });
    await logAt(a.id, [40]);
    await logAt(b.id, [40]);
    const add = vi.spyOn(db.auditLog, 'add').mockRejectedValue(new Error('disk full'));
    await expect(purgeExpiredLogs(db, NOW)).rejects.toThrow('disk full');
    add.mockRestore();
    expect(await db.predictionLogs.count()).toBe(2);
    expect(await db.requestLogs.count()).toBe(2);
  });

  it('saves valid settings with an audit entry, and a shorter retention purges at once', async () => {
    const p = await createProject(db, { name: 'Shrinking' });
    await logAt(p.id, [20, 10, 2]);
    expect(await setLogSettings(db, p.id, { retentionDays: 60, maskPii: true }, NOW)).toEqual({ predictionLogs: 0, requestLogs: 0 });
    expect(await getLogSettings(db, p.id)).toEqual({ retentionDays: 60, maskPii: true });
    expect(await texts(p.id)).toHaveLength(3);
    expect(await setLogSettings(db, p.id, { retentionDays: 5, maskPii: true }, NOW)).toEqual({ predictionLogs: 2, requestLogs: 2 });
    expect(await texts(p.id)).toEqual([daysAgo(2)]);
    const [change, purge] = (await readAuditChain(db, p.id)).slice(-2);
    expect(change).toMatchObject({ action: 'monitor.log-settings', detail: 'Logs are kept 5 days; personal data in logged texts is masked' });
    expect(purge).toMatchObject({ action: 'monitor.logs-purged', detail: expect.stringMatching(/^Deleted 2 prediction logs and 2 request logs older than 5 days/) });
  });

  it('refuses invalid settings, changing nothing', async () => {
    const p = await createProject(db, { name: 'Invalid' });
    await logAt(p.id, [20]);
    await expectRefused(db, () => setLogSettings(db, p.id, { retentionDays: 0, maskPii: false }, NOW), 'Keep logs for a whole number of days from 1 to 3,650 (got 0).');
    await expectRefused(db, () => setLogSettings(db, p.id, { retentionDays: 2.5, maskPii: false }, NOW), /whole number of days/);
    await expectRefused(db, () => setLogSettings(db, 'gone', { retentionDays: 10, maskPii: false }, NOW), 'That project no longer exists.');
  });
});
