import { describe, expect, it } from 'vitest';
import { evaluateEvidence, DATASET_EVIDENCE_IDS } from '$lib/core/governance/evidenceCatalog';
import { summarizeDatasetChecks, type DatasetVersionFacts } from '$lib/core/governance/facts';
import { datasetChecks } from '$lib/core/data/datasetChecks';
import type { DataRow } from '$lib/core/data/dataset';
import { policyTemplate } from '$lib/core/governance/templates';
import { dataset, datasetFacts, HASH_V2, relabelled } from './fixtures';

const FLOOR = policyTemplate('standard').sliceFloor;
const judge = (facts: DatasetVersionFacts) => Object.fromEntries(evaluateEvidence(DATASET_EVIDENCE_IDS, dataset(facts), FLOOR).map((e) => [e.id, e]));
const statuses = (facts: DatasetVersionFacts) => Object.fromEntries(Object.entries(judge(facts)).map(([id, e]) => [id, e.status]));

describe('Data Ethics Review evidence', () => {
  it('passes every item when checks ran on these rows, were reviewed and the questions answered', () => {
    const items = judge(datasetFacts());
    expect(Object.values(items).map((e) => e.status)).toEqual(DATASET_EVIDENCE_IDS.map(() => 'pass'));
    expect(items['class-balance-reviewed'].reason).toBe('1 imbalance warning; reviewed by Ana.');
    expect(items['pii-clear'].source).toEqual({ stage: 'data', view: 'checks' });
    expect(items['ethics-answers'].checkedBy).toBe('person');
    // The questions are answered where the checks are marked: every review item links to Data → Checks.
    const review = DATASET_EVIDENCE_IDS.filter((id) => id !== 'datasheet-approved');
    expect(review.map((id) => items[id].source)).toEqual(review.map(() => ({ stage: 'data', view: 'checks' })));
    expect(items['datasheet-approved']).toMatchObject({ reason: 'v1 approved by Ben.', source: { stage: 'govern', view: 'documents' } });
  });

  it('after a relabel (new content hash) every item is not yet: the checks, marks and answers were made on other rows', () => {
    const facts = relabelled();
    // The database hands the newest stored check run and marks; they are all for the old hash.
    expect(facts.checks!.contentHash).not.toBe(HASH_V2);
    expect(Object.values(statuses(facts))).toEqual(DATASET_EVIDENCE_IDS.map(() => 'not-yet'));
    expect(judge(facts)['pii-clear'].reason).toMatch(/ran on other rows, not on v2/);
  });

  it('after the checks run again on the new rows, the marks and answers still read stale until redone', () => {
    const old = datasetFacts();
    const facts = { ...relabelled(), checks: { ...old.checks!, contentHash: HASH_V2 } };
    const items = judge(facts);
    expect(items['pii-clear'].status).toBe('pass');
    expect(items['split-leakage'].status).toBe('pass');
    expect(items['class-mix-reviewed']).toMatchObject({ status: 'not-yet', reason: '2 segments with a different class mix. Reviewed on earlier rows, not on v2: stale — review again.' });
    expect(items['ethics-answers'].reason).toMatch(/stale — answer again/);
  });

  it('fails on personal data left unmasked, and says when it was masked', () => {
    const base = datasetFacts();
    const withPii = { ...base, checks: { ...base.checks!, pii: { scanned: 1000, textsWithPii: 3 } } };
    expect(judge(withPii)['pii-clear']).toMatchObject({ status: 'fail', reason: '3 texts of 1,000 contain personal data: mask it in a new version.' });
    expect(judge({ ...base, piiMasked: true })['pii-clear'].reason).toBe('Masked; none found in 1,000 texts.');
  });

  it('fails on leakage between splits and waits for a split', () => {
    const base = datasetFacts();
    expect(judge({ ...base, checks: { ...base.checks!, leakedRows: 4 } })['split-leakage']).toMatchObject({ status: 'fail', reason: '4 rows share their text with a row in another split.' });
    expect(judge({ ...base, hasSplit: false, checks: { ...base.checks!, leakedRows: null } })['split-leakage'].status).toBe('not-yet');
  });

  it('passes label conflicts by machine when there are none, and needs a review mark when there are', () => {
    const base = datasetFacts();
    const none = { ...base, reviews: [], checks: { ...base.checks!, nearDuplicateConflicts: 0 } };
    expect(judge(none)['label-conflicts-reviewed']).toMatchObject({ status: 'pass', reason: 'No similar texts with different labels.' });
    const unreviewed = { ...base, reviews: base.reviews.filter((r) => r.check !== 'label-conflicts') };
    expect(judge(unreviewed)['label-conflicts-reviewed']).toMatchObject({ status: 'not-yet', reason: '3 label conflicts found. Not marked reviewed on v1 yet.' });
    const cut = { ...unreviewed, checks: { ...base.checks!, nearDuplicateConflicts: 0, nearDuplicatesComplete: false } };
    expect(judge(cut)['label-conflicts-reviewed'].status).toBe('not-yet');
  });

  it('names the questions still unanswered, and waits for checks that never ran', () => {
    const base = datasetFacts();
    expect(judge({ ...base, answers: { ...base.answers!, consent: ' ', whoCouldBeHarmed: '' } })['ethics-answers'].reason).toBe('Still to answer: who could be harmed, consent for the data.');
    expect(judge({ ...base, answers: null })['ethics-answers'].status).toBe('not-yet');
    expect(judge({ ...base, checks: null })['class-balance-reviewed'].reason).toBe('The data checks have not run on v1: open Data → Checks.');
  });

  it('summarizes a real check run of core/data into the stored facts', () => {
    const rows: DataRow[] = [
      { key: '1', text: 'Refund my card please', label: 'Billing', split: 'train', meta: { channel: 'email' } },
      { key: '2', text: 'refund my card  please', label: 'Technical', split: 'test', meta: { channel: 'email' } },
      { key: '3', text: 'Write to ana@example.com', label: 'Other', split: 'train', meta: { channel: 'chat' } },
    ];
    const byKey = new Map(rows.map((r) => [r.key, r]));
    const checks = datasetChecks({ rows, get: (k) => byKey.get(k), schema: [], hasSplit: true, classBalance: { Billing: 1, Technical: 1, Other: 1 } }, []);
    expect(summarizeDatasetChecks(checks, HASH_V2, '2026-02-02T00:00:00.000Z')).toEqual({
      contentHash: HASH_V2,
      at: '2026-02-02T00:00:00.000Z',
      pii: { scanned: 3, textsWithPii: 1 },
      imbalanceWarnings: checks.imbalance.warnings.length,
      flaggedSegments: 0,
      leakedRows: 2,
      nearDuplicateConflicts: checks.nearDuplicates.total,
      nearDuplicatesComplete: true,
      sameTextConflicts: 1,
    });
  });
});
