/**
 * Which roles Govern → People offers, and who a change to the people is recorded as. The roles
 * come from the policy (published, then the draft), plus any a person holds already; a project
 * with neither policy nor draft is offered the templates' roles, so people can be named first.
 */
import type { GovernancePolicyData, PolicyRole } from './policy';
import { POLICY_TEMPLATE_IDS, policyTemplate } from './templates';

export interface RoleChoice {
  id: string;
  name: string;
  /** Where the choice comes from, for the page to say so. */
  from: 'policy' | 'draft' | 'template' | 'held';
}

export function roleChoices(current: GovernancePolicyData | null, draft: GovernancePolicyData | null, held: readonly string[]): RoleChoice[] {
  const choices: RoleChoice[] = [];
  const add = (roles: readonly PolicyRole[], from: RoleChoice['from']) => {
    for (const r of roles) if (!choices.some((c) => c.id === r.id)) choices.push({ id: r.id, name: r.name, from });
  };
  add(current?.roles ?? [], 'policy');
  add(draft?.roles ?? [], 'draft');
  if (!current && !draft) add(POLICY_TEMPLATE_IDS.flatMap((t) => policyTemplate(t).roles), 'template');
  add(held.map((id) => ({ id, name: id, description: '' })), 'held');
  return choices;
}

/**
 * Who a change to the people is recorded as: the acting person; with nobody chosen, only the
 * project's first person may be added, recorded as added by themselves (someone has to start).
 */
export function peopleChangeActor(acting: string | null, peopleCount: number, newName?: string): { ok: true; by: string } | { ok: false; reason: string } {
  if (acting) return { ok: true, by: acting };
  if (peopleCount === 0 && newName?.trim()) return { ok: true, by: newName.trim() };
  return { ok: false, reason: 'Choose who you are acting as first (“Acting as”, above): the change is recorded in that name.' };
}
