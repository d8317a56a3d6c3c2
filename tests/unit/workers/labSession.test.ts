import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createLabSession } from '$lib/workers/labSession';

// A small quarter: the statistics are noisier than the default volume, the mechanics the same.
const config = { impressionsPerWeek: 8000 };

describe('the drift lab session', () => {
  it('opens, steps, remediates, reports drift and reopens the same state from its record', () => {
    const lab = createLabSession();
    const opened = lab.handle({ type: 'open', config });
    expect(opened).toMatchObject({ week: 0, weeks: 13, finished: false, serving: 1, summaries: [] });
    const progress: number[] = [];
    const stepped = lab.handle({ type: 'step', weeks: 10 }, (p) => progress.push(p.week));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(stepped.summaries).toHaveLength(10);
    expect(stepped.daily[0]).toHaveLength(7);
    expect(stepped.daily[0].reduce((a, b) => a + b, 0)).toBe(stepped.summaries[0].impressions);

    const drift = lab.handle({ type: 'drift', reference: { fromWeek: 0, toWeek: 3 }, current: { fromWeek: 7, toWeek: 9 } });
    const byName = Object.fromEntries(drift.report.columns.map((c) => [c.name, c]));
    expect(byName.device.drifted).toBe(true);
    expect(drift.roles.device).toBe('feature');

    const evaluation = lab.handle({ type: 'evaluate', trainWindow: { fromWeek: 6, toWeek: 8 }, evalWindow: { fromWeek: 9, toWeek: 9 } });
    expect(evaluation.winner).toBe('challenger');
    const retrained = lab.handle({ type: 'retrain', window: { fromWeek: 7, toWeek: 9 } });
    expect(retrained.serving).toBe(2);
    expect(retrained.versions[1]).toMatchObject({ version: 2, deployedAtWeek: 10, reason: 'retrain', trainedOn: { fromWeek: 7, toWeek: 9 } });
    const done = lab.handle({ type: 'step', weeks: 'to-end' });
    expect(done.finished).toBe(true);

    const again = createLabSession();
    const reopened = again.handle({ type: 'open', record: done.record });
    expect(reopened.summaries.map((s) => s.ctr)).toEqual(done.summaries.map((s) => s.ctr));
    expect(reopened.serving).toBe(2);
    // Going back to week 10 undoes the retrain taken there and keeps weeks 0–9 as they were.
    const rewound = again.handle({ type: 'rewind', week: 10 });
    expect(rewound).toMatchObject({ week: 10, finished: false, serving: 1 });
    expect(rewound.versions).toHaveLength(1);
    expect(rewound.summaries.map((s) => s.ctr)).toEqual(done.summaries.slice(0, 10).map((s) => s.ctr));

    const back = lab.handle({ type: 'rollback' });
    expect(back.serving).toBe(1);
    expect(lab.handle({ type: 'reset' })).toMatchObject({ week: 0, serving: 1, versions: [expect.objectContaining({ version: 1 })] });
  }, 60_000);

  it('stops stepping when asked, and refuses work before a scenario is open', () => {
    const lab = createLabSession();
    expect(() => lab.handle({ type: 'step', weeks: 1 })).toThrow(/No scenario is open/);
    lab.handle({ type: 'open', config });
    let calls = 0;
    const stopped = lab.handle({ type: 'step', weeks: 'to-end' }, undefined, () => calls++ >= 2);
    expect(stopped.week).toBe(2);
  });

  it('exports a model version as a TF.js zip, and refuses a version that does not exist', () => {
    const lab = createLabSession();
    lab.handle({ type: 'open', config });
    lab.handle({ type: 'step', weeks: 2 });
    lab.handle({ type: 'retrain', window: { fromWeek: 0, toWeek: 1 } });
    const exported = lab.handle({ type: 'export-model', version: 2 });
    expect(exported.fileName).toBe('ctr-model-v2.zip');
    expect(exported.bytes).toBeInstanceOf(Uint8Array);
    expect(Object.keys(unzipSync(exported.bytes))).toEqual(['model.json', 'weights.bin', 'features.json', 'README.md']);
    expect(lab.handle({ type: 'export-model', version: 1 }).bytes).not.toEqual(exported.bytes);
    expect(() => lab.handle({ type: 'export-model', version: 3 })).toThrow(/no model version 3/);
  });
});
