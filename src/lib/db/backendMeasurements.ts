/**
 * The backend measurement of this device, kept in the settings table so it is measured once per
 * browser, GPU and app build (`measurementKey`), not at every start of the compute worker.
 */
import type { BackendMeasurement } from '$lib/core/compute/backendChoice';
import type { LifecycleDatabase } from './database';
import { getSetting, setSetting } from './settings';

export interface StoredBackendMeasurements {
  /** `measurementKey(userAgent, renderer, build)`: a different key means measure again. */
  key: string;
  /** ISO time of the measurement. */
  measuredAt: string;
  /** How long measuring took, ms (all backends, kernel checks included). */
  tookMs: number;
  measurements: BackendMeasurement[];
}

const SETTING = 'compute.backendMeasurements';

/** The stored measurement when it was made under `key`, else null. */
export async function readBackendMeasurements(db: LifecycleDatabase, key: string): Promise<StoredBackendMeasurements | null> {
  const stored = await getSetting<StoredBackendMeasurements | null>(db, SETTING, null);
  return stored && stored.key === key && Array.isArray(stored.measurements) ? stored : null;
}

/** Keeps only the newest measurement: an older key is never read again. */
export async function saveBackendMeasurements(db: LifecycleDatabase, stored: StoredBackendMeasurements): Promise<void> {
  await setSetting(db, SETTING, stored);
}
