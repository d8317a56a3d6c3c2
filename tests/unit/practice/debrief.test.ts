import { describe, expect, it } from 'vitest';
import { buildDebrief, debriefMarkdown } from '$lib/core/practice/debrief';
import type { MissionProgress } from '$lib/core/practice/catalogue';
import type { MissionDefinition, MissionStep } from '$lib/core/practice/mission';

const step = (id: string, extra: Partial<MissionStep<unknown>> = {}): MissionStep<unknown> => ({
  id, title: `Do ${id}`, where: { kind: 'mission' }, linkText: 'Here', hint: `How to ${id}`, check: () => ({ done: false }), ...extra,
});

const mission: MissionDefinition<unknown> = {
  id: 'drill-regression', title: 'A *regression*', level: 'Interview drill', goal: 'Find it.\n\nFix it.', deliverables: [],
  steps: [step('a'), step('b'), step('c', { unavailable: 'Needs a feature not built yet.' })],
  prompts: [{ key: 'rootCause', label: 'Root cause' }, { key: 'other', label: 'Other' }],
  debrief: () => [],
};

const progress: MissionProgress = {
  mission,
  steps: [
    { step: mission.steps[0], done: true, evidence: 'Rolled back to v1 <b>', unavailable: false },
    { step: mission.steps[1], done: false, missing: '2 of 3 checks', unavailable: false },
    { step: mission.steps[2], done: false, missing: 'Needs a feature not built yet.', unavailable: true },
  ],
  done: 1,
  total: 2,
  complete: false,
  sections: [{ heading: 'Figures', lines: ['accuracy | 0.9'] }, { heading: 'Empty', lines: [] }],
};

describe('the debrief', () => {
  it('sorts steps into passed with evidence, missed with what is missing and the hint, and not checkable', () => {
    const d = buildDebrief(progress, { rootCause: '  Upstream bug  ' }, 'Attempt 2, started today');
    expect(d.passed).toEqual([{ title: 'Do a', detail: 'Rolled back to v1 <b>' }]);
    expect(d.missed).toEqual([{ title: 'Do b', detail: '2 of 3 checks', hint: 'How to b' }]);
    expect(d.unavailable).toEqual([{ title: 'Do c', detail: 'Needs a feature not built yet.' }]);
    expect(d.answers).toEqual([{ label: 'Root cause', text: 'Upstream bug' }, { label: 'Other', text: '' }]);
    expect(d).toMatchObject({ done: 1, total: 2, complete: false });
  });

  it('exports as Markdown where text from data stays text', () => {
    const md = debriefMarkdown(buildDebrief(progress, { rootCause: '# not a heading\n\n- nor a list' }, 'Attempt 2, started today'));
    expect(md).toContain('# Debrief: A \\*regression\\*');
    expect(md).toContain('**1 of 2 steps done**.');
    expect(md).toContain('## What passed\n\n- **Do a**: Rolled back to v1 \\<b\\>');
    expect(md).toContain('## What you might have missed\n\n- **Do b**: 2 of 3 checks _Hint: How to b_');
    expect(md).toContain('## Not checked by the app');
    expect(md).toContain('- accuracy \\| 0.9');
    expect(md).toContain('## Empty\n\n- (nothing yet)');
    expect(md).toContain('### Root cause\n\n\\# not a heading\n\n\\- nor a list');
    expect(md).toContain('### Other\n\n_(not written)_');
    expect(md.endsWith('\n')).toBe(true);
  });
});
