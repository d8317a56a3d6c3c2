/**
 * Editing a policy draft, as pure steps over its data: adding, removing and moving roles and
 * gates (a role a gate is decided by is not removed silently), placing the validator's problems
 * next to the fields they point at, comparing two versions, and reading a policy file.
 */
import { formatProblem, type DocumentProblem } from '../documents/problems';
import { checkKeys, parseSnapshotText } from '../snapshot/safeJson';
import { evidenceTitle } from './evidenceCatalog';
import type { GateStage, GovernancePolicyData, PolicyGate, PolicyRole } from './policy';
import { readPolicyDocument } from './policyDocument';
import { counted } from '../words';

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

/** The gates decided by holders of `roleId`. */
export function gatesDecidedBy(data: GovernancePolicyData, roleId: string): PolicyGate[] {
  return data.gates.filter((g) => g.deciderRole === roleId);
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

/** Renames role `index`'s id, and the gates it decides follow. */
export function setRoleId(data: GovernancePolicyData, index: number, id: string): GovernancePolicyData {
  const old = data.roles[index]?.id;
  if (old === undefined) return data;
  return {
    ...data,
    roles: data.roles.map((r, i) => (i === index ? { ...r, id } : r)),
    gates: data.gates.map((g) => (g.deciderRole === old ? { ...g, deciderRole: id } : g)),
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
    byField.set(field, [...(byField.get(field) ?? []), EDITOR_WORDING[field] ?? p.message]);
  }
  return byField;
}

/** The pointers of every field the draft editor shows for `data`: problems elsewhere are listed apart. */
export function editorFields(data: GovernancePolicyData): Set<string> {
  const fields = ['/data/name', '/data/description', '/data/reReview/days', '/data/reReview/graceDays', '/data/sliceFloor/metric', '/data/sliceFloor/min', '/data/sliceFloor/minExamples'];
  data.roles.forEach((_, i) => fields.push(...['id', 'name', 'description'].map((k) => `/data/roles/${i}/${k}`)));
  data.gates.forEach((_, i) => fields.push(...['id', 'name', 'description', 'stage', 'evidence', 'deciderRole'].map((k) => `/data/gates/${i}/${k}`)));
  return new Set(fields);
}

/** The problems no shown field takes, written out with their pointers. */
export function unplacedProblems(problems: readonly DocumentProblem[], fields: ReadonlySet<string>): string[] {
  return problems.filter((p) => !fields.has(problemField(p.path))).map(formatProblem);
}

const roleName = (roles: readonly PolicyRole[], id: string) => roles.find((r) => r.id === id)?.name ?? id;
const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

/** What changed from `older` to `newer`, one sentence a line; empty when they govern alike. */
export function comparePolicies(older: GovernancePolicyData, newer: GovernancePolicyData): string[] {
  const lines: string[] = [];
  if (older.name !== newer.name) lines.push(`Renamed “${older.name}” → “${newer.name}”.`);
  for (const g of newer.gates) {
    const was = older.gates.find((o) => o.id === g.id);
    if (!was) {
      lines.push(`Added gate “${g.name}” (${STAGE_WORDS[g.stage]}, decided by ${roleName(newer.roles, g.deciderRole)}).`);
      continue;
    }
    const label = `Gate “${g.name}”`;
    if (was.name !== g.name) lines.push(`${label}: renamed from “${was.name}”.`);
    if (was.stage !== g.stage) lines.push(`${label}: now ${STAGE_WORDS[g.stage]} (was ${STAGE_WORDS[was.stage]}).`);
    if (was.deciderRole !== g.deciderRole) lines.push(`${label}: decided by ${roleName(newer.roles, g.deciderRole)} (was ${roleName(older.roles, was.deciderRole)}).`);
    const added = g.evidence.filter((e) => !was.evidence.includes(e)).map(evidenceTitle);
    const dropped = was.evidence.filter((e) => !g.evidence.includes(e)).map(evidenceTitle);
    if (added.length) lines.push(`${label}: now requires ${added.join(', ')}.`);
    if (dropped.length) lines.push(`${label}: no longer requires ${dropped.join(', ')}.`);
    if (was.description !== g.description) lines.push(`${label}: description changed.`);
  }
  for (const o of older.gates) if (!newer.gates.some((g) => g.id === o.id)) lines.push(`Removed gate “${o.name}”.`);
  const added = newer.roles.filter((r) => !older.roles.some((o) => o.id === r.id)).map((r) => r.name);
  const dropped = older.roles.filter((o) => !newer.roles.some((r) => r.id === o.id)).map((r) => r.name);
  if (added.length || dropped.length) lines.push(`Roles added: ${list(added)}; removed: ${list(dropped)}.`);
  const [a, b] = [older.reReview, newer.reReview];
  if (a.days !== b.days || a.graceDays !== b.graceDays) {
    lines.push(`Re-review after ${counted(b.days, 'day')} with ${counted(b.graceDays, 'day')} of grace (was ${counted(a.days, 'day')} with ${counted(a.graceDays, 'day')}).`);
  }
  const [f, h] = [older.sliceFloor, newer.sliceFloor];
  if (f.metric !== h.metric || f.min !== h.min || f.minExamples !== h.minExamples) {
    lines.push(`Slice floor: ${h.metric} ≥ ${percent(h.min)} on slices of ${h.minExamples}+ test examples (was ${f.metric} ≥ ${percent(f.min)}, ${f.minExamples}+).`);
  }
  return lines;
}

/** A ratio as a percentage for people: 0.8 → "80 %", 0.825 → "82.5 %". */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10} %`;
}

/** Largest policy file read, in characters: a policy is a few kilobytes. */
export const MAX_POLICY_FILE_CHARS = 1024 * 1024;

/** "at position 41" in a JSON syntax error → "line 3, column 7" of `text`. */
function withLine(message: string, text: string): string {
  const at = /position (\d+)/.exec(message);
  if (!at || /line \d+/.test(message)) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  return `${message} (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}

/**
 * Reads a policy file's text: size, JSON (syntax errors with their line), forbidden keys, then
 * the document loader and validator (problems with JSON Pointers). Nothing is returned unless
 * all pass, so an import never writes a half-valid policy.
 */
export function readPolicyText(text: string): { ok: true; data: GovernancePolicyData } | { ok: false; problems: DocumentProblem[] } {
  const parsed = parseSnapshotText(text, MAX_POLICY_FILE_CHARS);
  if (!parsed.ok) return { ok: false, problems: parsed.problems.map((p) => ({ ...p, message: withLine(p.message, text) })) };
  const keys = checkKeys(parsed.value);
  if (keys.length) return { ok: false, problems: keys.map((p) => ({ ...p, message: p.message.replace('a snapshot', 'a policy') })) };
  const read = readPolicyDocument(parsed.value);
  return read.ok ? { ok: true, data: read.document } : read;
}
