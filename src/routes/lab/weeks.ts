/** Formatting shared by the lab's panels. */
import type { DeployReason } from '$lib/core/scenarios/ctr';
import type { WeekWindow } from '$lib/workers/labProtocol';

export const pct = (x: number | null | undefined, digits = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)} %`);
export const signedPct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} %`);
export const weeksText = (w: WeekWindow) => (w.fromWeek === w.toWeek ? `week ${w.fromWeek}` : `weeks ${w.fromWeek}–${w.toWeek}`);

/** Why a model version was deployed, in a few words (the versions table, the facilitator's chart). */
export const VERSION_REASONS: Readonly<Record<DeployReason, string>> = { initial: 'first model', retrain: 'retrained', changeFeatures: 'feature change', challenger: 'challenger promoted' };
