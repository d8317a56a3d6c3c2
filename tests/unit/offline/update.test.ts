import { describe, expect, it } from 'vitest';
import { updateStep } from '$lib/core/offline/update';

describe('taking a new version', () => {
  it('applies at once when no job runs', () => {
    expect(updateStep([], false)).toEqual({ kind: 'apply' });
  });

  it('waits while a training, an import or a lab job runs, naming each once', () => {
    expect(updateStep(['a training', 'an import', 'a training'], false)).toEqual({ kind: 'wait', jobs: ['a training', 'an import'] });
  });

  it('applies under running jobs only when the person confirmed', () => {
    expect(updateStep(['a drift lab job'], true)).toEqual({ kind: 'apply' });
  });
});
