import { describe, expect, it } from 'vitest';
import { peopleChangeActor, roleChoices } from '$lib/core/governance/peopleRoles';
import { policyTemplate } from '$lib/core/governance/templates';

describe('the roles offered for people', () => {
  it('are the published policy’s, then the draft’s new ones, then roles held that neither has', () => {
    const draft = policyTemplate('high-risk');
    expect(roleChoices(policyTemplate('standard'), draft, ['approver', 'ethics-reviewer'])).toEqual([
      { id: 'ethics-reviewer', name: 'Ethics reviewer', from: 'policy' },
      { id: 'engineering-lead', name: 'Engineering lead', from: 'policy' },
      { id: 'product-owner', name: 'Product owner', from: 'draft' },
      { id: 'legal-counsel', name: 'Legal counsel', from: 'draft' },
      { id: 'approver', name: 'approver', from: 'held' },
    ]);
  });

  it('are the templates’ roles, once each, before any policy or draft exists', () => {
    expect(roleChoices(null, null, []).map((c) => [c.id, c.from])).toEqual([
      ['approver', 'template'], ['ethics-reviewer', 'template'], ['engineering-lead', 'template'], ['product-owner', 'template'], ['legal-counsel', 'template'],
    ]);
  });
});

describe('who a change to the people is recorded as', () => {
  it('is the acting person; with nobody chosen only the first person, recorded as themselves', () => {
    expect(peopleChangeActor('Noor', 3)).toEqual({ ok: true, by: 'Noor' });
    expect(peopleChangeActor(null, 0, ' Noor ')).toEqual({ ok: true, by: 'Noor' });
    expect(peopleChangeActor(null, 1, 'Sam')).toMatchObject({ ok: false, reason: expect.stringMatching(/^Choose who you are acting as/) });
    expect(peopleChangeActor(null, 0)).toMatchObject({ ok: false });
  });
});
