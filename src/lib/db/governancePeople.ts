/**
 * The people of a project's governance: local names with the policy roles they act in. A browser
 * cannot tell who is typing, so these are who *claims* to act; each change is audited.
 */
import type { LifecycleDatabase } from './database';
import type { PersonRecord } from './records';
import { appendAudit } from './audit';
import { newId } from './ids';
import { retireSigningKey } from './signingKeys';

const rolesOf = (roles: readonly string[]) => [...new Set(roles.map((r) => r.trim()).filter(Boolean))].sort();
const rolesText = (roles: readonly string[]) => (roles.length ? roles.join(', ') : 'no role');

/** The project's people, by name. */
export async function listPeople(db: LifecycleDatabase, projectId: string): Promise<PersonRecord[]> {
  const people = await db.people.where('projectId').equals(projectId).toArray();
  return people.sort((a, b) => a.name.localeCompare(b.name));
}

export async function addPerson(db: LifecycleDatabase, input: { projectId: string; name: string; roles: readonly string[]; by: string }): Promise<PersonRecord> {
  const name = input.name.trim();
  if (name === '') throw new Error('Give the person a name.');
  return db.transaction('rw', [db.projects, db.people, db.auditLog], async () => {
    if (!(await db.projects.get(input.projectId))) throw new Error('That project no longer exists.');
    const taken = (await listPeople(db, input.projectId)).some((p) => p.name.toLowerCase() === name.toLowerCase());
    if (taken) throw new Error(`There is already a person called “${name}” in this project.`);
    const person: PersonRecord = { id: newId(), projectId: input.projectId, name, roles: rolesOf(input.roles) };
    await db.people.add(person);
    await appendAudit(db, { projectId: person.projectId, actor: input.by, action: 'governance.person.add', detail: `Added ${name} (${rolesText(person.roles)})`, refs: { personId: person.id } });
    return person;
  });
}

export async function updatePersonRoles(db: LifecycleDatabase, input: { personId: string; roles: readonly string[]; by: string }): Promise<PersonRecord> {
  return db.transaction('rw', [db.people, db.auditLog], async () => {
    const person = await db.people.get(input.personId);
    if (!person) throw new Error('That person no longer exists.');
    const updated = { ...person, roles: rolesOf(input.roles) };
    await db.people.put(updated);
    await appendAudit(db, {
      projectId: person.projectId,
      actor: input.by,
      action: 'governance.person.roles',
      detail: `${person.name}'s roles: ${rolesText(person.roles)} → ${rolesText(updated.roles)}`,
      refs: { personId: person.id },
    });
    return updated;
  });
}

/**
 * Removes a person from the project. Their past requests and decisions keep the name they
 * recorded (records hold the name, not a link), so the trail still reads who said what. Their
 * public signing key stays (their sign-offs still verify); their private key is dropped.
 */
export async function removePerson(db: LifecycleDatabase, input: { personId: string; by: string }): Promise<void> {
  await db.transaction('rw', [db.people, db.signingKeys, db.auditLog], async () => {
    const person = await db.people.get(input.personId);
    if (!person) throw new Error('That person no longer exists.');
    await db.people.delete(person.id);
    await retireSigningKey(db, person.id);
    await appendAudit(db, { projectId: person.projectId, actor: input.by, action: 'governance.person.remove', detail: `Removed ${person.name} (${rolesText(person.roles)})`, refs: { personId: person.id } });
  });
}
