/**
 * Sorting and filtering the inventory's rows, for the page and its exports alike (what you see
 * is what you download). Every column sorts by a key that reads in the column's own order: tiers
 * from minimal to prohibited, reviews from the most urgent, gate states from the worst.
 */
import { RISK_TIERS } from '$lib/core/governance/riskQuestions';
import { GATE_STATUSES } from '$lib/core/governance/gateState';
import { SERVING_STATUSES, type AttentionReason, type InventoryRow, type ServingStatus, type TierOrUnassessed } from './inventoryRow';

export const INVENTORY_COLUMNS = ['project', 'model', 'tier', 'aliases', 'serving', 'gates', 'waivers', 'review', 'drift'] as const;
export type InventoryColumn = (typeof INVENTORY_COLUMNS)[number];

export const COLUMN_TITLES: Record<InventoryColumn, string> = {
  project: 'Project',
  model: 'Model version',
  tier: 'Risk tier',
  aliases: 'Aliases',
  serving: 'Serving',
  gates: 'Gates',
  waivers: 'Open waivers',
  review: 'Next review',
  drift: 'Last drift finding',
};

export type SortDirection = 'asc' | 'desc';
export interface InventorySort {
  column: InventoryColumn;
  direction: SortDirection;
}

export const TIER_CHOICES: readonly TierOrUnassessed[] = ['not assessed', ...RISK_TIERS];

/** Worst first: a lapsed or rejected gate sorts before an approved one. */
const GATE_RANK: Record<string, number> = { lapsed: 0, rejected: 1, 'changes-requested': 2, stale: 3, 'not-requested': 4, pending: 5, due: 6, waived: 7, approved: 8 };
const REVIEW_RANK = { lapsed: 0, overdue: 1, due: 2, none: 3 } as const;

type Key = string | number;

function keyOf(row: InventoryRow, column: InventoryColumn): Key[] {
  switch (column) {
    case 'project':
      return [row.projectName.toLowerCase()];
    case 'model':
      return [row.modelName.toLowerCase(), row.version];
    case 'tier':
      return [TIER_CHOICES.indexOf(row.tier)];
    case 'aliases':
      return [row.aliases.length === 0 ? '\uffff' : row.aliases.join(',')];
    case 'serving':
      return [SERVING_STATUSES.indexOf(row.serving)];
    case 'gates':
      return [row.gates.length === 0 ? GATE_STATUSES.length : Math.min(...row.gates.map((g) => GATE_RANK[g.status] ?? GATE_STATUSES.length))];
    case 'waivers':
      return [row.waivers.count, row.waivers.nearestExpiry ? -Date.parse(row.waivers.nearestExpiry) : 0];
    case 'review':
      return [REVIEW_RANK[row.review.kind], row.review.at ?? ''];
    case 'drift':
      return row.drift ? [row.drift.datasetDrift ? 1 : 0, row.drift.checks ? row.drift.drifted / row.drift.checks : 0, row.drift.at] : [-1, 0, ''];
  }
}

function compareKeys(a: Key[], b: Key[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
  }
  return 0;
}

/** A new array sorted by one column; ties keep the given order (project, model, version). */
export function sortInventory(rows: readonly InventoryRow[], sort: InventorySort): InventoryRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, i) => ({ row, i, key: keyOf(row, sort.column) }))
    .sort((a, b) => sign * compareKeys(a.key, b.key) || a.i - b.i)
    .map((x) => x.row);
}

export interface InventoryFilter {
  /** Words that must all appear (any case) in the row's project, model, aliases, tier, serving or gate text. */
  text: string;
  /** A project id; '' for all. */
  projectId: string;
  tier: TierOrUnassessed | '';
  serving: ServingStatus | '';
  /** Only rows that are lapsed, overdue, blocked or running on a waiver. */
  needsAttention: boolean;
}

export const NO_FILTER: InventoryFilter = { text: '', projectId: '', tier: '', serving: '', needsAttention: false };

export const ATTENTION_WORDS: Record<AttentionReason, string> = {
  lapsed: 'approval lapsed',
  overdue: 'overdue for re-review',
  blocked: 'promotion blocked',
  waived: 'running on a waiver',
};

/** The words of a row the text search looks in: what its cells show. */
function searchable(row: InventoryRow): string {
  return [row.projectName, `${row.modelName} v${row.version}`, row.tier, ...row.aliases.map((a) => `@${a}`), row.servingText, ...row.gates.map((g) => `${g.name} ${g.words}`), ...row.attention.map((a) => ATTENTION_WORDS[a]), row.review.text]
    .join(' ')
    .toLowerCase();
}

export function filterInventory(rows: readonly InventoryRow[], filter: InventoryFilter): InventoryRow[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filter.projectId && row.projectId !== filter.projectId) return false;
    if (filter.tier && row.tier !== filter.tier) return false;
    if (filter.serving && row.serving !== filter.serving) return false;
    if (filter.needsAttention && row.attention.length === 0) return false;
    if (words.length === 0) return true;
    const haystack = searchable(row);
    return words.every((w) => haystack.includes(w));
  });
}
