/**
 * The backend measurement at first use: read from the settings table when this device and build
 * were measured before, measured (and stored) otherwise or when a person asks to measure again.
 */
import type { BackendMeasurement } from '$lib/core/compute/backendChoice';
import type { LifecycleDatabase } from '$lib/db/database';
import { readBackendMeasurements, saveBackendMeasurements, type StoredBackendMeasurements } from '$lib/db/backendMeasurements';

export interface MeasuredBackends extends StoredBackendMeasurements {
  /** False when read back from an earlier measurement. */
  fresh: boolean;
}

/** `db` null (the bench page, tests): measured every time, nothing stored. */
export async function measuredBackends(
  db: LifecycleDatabase | null,
  key: string,
  measure: () => Promise<BackendMeasurement[]>,
  options: { again?: boolean; nowIso: () => string },
): Promise<MeasuredBackends> {
  if (db && !options.again) {
    const stored = await readBackendMeasurements(db, key);
    if (stored) return { ...stored, fresh: false };
  }
  const started = performance.now();
  const measurements = await measure();
  const stored: StoredBackendMeasurements = { key, measuredAt: options.nowIso(), tookMs: performance.now() - started, measurements };
  if (db) await saveBackendMeasurements(db, stored);
  return { ...stored, fresh: true };
}
