/** A project's business settings (core/monitor/businessValue.ts), read live and saved with audit. */
import { getBusinessSettings, setBusinessSettings } from '$lib/db';
import type { BusinessSettings } from '$lib/core/monitor/businessValue';
import { nowMs } from '$lib/clock';
import { db } from './database.svelte';
import { Live } from './live.svelte';

export function businessSettings(projectId: string): Live<BusinessSettings | null> {
  return new Live(() => getBusinessSettings(db, projectId), null);
}

/** Saves the settings; false when nothing changed. Throws with the reason when they are invalid. */
export function saveBusinessSettings(projectId: string, settings: BusinessSettings): Promise<boolean> {
  return setBusinessSettings(db, projectId, settings, nowMs());
}
