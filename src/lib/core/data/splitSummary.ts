/**
 * What a split does to the data, per split: size, time range and class balance, with warnings
 * when a split's class mix is far from train's. The split panel shows it before a split (over
 * `assignSplits`' answer for the chosen plan, so the preview is what the job writes) and after
 * (over the rows' stored splits). A time split over data whose newest rows are nearly all one
 * class is the case it exists for: the learner sees it before training, not after.
 */
import { SPLIT_NAMES, type DataRow, type SplitName } from './dataset';
import { splitCounts, timeOf } from './split';

/** Warn when half the summed share differences (total variation distance) reach this. */
export const SPLIT_MIX_WARN_DISTANCE = 0.2;

export interface SplitPart {
  /** 'none': rows a time split left out (no usable date). */
  split: SplitName | 'none';
  rows: number;
  /** Rows per class, aligned with `SplitSummary.labels`. */
  counts: number[];
  /** Earliest and latest usable time in ms, null when no row of the part has one. */
  from: number | null;
  to: number | null;
}

export interface SplitMixWarning {
  split: SplitName;
  kind: 'mix' | 'absent';
  /** The class that differs most (mix) or is missing (absent). */
  label: string;
  /** Total variation distance from train's labelled mix, in [0, 1]. */
  distance: number;
  text: string;
}

export interface SplitSummary {
  /** Classes in code-unit order, null (unlabelled) last. */
  labels: (string | null)[];
  /** Train, validation, test, then 'none' when some rows have no split. */
  parts: SplitPart[];
  warnings: SplitMixWarning[];
}

/** Size, time range and class counts per split; `assignments[i]` belongs to `rows[i]`. */
export function summarizeSplits(
  rows: readonly Pick<DataRow, 'label' | 'timestamp'>[],
  assignments: readonly (SplitName | undefined)[],
): SplitSummary {
  const counts = splitCounts(
    assignments,
    rows.map((r) => r.label),
  );
  const ranges = new Map<SplitName | 'none', [number, number]>();
  rows.forEach((row, i) => {
    const t = timeOf(row);
    if (Number.isNaN(t)) return;
    const part = assignments[i] ?? 'none';
    const range = ranges.get(part);
    if (!range) ranges.set(part, [t, t]);
    else [range[0], range[1]] = [Math.min(range[0], t), Math.max(range[1], t)];
  });
  const partOf = (split: SplitName | 'none', size: number, count: (c: (typeof counts.classes)[number]) => number): SplitPart => ({
    split,
    rows: size,
    counts: counts.classes.map(count),
    from: ranges.get(split)?.[0] ?? null,
    to: ranges.get(split)?.[1] ?? null,
  });
  const parts = SPLIT_NAMES.map((s) => partOf(s, counts.totals[s], (c) => c[s]));
  if (counts.unassigned > 0) parts.push(partOf('none', counts.unassigned, (c) => c.total - c.train - c.validation - c.test));
  const labels = counts.classes.map((c) => c.label);
  return { labels, parts, warnings: splitMixWarnings(labels, parts) };
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * The warning rule: validation and test are each compared with train over labelled rows.
 * - mix: total variation distance (½ Σ |share − train share|) ≥ SPLIT_MIX_WARN_DISTANCE. Since no
 *   single class share can differ by more than that distance, a class 20 points off always warns.
 * - absent: a class with no row in the split although train's share would put at least one there.
 * No statistical test: a preview should speak up on small data too, where a skew is most likely.
 */
export function splitMixWarnings(labels: readonly (string | null)[], parts: readonly SplitPart[]): SplitMixWarning[] {
  const labelled = labels.flatMap((label, c) => (label === null ? [] : [{ label, c }]));
  const sharesOf = (part: SplitPart) => {
    const n = labelled.reduce((sum, { c }) => sum + part.counts[c], 0);
    return { n, shares: labelled.map(({ c }) => (n ? part.counts[c] / n : 0)) };
  };
  const train = parts.find((p) => p.split === 'train');
  if (!train) return [];
  const base = sharesOf(train);
  if (base.n === 0) return [];
  const warnings: SplitMixWarning[] = [];
  for (const part of parts) {
    const split = part.split;
    if (split !== 'validation' && split !== 'test') continue;
    const { n, shares } = sharesOf(part);
    if (n === 0) continue;
    const gaps = shares.map((q, k) => q - base.shares[k]);
    const distance = gaps.reduce((sum, g) => sum + Math.abs(g), 0) / 2;
    labelled.forEach(({ label }, k) => {
      if (shares[k] === 0 && base.shares[k] * n >= 1) {
        const text = `No “${label}” rows in ${split}, though they are ${percent(base.shares[k])} of train.`;
        warnings.push({ split: split, kind: 'absent', label, distance, text });
      }
    });
    if (distance >= SPLIT_MIX_WARN_DISTANCE - 1e-12) {
      // The class furthest off; on a tie the one the split has more of (it reads better).
      const k = gaps.reduce((best, g, i) => {
        const d = Math.abs(g) - Math.abs(gaps[best]);
        return d > 1e-9 || (d > -1e-9 && g > gaps[best]) ? i : best;
      }, 0);
      const label = labelled[k].label;
      const text =
        `The ${split} class mix differs from train's by ${Math.round(distance * 100)} points (total variation distance): ` +
        `“${label}” is ${percent(shares[k])} of ${split} but ${percent(base.shares[k])} of train, so ${split} figures will not describe the data the model learns from.`;
      warnings.push({ split: split, kind: 'mix', label, distance, text });
    }
  }
  return warnings;
}
