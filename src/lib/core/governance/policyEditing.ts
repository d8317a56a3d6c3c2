/**
 * Editing a policy draft, as pure steps over its data: adding, removing and moving roles and
 * gates (a role a gate is decided by is not removed silently), and placing the validator's
 * problems next to the fields they point at. Comparing versions: policyCompare.ts; reading a
 * policy file: policyFile.ts.
 */
import { formatProblem, type DocumentProblem } from '../documents/problems';
import type { GateStage, GovernancePolicyData, PolicyGate } from './policy';

/** What a gate guards, in a sentence's words. */
export const STAGE_WORDS: Record<GateStage, string> = { model: 'before training', deploy: 'before deploying' };

/** An id not yet taken among `taken`: `base`, else `base-2`, `base-3` … */
function freeId(base: string, taken: readonly { id: string }[]): string {
  const ids = new Set(taken.map((t) => t.id));
  if (!ids.has(base)) return base;
  let n = 2;
  while (ids.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export function addRole(data: GovernancePolicyData): GovernancePolicyData {
  return { ...data, roles: [...data.roles, { id: freeId('new-role', data.roles), name: '', description: '' }] };
}

/** A blank gate of `stage`, decided by the first role (to be chosen when there is none). */
export function addGate(data: GovernancePolicyData, stage: GateStage): GovernancePolicyData {
  const gate: PolicyGate = { id: freeId('new-gate', data.gates), name: '', description: '', stage, evidence: [], deciderRole: data.roles[0]?.id ?? '' };
  return { ...data, gates: [...data.gates, gate] };
}

/** The gates decided by holders of `roleId`, alone or on a council. */
export function gatesDecidedBy(data: GovernancePolicyData, roleId: string): PolicyGate[] {
  return data.gates.filter((g) => g.deciderRole === roleId || g.council?.roles.includes(roleId));
}

/** The data without role `index`, or why not: a role that decides gates stays until they name another. */
export function removeRole(data: GovernancePolicyData, index: number): { ok: true; data: GovernancePolicyData } | { ok: false; reason: string } {
  const role = data.roles[index];
  if (!role) return { ok: true, data };
  const users = gatesDecidedBy(data, role.id);
  if (users.length > 0) {
    const names = users.map((g) => `“${g.name || g.id}”`).join(', ');
    return { ok: false, reason: `“${role.name || role.id}” decides ${names}: choose another deciding role for ${users.length === 1 ? 'that gate' : 'those gates'} first.` };
  }
  return { ok: true, data: { ...data, roles: data.roles.filter((_, i) => i !== index) } };
}

/** Renames role `index`'s id, and the gates it decides (or sits on the council of) follow. */
export function setRoleId(data: GovernancePolicyData, index: number, id: string): GovernancePolicyData {
  const old = data.roles[index]?.id;
  if (old === undefined) return data;
  return {
    ...data,
    roles: data.roles.map((r, i) => (i === index ? { ...r, id } : r)),
    gates: data.gates.map((g) => {
      const renamed = g.deciderRole === old ? { ...g, deciderRole: id } : g;
      return g.council ? { ...renamed, council: { ...g.council, roles: g.council.roles.map((r) => (r === old ? id : r)) } } : renamed;
    }),
  };
}

export function removeGate(data: GovernancePolicyData, index: number): GovernancePolicyData {
  return { ...data, gates: data.gates.filter((_, i) => i !== index) };
}

/** Gate `index` moved by `by` places (−1 up, +1 down); unchanged at either end. */
export function moveGate(data: GovernancePolicyData, index: number, by: -1 | 1): GovernancePolicyData {
  const to = index + by;
  if (to < 0 || to >= data.gates.length || !data.gates[index]) return data;
  const gates = [...data.gates];
  [gates[index], gates[to]] = [gates[to], gates[index]];
  return { ...data, gates };
}

/** A gate moved to another stage keeps only the evidence that stage can require. */
export function setGateStage(gate: PolicyGate, stage: GateStage, allowed: readonly string[]): PolicyGate {
  return { ...gate, stage, evidence: gate.evidence.filter((e) => allowed.includes(e)) };
}

/**
 * The field a problem belongs next to, by its pointer: an evidence item's problem goes to its
 * gate's evidence list; every other pointer names its field itself.
 */
export function problemField(path: string): string {
  return path.replace(/^(\/data\/gates\/\d+\/evidence)\/\d+$/, '$1');
}

/** Fields the editor shows in other units than the document stores: their problems say so. */
const EDITOR_WORDING: Record<string, string> = { '/data/sliceFloor/min': 'must be a percentage from 0 to 100.' };

/** Problem messages by the field they belong next to (see {@link problemField}), in the editor's units. */
export function problemsByField(problems: readonly DocumentProblem[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const p of problems) {
    const field = problemField(p.path);
    const message = EDITOR_WORDING[field] ?? (/^must be a non-empty string, got "\s*"\.$/.test(p.message) ? 'must not be empty.' : p.message);
    byField.set(field, [...(byField.get(field) ?? []), message]);
  }
  return byField;
}

/** The pointers of every field the draft editor shows for `data`: problems elsewhere are listed apart. */
export function editorFields(data: GovernancePolicyData): Set<string> {
  const fields = ['/data/name', '/data/description', '/data/reReview/days', '/data/reReview/graceDays', '/data/sliceFloor/metric', '/data/sliceFloor/min', '/data/sliceFloor/minExamples'];
  data.roles.forEach((_, i) => fields.push(...['id', 'name', 'description'].map((k) => `/data/roles/${i}/${k}`)));
  data.gates.forEach((g, i) => fields.push(...['id', 'name', 'description', 'stage', 'evidence', g.council ? 'council/quorum' : 'deciderRole'].map((k) => `/data/gates/${i}/${k}`)));
  return new Set(fields);
}

/** The problems no shown field takes, written out with their pointers. */
export function unplacedProblems(problems: readonly DocumentProblem[], fields: ReadonlySet<string>): string[] {
  return problems.filter((p) => !fields.has(problemField(p.path))).map(formatProblem);
}
