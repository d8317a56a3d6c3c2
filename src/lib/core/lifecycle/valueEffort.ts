/**
 * The Value-vs-Effort matrix of the Frame stage: candidate features or improvements scored for
 * the value they should bring and the effort they cost, on whole numbers 1 … 10, and placed in
 * one of four quadrants. One rule places an item (`quadrantOf`): a score of 6 or more is high,
 * 5 or less low — the scale has no middle value, so no item sits on a line. Dragging and the
 * arrow keys go through `scoresAt` and `movedBy`, so the page, its tests and an import agree.
 */
import { pointer, preview, type DocumentProblem } from '../documents/problems';
import { keyResultIds, withoutMissingCriteria, type Objective } from './objectives';

export const SCORE_MIN = 1;
export const SCORE_MAX = 10;
/** The lowest high score. */
export const HIGH_FROM = 6;
export const ITEM_TITLE_MAX = 200;
export const ITEM_OWNER_MAX = 100;
export const ITEM_TEXT_MAX = 2000;
export const MAX_ITEMS = 100;

export type Quadrant = 'quick-win' | 'big-bet' | 'fill-in' | 'money-pit';

export const QUADRANTS: Record<Quadrant, { title: string; one: string; advice: string }> = {
  'quick-win': { title: 'Quick wins', one: 'quick win', advice: 'High value, low effort: do these first.' },
  'big-bet': { title: 'Big bets', one: 'big bet', advice: 'High value, high effort: plan them.' },
  'fill-in': { title: 'Fill-ins', one: 'fill-in', advice: 'Low value, low effort: do when there is slack.' },
  'money-pit': { title: 'Money pits', one: 'money pit', advice: 'Low value, high effort: avoid.' },
};

export interface Scores {
  /** 1 … 10: what delivering it should bring. */
  value: number;
  /** 1 … 10: what it costs to deliver. */
  effort: number;
}

/** After delivery: did the metric it was meant to move actually move? */
export type Moved = 'yes' | 'partly' | 'no';

export interface ItemOutcome {
  moved: Moved;
  /** What was measured, in the person's words ("automatic share went from 41 % to 48 %"). */
  note: string;
  at: string;
}

export interface ValueEffortItem extends Scores {
  id: string;
  title: string;
  owner: string;
  /** The predicted effect, in words; '' when not said. */
  expected: string;
  /** Success criteria (by id) it should move. */
  criterionIds: string[];
  /** Key results (objectives.ts, by id) it should move. */
  keyResultIds: string[];
  /** Absent until it is delivered. */
  outcome?: ItemOutcome;
}

export const MOVED_TEXT: Record<Moved, string> = { yes: 'moved', partly: 'moved partly', no: 'did not move' };

const isHigh = (score: number) => score >= HIGH_FROM;

export function quadrantOf(s: Scores): Quadrant {
  if (isHigh(s.value)) return isHigh(s.effort) ? 'big-bet' : 'quick-win';
  return isHigh(s.effort) ? 'money-pit' : 'fill-in';
}

const clampScore = (n: number) => Math.min(SCORE_MAX, Math.max(SCORE_MIN, n));

/** The arrow keys move the focused item one step: up/down change value, right/left effort. Null for other keys. */
export function movedBy(s: Scores, key: string): Scores | null {
  switch (key) {
    case 'ArrowUp':
      return { ...s, value: clampScore(s.value + 1) };
    case 'ArrowDown':
      return { ...s, value: clampScore(s.value - 1) };
    case 'ArrowRight':
      return { ...s, effort: clampScore(s.effort + 1) };
    case 'ArrowLeft':
      return { ...s, effort: clampScore(s.effort - 1) };
    default:
      return null;
  }
}

const CELLS = SCORE_MAX - SCORE_MIN + 1;

/** The scores under a point of the plot, given as fractions of its width (effort →) and height (value ↓). */
export function scoresAt(fx: number, fy: number): Scores {
  const cell = (f: number) => clampScore(SCORE_MIN + Math.floor(Math.min(Math.max(f, 0), 0.999999) * CELLS));
  return { effort: cell(fx), value: cell(1 - fy) };
}

/** Where an item's cell starts, as fractions of the plot (left, top), and the cell's size. */
export function cellOf(s: Scores): { left: number; top: number; size: number } {
  return { left: (s.effort - SCORE_MIN) / CELLS, top: (SCORE_MAX - s.value) / CELLS, size: 1 / CELLS };
}

/**
 * Several items in one cell share it as a grid of `cols` × `rows` slots, more columns when the
 * cell is wider than tall (`aspect` = its width / height): each item's centre as fractions of
 * the plot, and its slot's share of the cell's width and height.
 */
export function markerPlaces(items: readonly (Scores & { id: string })[], aspect = 1): Map<string, { x: number; y: number; width: number; height: number }> {
  const groups = new Map<string, (Scores & { id: string })[]>();
  for (const item of items) {
    const key = `${item.value}:${item.effort}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const places = new Map<string, { x: number; y: number; width: number; height: number }>();
  for (const group of groups.values()) {
    const cols = Math.min(group.length, Math.ceil(Math.sqrt(group.length * aspect)));
    const rows = Math.ceil(group.length / cols);
    const { left, top, size } = cellOf(group[0]);
    group.forEach((item, i) => {
      places.set(item.id, { x: left + (size * ((i % cols) + 0.5)) / cols, y: top + (size * (Math.floor(i / cols) + 0.5)) / rows, width: 1 / cols, height: 1 / rows });
    });
  }
  return places;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= 100;
const isScore = (v: unknown) => Number.isInteger(v) && (v as number) >= SCORE_MIN && (v as number) <= SCORE_MAX;

function textProblem(v: unknown, max: number, required: boolean): string | null {
  if (typeof v !== 'string') return 'must be a text.';
  if (required && v.trim() === '') return 'must not be blank.';
  return v.length > max ? `is ${v.length} characters long; at most ${max}.` : null;
}

/**
 * Why `items` cannot be stored, as pointers under `base`; [] when they can. Links must name a
 * success criterion in `criterionIds` or a key result in `keyResultIds`.
 */
export function valueEffortProblems(items: unknown, criterionIds: ReadonlySet<string>, keyResultIds: ReadonlySet<string>, base = ''): DocumentProblem[] {
  if (!Array.isArray(items)) return [{ path: base, message: 'must be a list of items.' }];
  const problems: DocumentProblem[] = [];
  const fail = (path: string, message: string) => problems.push({ path, message });
  if (items.length > MAX_ITEMS) fail(base, `holds ${items.length} items; at most ${MAX_ITEMS}.`);
  const ids = new Set<string>();
  items.forEach((item: Partial<ValueEffortItem>, i) => {
    const at = pointer(base, i);
    if (!isId(item?.id)) fail(pointer(at, 'id'), 'must be a non-empty id of at most 100 characters.');
    else if (ids.has(item.id)) fail(pointer(at, 'id'), `repeats the id ${preview(item.id)}.`);
    else ids.add(item.id);
    for (const [key, max, required] of [['title', ITEM_TITLE_MAX, true], ['owner', ITEM_OWNER_MAX, true], ['expected', ITEM_TEXT_MAX, false]] as const) {
      const problem = textProblem(item?.[key], max, required);
      if (problem) fail(pointer(at, key), problem);
    }
    for (const key of ['value', 'effort'] as const) {
      if (!isScore(item?.[key])) fail(pointer(at, key), `must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}; got ${preview(item?.[key])}.`);
    }
    const links = [['criterionIds', criterionIds, 'success criterion'], ['keyResultIds', keyResultIds, 'key result']] as const;
    for (const [key, known, what] of links) {
      const list = item?.[key];
      if (!Array.isArray(list)) fail(pointer(at, key), 'must be a list.');
      else list.forEach((id, n) => {
        if (!known.has(id)) fail(pointer(at, key, n), `names no ${what} of this project (${preview(id)}).`);
      });
    }
    const outcome = item?.outcome;
    if (outcome !== undefined) {
      if (!outcome || !(['yes', 'partly', 'no'] as unknown[]).includes(outcome.moved)) fail(pointer(at, 'outcome', 'moved'), 'must be yes, partly or no.');
      const note = textProblem(outcome?.note, ITEM_TEXT_MAX, false);
      if (note) fail(pointer(at, 'outcome', 'note'), note);
      if (typeof outcome?.at !== 'string' || Number.isNaN(Date.parse(outcome.at))) fail(pointer(at, 'outcome', 'at'), 'must be a date and time.');
    }
  });
  return problems;
}

/** The items without links to criteria or key results that no longer exist. */
export function withoutMissingLinks(items: readonly ValueEffortItem[], criterionIds: ReadonlySet<string>, keyResultIds: ReadonlySet<string>): ValueEffortItem[] {
  return items.map((i) => ({ ...i, criterionIds: i.criterionIds.filter((c) => criterionIds.has(c)), keyResultIds: i.keyResultIds.filter((k) => keyResultIds.has(k)) }));
}

/**
 * A Frame's objectives and items linked only to the criteria and key results it still has:
 * what a removed criterion or key result leaves behind (absent lists stay absent).
 */
export function keptLinks(frame: { criteria: readonly { id: string }[]; objectives?: Objective[]; valueEffort?: ValueEffortItem[] }): Pick<typeof frame, 'objectives' | 'valueEffort'> {
  const criteria = new Set(frame.criteria.map((c) => c.id));
  const objectives = frame.objectives && withoutMissingCriteria(frame.objectives, criteria);
  const items = frame.valueEffort && withoutMissingLinks(frame.valueEffort, criteria, keyResultIds(objectives ?? []));
  return { ...(objectives ? { objectives } : {}), ...(items ? { valueEffort: items } : {}) };
}

/** A deep copy (records and documents never share lists). */
export function copyItems(items: readonly ValueEffortItem[]): ValueEffortItem[] {
  return items.map((i) => ({ ...i, criterionIds: [...i.criterionIds], keyResultIds: [...i.keyResultIds], ...(i.outcome ? { outcome: { ...i.outcome } } : {}) }));
}

/** "Faster triage: value 7, effort 3 — quick win" (what a screen reader hears after a move, and the audit trail). */
export function placementText(item: Pick<ValueEffortItem, 'title' | 'value' | 'effort'>): string {
  return `${item.title}: value ${item.value}, effort ${item.effort} — ${QUADRANTS[quadrantOf(item)].one}`;
}

/** The audit trail's action and sentence for saving `after` over `before` (absent for a new item). */
export function describeItemChange(before: ValueEffortItem | undefined, after: ValueEffortItem): { action: string; detail: string } {
  const place = placementText(after);
  if (!before) return { action: 'frame.value-effort.add', detail: `Added ${place}; owner ${after.owner}` };
  if (after.outcome && JSON.stringify(after.outcome) !== JSON.stringify(before.outcome)) {
    const note = after.outcome.note.trim() ? `: ${after.outcome.note.trim()}` : '';
    return { action: 'frame.value-effort.outcome', detail: `Delivered ${after.title}; its metric ${MOVED_TEXT[after.outcome.moved]}${note}` };
  }
  const { value, effort, ...rest } = after;
  const { value: v0, effort: e0, ...rest0 } = before;
  if ((value !== v0 || effort !== e0) && JSON.stringify(rest) === JSON.stringify(rest0)) return { action: 'frame.value-effort.move', detail: `Moved ${place}` };
  return { action: 'frame.value-effort.edit', detail: `Edited ${place}; owner ${after.owner}` };
}

/** Predicted vs realised, per quadrant: how many delivered items moved their metric. */
export interface QuadrantReview {
  quadrant: Quadrant;
  items: number;
  delivered: number;
  moved: number;
  partly: number;
}

export function predictionReview(items: readonly ValueEffortItem[]): QuadrantReview[] {
  return (Object.keys(QUADRANTS) as Quadrant[]).map((quadrant) => {
    const inQuadrant = items.filter((i) => quadrantOf(i) === quadrant);
    const delivered = inQuadrant.filter((i) => i.outcome);
    return {
      quadrant,
      items: inQuadrant.length,
      delivered: delivered.length,
      moved: delivered.filter((i) => i.outcome!.moved === 'yes').length,
      partly: delivered.filter((i) => i.outcome!.moved === 'partly').length,
    };
  });
}
