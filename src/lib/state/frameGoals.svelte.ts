/**
 * The Frame stage's objectives and Value-vs-Effort matrix: saving through the database (each
 * change audited there), and where matrix items sit while they are being moved.
 */
import { removeValueEffortItem, saveObjectives, saveValueEffortItem } from '$lib/db';
import type { Objective } from '$lib/core/lifecycle/objectives';
import type { Scores, ValueEffortItem } from '$lib/core/lifecycle/valueEffort';
import { db } from './database.svelte';
import { attempt } from './notices.svelte';

/** A fresh id for an objective, key result or item ("kr-m1x2y3-ab12"). */
export function newGoalId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export function saveProjectObjectives(projectId: string, objectives: Objective[]): Promise<boolean | undefined> {
  return attempt(() => saveObjectives(db, projectId, objectives).then(() => true));
}

export function saveItem(projectId: string, item: ValueEffortItem): Promise<boolean | undefined> {
  return attempt(() => saveValueEffortItem(db, projectId, item).then(() => true));
}

export function removeItem(projectId: string, id: string): Promise<boolean | undefined> {
  return attempt(() => removeValueEffortItem(db, projectId, id).then(() => true));
}

/** Pause after the last arrow key before a move is written (one audit entry per move, not per key). */
const MOVE_DELAY_MS = 700;

interface Pending {
  scores: Scores;
  /** The stored scores the move started from: once the stored item differs, the move is written (or overtaken). */
  from: Scores;
}

/** Items being moved on the matrix: shown where they are going at once, written after a pause or on release. */
export class MatrixMoves {
  readonly projectId: string;
  #pending = $state<Record<string, Pending>>({});
  // Bookkeeping only, never shown: plain maps on purpose.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The stored item each waiting move applies to. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #waiting = new Map<string, ValueEffortItem>();

  constructor(projectId: string) {
    this.projectId = projectId;
  }

  /** Where the stored `item` shows now. */
  at(item: ValueEffortItem): Scores {
    const p = this.#pending[item.id];
    return p && p.from.value === item.value && p.from.effort === item.effort ? p.scores : { value: item.value, effort: item.effort };
  }

  /** Shows `item` at `scores`; written after a pause, or at once with `commit`. */
  move(item: ValueEffortItem, scores: Scores, write = true): void {
    const current = this.#pending[item.id];
    const from = current && current.from.value === item.value && current.from.effort === item.effort ? current.from : { value: item.value, effort: item.effort };
    this.#pending[item.id] = { scores, from };
    clearTimeout(this.#timers.get(item.id));
    if (write) {
      this.#waiting.set(item.id, item);
      this.#timers.set(item.id, setTimeout(() => void this.commit(item), MOVE_DELAY_MS));
    }
  }

  async commit(item: ValueEffortItem): Promise<void> {
    clearTimeout(this.#timers.get(item.id));
    this.#timers.delete(item.id);
    this.#waiting.delete(item.id);
    const p = this.#pending[item.id];
    if (!p || (p.scores.value === p.from.value && p.scores.effort === p.from.effort)) return;
    const ok = await saveItem(this.projectId, { ...item, ...p.scores });
    if (!ok && this.#pending[item.id] === p) delete this.#pending[item.id];
  }

  /** Writes every move still waiting (leaving the page). */
  flush(): void {
    for (const [id, item] of this.#waiting) if (this.#timers.has(id)) void this.commit(item);
  }
}
