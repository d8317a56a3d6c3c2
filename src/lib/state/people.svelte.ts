/**
 * Govern → People: the project's people and their roles, changed in the acting person's name
 * (core/governance/peopleRoles.ts decides who that is, and which roles are offered).
 */
import { addPerson, getDraft, listPolicyVersions, projectSigningKeys, removePerson, updatePersonRoles, type PersonRecord, type SigningKeyStoreRecord } from '$lib/db';
import type { GovernancePolicyData } from '$lib/core/governance/policy';
import { peopleChangeActor, roleChoices } from '$lib/core/governance/peopleRoles';
import { ActingPersonState } from './actingPerson.svelte';
import { db } from './database.svelte';
import { Live } from './live.svelte';

interface Policies {
  current: GovernancePolicyData | null;
  draft: GovernancePolicyData | null;
}

export class PeopleState {
  readonly acting: ActingPersonState;
  readonly #policies: Live<Policies>;
  /** The project's signing keys (people removed since included). */
  readonly #keys: Live<SigningKeyStoreRecord[]>;
  name = $state('');
  roles = $state<string[]>([]);
  /** The person whose roles are being changed ('' = none) and the roles ticked for them. */
  editingId = $state('');
  editingRoles = $state<string[]>([]);
  busy = $state(false);
  message = $state('');
  error = $state('');

  readonly choices = $derived.by(() => {
    const { current, draft } = this.#policies.current;
    return roleChoices(current, draft, this.acting.people.flatMap((p) => p.roles));
  });

  constructor(readonly projectId: string) {
    this.acting = new ActingPersonState(projectId);
    this.#policies = new Live(async () => {
      const [versions, draft] = await Promise.all([listPolicyVersions(db, projectId), getDraft(db, projectId)]);
      return { current: versions.at(-1)?.data ?? null, draft: draft?.data ?? null };
    }, { current: null, draft: null });
    this.#keys = new Live(() => projectSigningKeys(db, projectId), []);
  }

  /** The fingerprints of the person's signing keys, or '' before their first decision made one. */
  keyOf(personId: string): string {
    // Newest first; a key brought by a snapshot (or of a removed person) only verifies here.
    return this.#keys.current
      .filter((k) => k.personId === personId)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
      .map((k) => (k.privateKey ? k.fingerprint : `${k.fingerprint} (verifies only)`))
      .join(', ');
  }

  /** A role's name for people to read; an id no policy names is shown as itself. */
  roleName(id: string): string {
    return this.choices.find((c) => c.id === id)?.name ?? id;
  }

  async #run(newName: string | undefined, action: (by: string) => Promise<string>): Promise<void> {
    this.message = this.error = '';
    const actor = peopleChangeActor(this.acting.person?.name ?? null, this.acting.people.length, newName);
    if (!actor.ok) {
      this.error = actor.reason;
      return;
    }
    this.busy = true;
    try {
      this.message = await action(actor.by);
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }

  add(): Promise<void> {
    return this.#run(this.name, async (by) => {
      const person = await addPerson(db, { projectId: this.projectId, name: this.name, roles: this.roles, by });
      this.name = '';
      this.roles = [];
      return `Added ${person.name} (recorded as added by ${by}).`;
    });
  }

  startEditing(person: PersonRecord): void {
    this.editingId = person.id;
    this.editingRoles = [...person.roles];
  }

  saveRoles(person: PersonRecord): Promise<void> {
    return this.#run(undefined, async (by) => {
      await updatePersonRoles(db, { personId: person.id, roles: this.editingRoles, by });
      this.editingId = '';
      return `Changed ${person.name}'s roles.`;
    });
  }

  remove(person: PersonRecord): Promise<void> {
    return this.#run(undefined, async (by) => {
      await removePerson(db, { personId: person.id, by });
      return `Removed ${person.name}. Decisions they made keep their name.`;
    });
  }
}
