/**
 * Who the person at the keyboard says they are, per project, for governance actions (reviews,
 * decisions, waivers, check marks, answers). A browser cannot authenticate anyone: this is a
 * choice among the project's people (Govern → People), kept for the page's lifetime only, so a
 * reload asks again rather than acting in someone's name unnoticed.
 */
import { listPeople, type PersonRecord } from '$lib/db';
import { db } from './database.svelte';
import { Live } from './live.svelte';

const chosen = $state<Record<string, string>>({});

export class ActingPersonState {
  readonly #people: Live<PersonRecord[]>;
  constructor(readonly projectId: string) {
    this.#people = new Live(() => listPeople(db, projectId), []);
  }

  get people(): PersonRecord[] {
    return this.#people.current;
  }

  get loaded(): boolean {
    return this.#people.loaded;
  }

  /** The chosen person's id ('' = nobody chosen, or they were removed). */
  get personId(): string {
    const id = chosen[this.projectId] ?? '';
    return this.people.some((p) => p.id === id) ? id : '';
  }

  set personId(id: string) {
    chosen[this.projectId] = id;
  }

  get person(): PersonRecord | null {
    return this.people.find((p) => p.id === this.personId) ?? null;
  }
}
