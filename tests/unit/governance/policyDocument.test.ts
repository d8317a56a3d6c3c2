import { describe, expect, it } from 'vitest';
import { policyDocument, readPolicyDocument } from '$lib/core/governance/policyDocument';
import { POLICY_TEMPLATE_IDS, policyTemplate } from '$lib/core/governance/templates';

/** The Standard template as a parsed file, with `edit` applied to its data. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- edits reach into the loose JSON on purpose
type Loose = any;

function file(edit: (data: Loose) => void = () => {}): unknown {
  const doc = JSON.parse(JSON.stringify(policyDocument(policyTemplate('standard'))));
  edit(doc.data);
  return doc;
}

const problemsOf = (value: unknown) => {
  const read = readPolicyDocument(value);
  if (read.ok) throw new Error('expected problems');
  return read.problems;
};

describe('the governance policy document', () => {
  it.each(POLICY_TEMPLATE_IDS)('reads the %s template back unchanged through the one loader', (id) => {
    const read = readPolicyDocument(JSON.parse(JSON.stringify(policyDocument(policyTemplate(id)))));
    expect(read).toEqual({ ok: true, document: policyTemplate(id), migratedFrom: null });
  });

  it('refuses another kind of document at /kind', () => {
    const doc = { ...(file() as object), kind: 'lifecycle-lab/model-version' };
    expect(problemsOf(doc)).toEqual([{ path: '/kind', message: expect.stringContaining('must be "lifecycle-lab/governance-policy"') }]);
  });

  it('refuses a newer schema version and says to update the app', () => {
    expect(problemsOf({ ...(file() as object), schemaVersion: 2 })).toEqual([{ path: '/schemaVersion', message: expect.stringContaining('newer Lifecycle Lab') }]);
  });

  it('names each invalid value by its JSON Pointer', () => {
    const problems = problemsOf(
      file((data) => {
        data.gates[0].evidence.push('latency-p99'); // a deploy item in a training gate
        data.gates[1].deciderRole = 'legal';
        data.gates[1].stage = 'monitor';
        data.reReview.days = 0;
        data.sliceFloor.min = 1.5;
        data.roles[1].id = 'ethics-reviewer';
        data.colour = 'blue';
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      '/data/colour',
      '/data/roles/1/id',
      '/data/gates/0/evidence/6',
      '/data/gates/1/stage',
      '/data/gates/1/deciderRole',
      '/data/reReview/days',
      '/data/sliceFloor/min',
    ]);
    expect(problems.find((p) => p.path === '/data/gates/1/deciderRole')?.message).toMatch(/one of the policy's roles \(ethics-reviewer\)/);
    expect(problems.find((p) => p.path === '/data/gates/0/evidence/6')?.message).toMatch(/a "model" gate can require/);
  });

  it('refuses a gate listed twice and evidence listed twice', () => {
    const problems = problemsOf(
      file((data) => {
        data.gates[0].evidence.push('pii-clear');
        data.gates.push({ ...data.gates[1] });
      }),
    );
    expect(problems).toEqual([
      { path: '/data/gates/0/evidence/6', message: 'lists "pii-clear" twice.' },
      { path: '/data/gates/2/id', message: '"performance-sla" names another gate already.' },
    ]);
  });

  it('trims names and refuses empty ones', () => {
    const read = readPolicyDocument(file((data) => (data.name = '  Our policy  ')));
    expect(read.ok && read.document.name).toBe('Our policy');
    expect(problemsOf(file((data) => (data.gates[0].name = '  ')))).toEqual([{ path: '/data/gates/0/name', message: 'must be a non-empty string, got "  ".' }]);
  });

  it('refuses data that is not an object', () => {
    expect(problemsOf({ kind: 'lifecycle-lab/governance-policy', schemaVersion: 1, data: [] })).toEqual([{ path: '/data', message: 'must be an object, got [].' }]);
  });
});
