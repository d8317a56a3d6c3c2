/**
 * How far a project is through a stage's playbook: each item checked from the stored facts,
 * ticked by a person, or still open. `tickProblem` is the one rule on what may be ticked: only a
 * known item the app cannot check itself (a checked item's state comes from the data, never a tick).
 */
import { STAGES, type StageId } from '../lifecycle/stages';
import type { ActorName, PlaybookFacts } from './facts';
import { findPlaybookItem, PLAYBOOKS, type PlaybookItem } from './playbooks';

export type ItemState =
  | { kind: 'checked'; done: boolean; detail: string }
  | { kind: 'ticked'; by: ActorName; at: string }
  | { kind: 'open' };

export interface ItemProgress {
  item: PlaybookItem;
  state: ItemState;
  done: boolean;
}

export interface PlaybookProgress {
  stage: StageId;
  items: ItemProgress[];
  done: number;
  total: number;
}

export function playbookProgress(stage: StageId, facts: PlaybookFacts): PlaybookProgress {
  const items = PLAYBOOKS[stage].items.map((item): ItemProgress => {
    if (item.check) {
      const { done, detail } = item.check(facts);
      return { item, state: { kind: 'checked', done, detail }, done };
    }
    const tick = facts.ticks[item.id];
    return tick ? { item, state: { kind: 'ticked', by: tick.by, at: tick.at }, done: true } : { item, state: { kind: 'open' }, done: false };
  });
  return { stage, items, done: items.filter((i) => i.done).length, total: items.length };
}

/** Every stage's progress, in lifecycle order. */
export function allPlaybookProgress(facts: PlaybookFacts): PlaybookProgress[] {
  return STAGES.map((stage) => playbookProgress(stage, facts));
}

/** Why `itemId` cannot be ticked, or null when a person may tick it. */
export function tickProblem(itemId: string): string | null {
  const item = findPlaybookItem(itemId);
  if (!item) return `There is no playbook item "${itemId}".`;
  if (item.check) return `“${item.text}” is checked from the project’s own records; it cannot be ticked by hand.`;
  return null;
}
