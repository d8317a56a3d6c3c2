import { describe, expect, it } from 'vitest';
import { projectKind, SAMPLE_PROJECT } from '$lib/core/scenarios/sampleProject';

describe('projectKind', () => {
  it('tells the sample from a practice project using the sample’s generator, and from the person’s own', () => {
    const practice = new Set(['drill']);
    expect(projectKind({ id: 'sample', scenario: SAMPLE_PROJECT.scenario }, practice)).toBe('sample');
    expect(projectKind({ id: 'drill', scenario: SAMPLE_PROJECT.scenario }, practice)).toBe('practice');
    expect(projectKind({ id: 'drill' }, practice)).toBe('practice');
    expect(projectKind({ id: 'mine' }, practice)).toBe('own');
  });
});
