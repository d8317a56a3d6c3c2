import { describe, expect, it } from 'vitest';
import { retrainStep, type RetrainFacts } from '$lib/core/loop/retrainStep';

const READY: RetrainFacts = { champion: 'Router version 1', championHasData: true, newestNumber: 3, sameVersion: false, newRows: 40, newLabelled: 30, unsplitLabelled: 0 };

describe('retrainStep', () => {
  it('places labelled rows without a split first, then retrains on the newest version as it is', () => {
    expect(retrainStep({ ...READY, unsplitLabelled: 30 })).toEqual({ step: 'split', rows: 30 });
    expect(retrainStep(READY)).toEqual({ step: 'retrain' });
  });

  it('says plainly why there is nothing to do: no champion, an imported champion, no new data, no new labels', () => {
    const reason = (over: Partial<RetrainFacts>) => {
      const step = retrainStep({ ...READY, ...over });
      return step.step === 'none' ? step.reason : step.step;
    };
    expect(reason({ champion: null })).toMatch(/^There is no champion to retrain/);
    expect(reason({ championHasData: false })).toBe('The champion (Router version 1) came in as a package without its training data, so new rows cannot be told from the rows it learned from.');
    expect(reason({ sameVersion: true, unsplitLabelled: 5 })).toMatch(/^There is nothing new to retrain on: the newest dataset version is the one the champion/);
    expect(reason({ newRows: 0 })).toBe('Dataset v3 has no rows that the champion\'s training data did not have, so there is nothing new to retrain on.');
    expect(reason({ newLabelled: 0, unsplitLabelled: 0 })).toBe('None of the 40 rows added since the champion\'s training data has a label yet: label some first, then retrain.');
  });
});
