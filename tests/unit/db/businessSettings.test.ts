import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { createProject } from '$lib/db/projects';
import { readAuditChain } from '$lib/db/audit';
import { endpointBusiness, getBusinessSettings, setBusinessSettings } from '$lib/db/businessSettings';
import { createSampleProject } from '$lib/db/sampleProject';
import { recordEndpointTraffic } from '$lib/db/monitoring';
import { emptyEndpointCounters } from '$lib/core/serving/prometheus';
import { businessProblem, DEFAULT_BUSINESS, type BusinessSettings } from '$lib/core/monitor/businessValue';
import { SAMPLE_BUSINESS } from '$lib/core/scenarios/sampleProject';
import type { PredictionLogRecord } from '$lib/db/records';
import { expectRefused, freshDb } from './testDb';

let db: LifecycleDatabase;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const NOW = Date.parse('2026-04-30T12:00:30.000Z');
const VALID: BusinessSettings = { unit: ' calls ', valueRight: 2, costWrong: 5, moneyPerUnit: null, currency: 'EUR', threshold: 0.75, targets: { automaticShare: 0.5, netValuePerDay: 100 } };

describe('business settings', () => {
  it('saves valid settings with an audit entry; saving the same again changes nothing', async () => {
    const p = await createProject(db, { name: 'Calls' });
    expect(await getBusinessSettings(db, p.id)).toEqual(DEFAULT_BUSINESS);
    expect(await setBusinessSettings(db, p.id, VALID, NOW)).toBe(true);
    // Stored trimmed, the currency dropped without money per unit.
    expect(await getBusinessSettings(db, p.id)).toEqual({ ...VALID, unit: 'calls', currency: '' });
    const [change] = (await readAuditChain(db, p.id)).slice(-1);
    expect(change).toMatchObject({
      action: 'monitor.business-settings',
      at: new Date(NOW).toISOString(),
      detail: 'Answers with confidence ≥ 0.75 are decided automatically; a right one earns 2 calls, a wrong one costs 5 calls; targets: automatic share ≥ 50 %, net value ≥ 100 calls per day',
    });
    const entries = (await readAuditChain(db, p.id)).length;
    expect(await setBusinessSettings(db, p.id, { ...VALID, unit: 'calls', currency: '' }, NOW)).toBe(false);
    expect(await readAuditChain(db, p.id)).toHaveLength(entries);
  });

  it('refuses invalid settings, changing nothing', async () => {
    const p = await createProject(db, { name: 'Invalid' });
    await expectRefused(db, () => setBusinessSettings(db, p.id, { ...VALID, costWrong: -1 }, NOW), /costs must be a number ≥ 0/);
    await expectRefused(db, () => setBusinessSettings(db, p.id, { ...VALID, threshold: 1 }, NOW), /strictly between 0 and 1/);
    await expectRefused(db, () => setBusinessSettings(db, 'gone', VALID, NOW), 'That project no longer exists.');
  });

  it('gives the sample project the values its canvas describes', async () => {
    const sample = (await createSampleProject(db))!;
    expect(businessProblem(SAMPLE_BUSINESS)).toBeNull();
    expect(await getBusinessSettings(db, sample.id)).toEqual(SAMPLE_BUSINESS);
    expect(SAMPLE_BUSINESS).toMatchObject({ unit: 'minutes', valueRight: 3, costWrong: 10, threshold: 0.8 });
  });

  it('counts /metrics figures over every bucket and values the last 24 hours', async () => {
    const p = await createProject(db, { name: 'Counted' });
    await setBusinessSettings(db, p.id, { ...VALID, unit: 'calls' }, NOW);
    const log = (at: number, confidence: number, outcome?: string): PredictionLogRecord => ({
      projectId: p.id, deploymentId: 'd', modelVersionId: 'v', at: new Date(at).toISOString(), inputHash: 'h', label: 'A', confidence, latencyMs: 1, status: 200, route: 'champion', ...(outcome ? { outcome } : {}),
    });
    const old = NOW - 3 * 86_400_000;
    await recordEndpointTraffic(db, { predictions: [log(old, 0.9, 'A'), log(old, 0.9, 'B'), log(NOW - 60_000, 0.8, 'A'), log(NOW, 0.74)], requests: [], counters: emptyEndpointCounters() });
    const [figures] = await endpointBusiness(db, [p.id], NOW);
    expect(figures.projectId).toBe(p.id);
    expect(figures.allTime).toMatchObject({ answers: 4, automatic: 3, confirmedRight: 2, caughtWrong: 1 });
    expect(figures.lastDay).toMatchObject({ answers: 2, automatic: 1, confirmedRight: 1, caughtWrong: 0, value: 2, valuePerDay: 2 });
  });
});
