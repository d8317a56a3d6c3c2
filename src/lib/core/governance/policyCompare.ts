/** What changed between two versions of a policy, in sentences a reviewer reads before publishing or auditing. */
import { evidenceTitle } from './evidenceCatalog';
import type { GovernancePolicyData, PolicyRole, SliceFloor } from './policy';
import { STAGE_WORDS } from './policyEditing';
import { counted } from '../words';

const roleName = (roles: readonly PolicyRole[], id: string) => roles.find((r) => r.id === id)?.name ?? id;
const list = (items: readonly string[]) => (items.length ? items.join(', ') : 'none');

/** Roles whose id changed under the same name (old id → new id): one rename, not a removal and an addition. */
function renamedRoles(older: readonly PolicyRole[], newer: readonly PolicyRole[]): Map<string, string> {
  const renamed = new Map<string, string>();
  for (const o of older) {
    if (newer.some((r) => r.id === o.id)) continue;
    const match = newer.find((r) => r.name === o.name && !older.some((x) => x.id === r.id));
    if (match) renamed.set(o.id, match.id);
  }
  return renamed;
}

/** What changed from `older` to `newer`, one sentence a line; empty when they govern alike. */
export function comparePolicies(older: GovernancePolicyData, newer: GovernancePolicyData): string[] {
  const lines: string[] = [];
  const renamed = renamedRoles(older.roles, newer.roles);
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
    if (was.deciderRole !== g.deciderRole && renamed.get(was.deciderRole) !== g.deciderRole) {
      lines.push(`${label}: decided by ${roleName(newer.roles, g.deciderRole)} (was ${roleName(older.roles, was.deciderRole)}).`);
    }
    const added = g.evidence.filter((e) => !was.evidence.includes(e)).map(evidenceTitle);
    const dropped = was.evidence.filter((e) => !g.evidence.includes(e)).map(evidenceTitle);
    if (added.length) lines.push(`${label}: now requires ${added.join(', ')}.`);
    if (dropped.length) lines.push(`${label}: no longer requires ${dropped.join(', ')}.`);
    if (was.description !== g.description) lines.push(`${label}: description changed.`);
  }
  for (const o of older.gates) if (!newer.gates.some((g) => g.id === o.id)) lines.push(`Removed gate “${o.name}”.`);
  for (const [from, to] of renamed) lines.push(`Role “${roleName(newer.roles, to)}”: id ${from} → ${to}.`);
  const renamedTo = new Set(renamed.values());
  const added = newer.roles.filter((r) => !older.roles.some((o) => o.id === r.id) && !renamedTo.has(r.id)).map((r) => r.name);
  const dropped = older.roles.filter((o) => !newer.roles.some((r) => r.id === o.id) && !renamed.has(o.id)).map((r) => r.name);
  if (added.length || dropped.length) lines.push(`Roles added: ${list(added)}; removed: ${list(dropped)}.`);
  const [a, b] = [older.reReview, newer.reReview];
  if (a.days !== b.days || a.graceDays !== b.graceDays) {
    lines.push(`Re-review after ${counted(b.days, 'day')} with ${counted(b.graceDays, 'day')} of grace (was ${counted(a.days, 'day')} with ${counted(a.graceDays, 'day')}).`);
  }
  const [f, h] = [older.sliceFloor, newer.sliceFloor];
  if (f.metric !== h.metric || f.min !== h.min || f.minExamples !== h.minExamples) {
    lines.push(`Slice floor: ${metricName(h.metric)} ≥ ${percent(h.min)} on slices of ${h.minExamples}+ test examples (was ${metricName(f.metric)} ≥ ${percent(f.min)}, ${f.minExamples}+).`);
  }
  return lines;
}

/** A ratio as a percentage for people: 0.8 → "80 %", 0.825 → "82.5 %". */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10} %`;
}

/** The slice floor's metric as people name it. */
export function metricName(metric: SliceFloor['metric']): string {
  return metric === 'macroF1' ? 'macro F1' : 'accuracy';
}
