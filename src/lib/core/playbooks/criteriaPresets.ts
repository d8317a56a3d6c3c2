/**
 * Success-criteria presets: common sets of targets a project starts from in Frame. Each target is
 * written as text and read by the one criteria parser (lifecycle/criteria.ts), so a preset can
 * never hold a target the Frame editor would refuse. Applying a preset keeps the project's other
 * criteria and replaces those on the same metric and split: the preset's bound wins there.
 */
import { parseCriterion, type SuccessCriterion } from '../lifecycle/criteria';

export interface CriteriaPreset {
  id: string;
  title: string;
  /** When this set fits. */
  fits: string;
  /** Targets as the Frame editor reads them ("accuracy on test >= 0.90"). */
  targets: readonly string[];
}

export const CRITERIA_PRESETS: readonly CriteriaPreset[] = [
  {
    id: 'quality-and-speed',
    title: 'Quality and speed',
    fits: 'A classifier answering people or systems in real time: right often enough, and fast.',
    targets: ['accuracy on test >= 0.90', 'p99 latency <= 200 ms'],
  },
  {
    id: 'every-class-counts',
    title: 'Every class counts',
    fits: 'Classes of very different sizes, where a rare class matters as much as a common one.',
    targets: ['macro-F1 on test >= 0.85', 'macro recall on test >= 0.80'],
  },
  {
    id: 'trustworthy-confidence',
    title: 'Trustworthy confidence',
    fits: 'Predictions whose confidence decides what happens next (act alone, or ask a person).',
    targets: ['expected calibration error on test <= 0.05', 'accuracy on test >= 0.85'],
  },
  {
    id: 'reliable-service',
    title: 'Reliable service',
    fits: 'Any model behind an endpoint others depend on.',
    targets: ['availability >= 0.99', 'error rate <= 0.01', 'p95 latency <= 100 ms'],
  },
];

export function findCriteriaPreset(id: string): CriteriaPreset | undefined {
  return CRITERIA_PRESETS.find((p) => p.id === id);
}

/** The preset's targets as criteria (ids from `criterionKey`); throws if one does not parse. */
export function presetCriteria(preset: CriteriaPreset): SuccessCriterion[] {
  return preset.targets.map((text) => {
    const parsed = parseCriterion(text);
    if (!parsed.ok) throw new Error(`Preset "${preset.title}": ${text}: ${parsed.error}`);
    return parsed.criterion;
  });
}

/**
 * `existing` with the preset applied: criteria on a metric and split the preset also targets are
 * replaced by the preset's, the others kept in their order, the preset's new ones appended. Ids
 * stay unique (a preset id taken by a kept criterion gets a suffix).
 */
export function applyCriteriaPreset(existing: readonly SuccessCriterion[], preset: CriteriaPreset): SuccessCriterion[] {
  const incoming = presetCriteria(preset);
  const target = (c: SuccessCriterion) => `${c.metric}@${c.split}`;
  const replaced = new Set(incoming.map(target));
  const kept = existing.filter((c) => !replaced.has(target(c))).map((c) => ({ ...c }));
  const ids = new Set(kept.map((c) => c.id));
  for (const c of incoming) {
    let id = c.id;
    for (let n = 2; ids.has(id); n++) id = `${c.id}-${n}`;
    ids.add(id);
    kept.push({ ...c, id });
  }
  return kept;
}
