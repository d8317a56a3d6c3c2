/**
 * What a project's endpoint keeps of each answered text, and for how long: the retention in
 * whole days (the purge deletes logs older than that) and whether personal data is masked before
 * the text is stored. One place decides the stored text (`loggedText`), the cutoff of a purge
 * (`retentionCutoff`) and what a valid setting is (`logSettingsProblem`).
 */
import { maskPii } from '../data/pii';
import { DEFAULT_PREDICT_LIMITS } from '../serving/api';
import { BASE_BUCKET_MS } from './buckets';

export interface LogSettings {
  /** Prediction and request logs older than this many days are deleted (minute buckets stay). */
  retentionDays: number;
  /** E-mails, card and phone numbers become [EMAIL], [CARD], [PHONE] before the text is stored. */
  maskPii: boolean;
}

export const DEFAULT_LOG_SETTINGS: Readonly<LogSettings> = Object.freeze({ retentionDays: 30, maskPii: false });
export const RETENTION_DAYS_MIN = 1;
export const RETENTION_DAYS_MAX = 3650;
/** Characters of each text kept: the endpoint's own request limit (core/serving/api.ts), so a whole request text fits. */
export const MAX_LOGGED_TEXT = DEFAULT_PREDICT_LIMITS.maxChars;
const DAY_MS = 86_400_000;

/** The project's settings; absent (projects made before logs kept texts) means the defaults. */
export function logSettingsOf(project: { logging?: Partial<LogSettings> } | undefined): LogSettings {
  return { ...DEFAULT_LOG_SETTINGS, ...project?.logging };
}

/** Why `settings` cannot be saved, or null. Retention is a whole number of days in 1..3650. */
export function logSettingsProblem(settings: { retentionDays: unknown; maskPii: unknown }): string | null {
  const days = settings.retentionDays;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < RETENTION_DAYS_MIN || days > RETENTION_DAYS_MAX) {
    return `Keep logs for a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX.toLocaleString('en-US')} (got ${JSON.stringify(days)}).`;
  }
  if (typeof settings.maskPii !== 'boolean') return 'Masking personal data is either on or off.';
  return null;
}

/** The text as it is stored: masked first when the project asks (so a cap cannot split an address), then capped. */
export function loggedText(text: string, settings: Pick<LogSettings, 'maskPii'>): string {
  return (settings.maskPii ? maskPii(text).text : text).slice(0, MAX_LOGGED_TEXT);
}

/**
 * Logs at or after this time (ISO) are kept at `nowMs`. The cutoff falls on a minute boundary, so
 * a minute is purged whole or kept whole: a later outcome rebuilds its minute bucket from the
 * logs that remain, and must find all of them.
 */
export function retentionCutoff(nowMs: number, retentionDays: number): string {
  const cutoff = nowMs - retentionDays * DAY_MS;
  return new Date(Math.floor(cutoff / BASE_BUCKET_MS) * BASE_BUCKET_MS).toISOString();
}
