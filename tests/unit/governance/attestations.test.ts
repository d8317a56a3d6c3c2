import { describe, expect, it } from 'vitest';
import { answerQuestions, markReviewed } from '$lib/core/governance/attestations';
import { reviewState } from '$lib/core/governance/datasetEvidence';
import { ANA, datasetFacts, HASH_V1, HASH_V2, relabelled } from './fixtures';

const AT = '2026-02-02T09:00:00.000Z';
const version = { number: 1, contentHash: HASH_V1, checks: datasetFacts().checks };

describe('what a person may attest on a dataset version', () => {
  it('marks a reviewed check on the rows the checks ran on, with a trimmed note', () => {
    expect(markReviewed(version, { check: 'label-conflicts', by: ANA, note: ' looked ', at: AT })).toEqual({
      ok: true, record: { check: 'label-conflicts', contentHash: HASH_V1, by: 'Ana', at: AT, note: 'looked' },
    });
    expect(markReviewed(version, { check: 'split-leakage', by: ANA, note: '', at: AT })).toMatchObject({ ok: false, reason: expect.stringContaining('is not a check a person reviews') });
    expect(markReviewed({ ...version, checks: null }, { check: 'class-mix', by: ANA, note: '', at: AT })).toMatchObject({ ok: false, reason: 'The data checks have not run on v1 yet: run them before reviewing.' });
    expect(markReviewed({ ...version, contentHash: HASH_V2 }, { check: 'class-mix', by: ANA, note: '', at: AT })).toMatchObject({ ok: false, reason: expect.stringContaining('made on other rows than v1') });
  });

  it('keeps partial answers, trimmed, and refuses a save with none', () => {
    const answers = { intendedUse: ' Routing ', whoCouldBeHarmed: '', consent: '' };
    expect(answerQuestions(version, { answers, by: ANA, at: AT })).toEqual({
      ok: true, record: { contentHash: HASH_V1, intendedUse: 'Routing', whoCouldBeHarmed: '', consent: '', by: 'Ana', at: AT },
    });
    expect(answerQuestions(version, { answers: { ...answers, intendedUse: ' ' }, by: ANA, at: AT })).toEqual({ ok: false, reason: 'Write at least one answer before saving.' });
  });

  it('tells a check reviewed on these rows from one reviewed on other rows only, and from none', () => {
    expect(reviewState(datasetFacts(), 'class-mix')).toMatchObject({ state: 'reviewed', review: { by: 'Ana', contentHash: HASH_V1 } });
    expect(reviewState(relabelled(), 'class-mix')).toMatchObject({ state: 'stale', review: { contentHash: HASH_V1 } });
    expect(reviewState(datasetFacts({ reviews: [] }), 'class-mix')).toEqual({ state: 'none' });
  });
});
