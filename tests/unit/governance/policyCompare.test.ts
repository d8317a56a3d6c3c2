import { describe, expect, it } from 'vitest';
import { comparePolicies, percent } from '$lib/core/governance/policyCompare';
import { addRole, setRoleId } from '$lib/core/governance/policyEditing';
import { policyTemplate } from '$lib/core/governance/templates';
import { evidenceTitle } from '$lib/core/governance/evidenceCatalog';

const standard = () => policyTemplate('standard');

describe('comparing versions', () => {
  it('says what changed in gates, roles, re-review and slice floor, and nothing for equal policies', () => {
    const older = standard();
    expect(comparePolicies(older, standard())).toEqual([]);
    const newer = addRole(standard());
    newer.roles[2].name = 'Legal';
    newer.gates[0] = { ...newer.gates[0], evidence: newer.gates[0].evidence.filter((e) => e !== 'split-leakage'), deciderRole: 'new-role' };
    newer.gates.pop();
    newer.reReview = { days: 60, graceDays: 7 };
    newer.sliceFloor = { ...newer.sliceFloor, min: 0.85 };
    expect(comparePolicies(older, newer)).toEqual([
      'Gate “Data Ethics Review”: decided by Legal (was Ethics reviewer).',
      `Gate “Data Ethics Review”: no longer requires ${evidenceTitle('split-leakage')}.`,
      'Removed gate “Performance SLA”.',
      'Roles added: Legal; removed: none.',
      'Re-review after 60 days with 7 days of grace (was 90 days with 14 days).',
      'Slice floor: accuracy ≥ 85 % on slices of 30+ test examples (was accuracy ≥ 80 %, 30+).',
    ]);
    expect(percent(0.825)).toBe('82.5 %');
  });

  it('names a role whose id changed under the same name once, not as removed and added', () => {
    expect(comparePolicies(standard(), setRoleId(standard(), 0, 'ethics'))).toEqual(['Role “Ethics reviewer”: id ethics-reviewer → ethics.']);
  });
});
