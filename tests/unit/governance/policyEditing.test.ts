import { describe, expect, it } from 'vitest';
import {
  addGate, addRole, comparePolicies, editorFields, moveGate, percent, problemField, problemsByField, readPolicyText, removeGate, removeRole, setGateStage, setRoleId, unplacedProblems,
} from '$lib/core/governance/policyEditing';
import { policyTemplate } from '$lib/core/governance/templates';
import { policyDocument, validatePolicyData } from '$lib/core/governance/policyDocument';
import { evidenceIdsFor, evidenceTitle } from '$lib/core/governance/evidenceCatalog';

const standard = () => policyTemplate('standard');

describe('roles and gates in a draft', () => {
  it('refuses to remove a role a gate is decided by, naming the gate, and removes an unused one', () => {
    const data = standard();
    const refused = removeRole(data, 0);
    expect(refused).toEqual({ ok: false, reason: '“Ethics reviewer” decides “Data Ethics Review”: choose another deciding role for that gate first.' });
    const withNew = addRole(data);
    expect(withNew.roles.at(-1)).toEqual({ id: 'new-role', name: '', description: '' });
    expect(addRole(withNew).roles.at(-1)?.id).toBe('new-role-2');
    const removed = removeRole(withNew, 2);
    expect(removed.ok && removed.data.roles.map((r) => r.id)).toEqual(['ethics-reviewer', 'engineering-lead']);
  });

  it('renaming a role id carries the gates it decides along', () => {
    const data = setRoleId(standard(), 1, 'sre-lead');
    expect(data.roles[1].id).toBe('sre-lead');
    expect(data.gates.map((g) => g.deciderRole)).toEqual(['ethics-reviewer', 'sre-lead']);
    expect(validatePolicyData(data as never).ok).toBe(true);
  });

  it('adds a blank gate with a free id, moves gates within bounds and removes them', () => {
    const data = addGate(standard(), 'deploy');
    expect(data.gates[2]).toEqual({ id: 'new-gate', name: '', description: '', stage: 'deploy', evidence: [], deciderRole: 'ethics-reviewer' });
    expect(moveGate(data, 2, -1).gates.map((g) => g.id)).toEqual(['data-ethics-review', 'new-gate', 'performance-sla']);
    expect(moveGate(data, 0, -1)).toBe(data);
    expect(moveGate(data, 2, 1)).toBe(data);
    expect(removeGate(data, 0).gates.map((g) => g.id)).toEqual(['performance-sla', 'new-gate']);
  });

  it('a gate moved to another stage keeps only evidence that stage can require', () => {
    const gate = { ...standard().gates[1], evidence: ['criteria-pass' as const] };
    expect(setGateStage(gate, 'model', evidenceIdsFor('model')).evidence).toEqual([]);
  });
});

describe('problems next to their fields', () => {
  it('places an evidence item problem on its gate’s evidence list, others on their own pointer', () => {
    const data = { ...standard(), name: ' ', gates: [{ ...standard().gates[0], evidence: ['criteria-pass'], deciderRole: 'nobody' }] };
    const checked = validatePolicyData(data as never);
    if (checked.ok) throw new Error('expected problems');
    const byField = problemsByField(checked.problems);
    expect([...byField.keys()].sort()).toEqual(['/data/gates/0/deciderRole', '/data/gates/0/evidence', '/data/name']);
    expect(byField.get('/data/gates/0/evidence')?.[0]).toMatch(/^must be evidence a "model" gate can require/);
    expect(problemField('/data/gates/12/evidence/3')).toBe('/data/gates/12/evidence');
    expect(unplacedProblems(checked.problems, editorFields(data as never))).toEqual([]);
    // The editor asks for the floor in percent; the document stores a ratio.
    expect(problemsByField([{ path: '/data/sliceFloor/min', message: 'must be a ratio from 0 to 1, got 1.2.' }]).get('/data/sliceFloor/min')).toEqual(['must be a percentage from 0 to 100.']);
    expect(unplacedProblems([{ path: '/data/reReview', message: 'must be an object, got nothing.' }], editorFields(standard()))).toEqual(['/data/reReview: must be an object, got nothing.']);
    expect(unplacedProblems(checked.problems, new Set(['/data/name', '/data/gates/0/evidence']))).toEqual([
      expect.stringMatching(/^\/data\/gates\/0\/deciderRole: must be one of the policy's roles/),
    ]);
  });
});

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
});

describe('reading a policy file', () => {
  it('reads a valid document and normalises it', () => {
    const doc = policyDocument({ ...standard(), name: '  Workshop policy ' });
    expect(readPolicyText(JSON.stringify(doc))).toEqual({ ok: true, data: { ...standard(), name: 'Workshop policy' } });
  });

  it('refuses bad JSON with its line, a wrong kind, invalid data with pointers, and forbidden keys', () => {
    expect(readPolicyText('{\n  "kind": 1,\n  x}')).toEqual({ ok: false, problems: [{ path: '', message: expect.stringMatching(/not valid JSON .*line 3/) }] });
    expect(readPolicyText('{"kind": "lifecycle-lab/snapshot", "schemaVersion": 1}')).toMatchObject({ ok: false, problems: [{ path: '/kind' }] });
    const bad = policyDocument({ ...standard(), reReview: { days: 0, graceDays: 1 } });
    expect(readPolicyText(JSON.stringify(bad))).toMatchObject({ ok: false, problems: [{ path: '/data/reReview/days', message: expect.stringMatching(/whole number from 1/) }] });
    expect(readPolicyText('{"__proto__": {}, "kind": "x"}')).toMatchObject({ ok: false, problems: [{ path: '/__proto__', message: expect.stringMatching(/not allowed anywhere in a policy/) }] });
  });
});
