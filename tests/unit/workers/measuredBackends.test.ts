import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import type { BackendMeasurement } from '$lib/core/compute/backendChoice';
import { measurementKey } from '$lib/core/compute/backendChoice';
import { measuredBackends } from '$lib/workers/measuredBackends';
import { freshDb } from '../db/testDb';

let db: LifecycleDatabase;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.delete();
});

const ok = { productError: 0, gradientError: 0, ok: true };

/** A measurement that counts its calls and returns a new timing each time. */
function counting() {
  let calls = 0;
  const measure = async (): Promise<BackendMeasurement[]> => {
    calls++;
    return [{ backend: 'cpu', available: true, ms: 10 + calls, reason: null, kernelCheck: ok }];
  };
  return { measure, calls: () => calls };
}
const nowIso = () => '2026-12-05T12:00:00.000Z';

describe('measuredBackends', () => {
  it('measures once per device and build, and reuses the stored measurement after a restart', async () => {
    const key = measurementKey('Chromium 131', 'SwiftShader', '0.9.0');
    const m = counting();
    const first = await measuredBackends(db, key, m.measure, { nowIso });
    expect(first).toMatchObject({ fresh: true, key, measuredAt: nowIso(), tookMs: expect.any(Number), measurements: [{ ms: 11 }] });
    const again = await measuredBackends(db, key, m.measure, { nowIso });
    expect(again).toMatchObject({ fresh: false, measurements: [{ ms: 11 }] });
    expect(m.calls()).toBe(1);
  });

  it('measures again for a new build version or when asked, and keeps the newest', async () => {
    const m = counting();
    await measuredBackends(db, measurementKey('UA', 'R', '0.9.0'), m.measure, { nowIso });
    const newBuild = await measuredBackends(db, measurementKey('UA', 'R', '0.9.1'), m.measure, { nowIso });
    expect(newBuild).toMatchObject({ fresh: true, measurements: [{ ms: 12 }] });
    const asked = await measuredBackends(db, measurementKey('UA', 'R', '0.9.1'), m.measure, { nowIso, again: true });
    expect(asked).toMatchObject({ fresh: true, measurements: [{ ms: 13 }] });
    expect(await measuredBackends(db, measurementKey('UA', 'R', '0.9.1'), m.measure, { nowIso })).toMatchObject({ fresh: false, measurements: [{ ms: 13 }] });
    expect(m.calls()).toBe(3);
  });

  it('without a database measures every time', async () => {
    const m = counting();
    await measuredBackends(null, 'k', m.measure, { nowIso });
    await measuredBackends(null, 'k', m.measure, { nowIso });
    expect(m.calls()).toBe(2);
  });
});
