/**
 * Who the person at the keyboard says they are, per project, for governance actions (reviews,
 * decisions, waivers, check marks, answers). A browser cannot authenticate anyone: this is a
 * choice among the project's people (Govern → People), kept for the page's lifetime only, so a
 * reload asks again rather than acting in someone's name unnoticed.
 */
import { currentPolicy, listPeople, type PersonRecord } from '$lib/db';
import type { PolicyRole } from '$lib/core/governance/policy';
import { db } from './database.svelte';
import { Live } from './live.svelte';

const chosen = $state<Record<string, string>>({});

export class ActingPersonState {
  readonly #people: Live<{ people: PersonRecord[]; roles: readonly PolicyRole[] }>;
  constructor(readonly projectId: string) {
    this.#people = new Live(async () => {
      const [people, policy] = await Promise.all([listPeople(db, projectId), currentPolicy(db, projectId)]);
      return { people, roles: policy?.data.roles ?? [] };
    }, { people: [], roles: [] });
  }

  get people(): PersonRecord[] {
    return this.#people.current.people;
  }

  /** A role as the published policy names it ("Ethics reviewer"); its id when the policy has none. */
  roleName(id: string): string {
    return this.#people.current.roles.find((r) => r.id === id)?.name ?? id;
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
