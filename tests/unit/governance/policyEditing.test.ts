import { describe, expect, it } from 'vitest';
import {
  addGate, addRole, editorFields, moveGate, problemField, problemsByField, removeGate, removeRole, setGateStage, setRoleId, unplacedProblems,
} from '$lib/core/governance/policyEditing';
import { policyTemplate } from '$lib/core/governance/templates';
import { validatePolicyData } from '$lib/core/governance/policyDocument';
import { evidenceIdsFor } from '$lib/core/governance/evidenceCatalog';

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
    expect(byField.get('/data/name')).toEqual(['must not be empty.']);
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
