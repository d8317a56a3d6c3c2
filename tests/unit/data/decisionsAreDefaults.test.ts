import { describe, expect, it } from 'vitest';
import { ISSUE_POLICIES, decisionsAreDefaults, type Decisions, type IssueCategory } from '$lib/core/data/validation';

describe('decisionsAreDefaults', () => {
  it('holds for no decisions and for every default written out, as the Data page sends them', () => {
    expect(decisionsAreDefaults({})).toBe(true);
    const written = Object.fromEntries(Object.entries(ISSUE_POLICIES).map(([c, p]) => [c, p.actions[0]])) as Decisions;
    expect(decisionsAreDefaults(written)).toBe(true);
  });

  it('fails as soon as one category has another action', () => {
    for (const [category, policy] of Object.entries(ISSUE_POLICIES) as [IssueCategory, (typeof ISSUE_POLICIES)[IssueCategory]][]) {
      for (const action of policy.actions.slice(1)) expect(decisionsAreDefaults({ [category]: action })).toBe(false);
    }
  });

  it('refuses an action a category does not allow, as applying would', () => {
    expect(() => decisionsAreDefaults({ 'bad-date': 'fix-year' })).toThrow(/not allowed/);
  });
});
