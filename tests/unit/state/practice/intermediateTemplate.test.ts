import { describe, expect, it } from 'vitest';
import { intermediateTemplate } from '$lib/state/practice/intermediateTemplate';
import { decodeLabState } from '$lib/state/labUrl';
import { isIntermediateScenario } from '$lib/core/practice/missions/intermediate';
import type { TemplateContext } from '$lib/state/practice/template';

describe('the intermediate mission’s starting point', () => {
  it('is the drift lab at week 0 of the mission’s scenario, with no project', async () => {
    const progress: string[] = [];
    const ctx = { progress: (text: string) => progress.push(text), signal: new AbortController().signal, created: () => { throw new Error('no project is made'); } } as unknown as TemplateContext;
    const result = await intermediateTemplate(ctx);
    expect(result.projectId).toBeNull();
    const record = decodeLabState(String(result.start?.lab));
    expect(record.data).toMatchObject({ week: 0, actions: [] });
    // The lab recognises the address as the mission's scenario, so it records what the learner does there.
    expect(isIntermediateScenario(record.data.config)).toBe(true);
    expect(progress.length).toBeGreaterThan(0);
  });
});
