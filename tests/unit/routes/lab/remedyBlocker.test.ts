/** The remedies say why they are disabled, and where going back starts. */
import { describe, expect, it } from 'vitest';
import { defaultRewindWeek, remedyBlocker } from '../../../../src/routes/lab/remedyBlocker';

describe('remedyBlocker', () => {
  it('is silent while a remedy can be applied', () => {
    expect(remedyBlocker({ week: 5, weeks: 13, playing: false })).toBeNull();
  });

  it('names the reason: the quarter is over, nothing logged yet, or playing', () => {
    expect(remedyBlocker({ week: 13, weeks: 13, playing: false })).toMatch(/All 13 weeks are simulated.*Go back to an earlier week/);
    expect(remedyBlocker({ week: 0, weeks: 13, playing: false })).toMatch(/Step at least one week/);
    expect(remedyBlocker({ week: 4, weeks: 13, playing: true })).toMatch(/Pause first/);
  });

  it('offers to go back three weeks, never before week 1', () => {
    expect(defaultRewindWeek(13)).toBe(10);
    expect(defaultRewindWeek(2)).toBe(1);
  });
});
