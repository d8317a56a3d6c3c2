import { describe, expect, it } from 'vitest';
import { collectMessage, collectSchema, productionLineageText, planCollection, productionSourceOf, textHash, type CollectableLog, type CollectInput } from '$lib/core/loop/collectPlan';

const log = (i: number, extra: Partial<CollectableLog> = {}): CollectableLog => ({
  predictionId: `p-${i}`, deploymentId: 'dep-1', modelVersionId: 'mv-1', at: `2026-03-01T10:0${i}:00.000Z`,
  label: 'Billing', confidence: 0.75, text: `text number ${i}`, ...extra,
});

const input = (logs: CollectableLog[], extra: Partial<CollectInput> = {}): CollectInput => ({
  logs,
  datasetTextHashes: new Set(),
  datasetKeys: new Set(),
  classes: ['Billing', 'Technical Issue'],
  metaColumns: [],
  versionNames: { 'mv-1': 'Ticket router v1', 'mv-2': 'Ticket router v2' },
  window: { from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T11:00:00.000Z' },
  filters: '',
  ...extra,
});

describe('planCollection', () => {
  it('skips texts already in the dataset and repeats within the window by text hash (case and spaces folded), keeping the first', () => {
    const plan = planCollection(input(
      [log(1, { text: 'Refund  please' }), log(2, { text: 'new one' }), log(3, { text: 'NEW ONE ' }), log(4, { text: 'other' })],
      { datasetTextHashes: new Set([textHash('refund please')]) },
    ));
    expect(plan.rows.map((r) => r.key)).toEqual(['p-2', 'p-4']);
    expect([plan.inDataset, plan.inWindow]).toEqual([1, 1]);
    expect(plan.lineage).toMatchObject({ matched: 4, added: 2, skippedDuplicates: 2 });
  });

  it('a prediction already collected (its id is a row key) is not added again', () => {
    const plan = planCollection(input([log(1)], { datasetKeys: new Set(['p-1']) }));
    expect(plan.rows).toEqual([]);
    expect(plan.inDataset).toBe(1);
  });

  it('turns each log into a production row: outcome as label, time, source and the served version in meta', () => {
    const plan = planCollection(input([
      log(1, { outcome: 'Technical Issue' }),
      log(2, { outcome: 'Billing', outcomeSource: 'app', modelVersionId: 'mv-2', deploymentId: 'dep-2', confidence: 0.5, label: 'Technical Issue' }),
      log(3),
      log(4, { outcome: 'Billing', outcomeSource: 'feedback' }),
    ]));
    expect(plan.rows[0]).toEqual({
      key: 'p-1', text: 'text number 1', label: 'Technical Issue', timestamp: '2026-03-01T10:01:00.000Z',
      meta: { source: 'feedback', prediction_id: 'p-1', served_version: 'Ticket router v1', predicted_label: 'Billing', confidence: 0.75 },
    });
    expect(plan.rows.map((r) => [r.label, r.meta.source, r.meta.served_version])).toEqual([
      ['Technical Issue', 'feedback', 'Ticket router v1'],
      ['Billing', 'labelled in app', 'Ticket router v2'],
      [null, 'unlabelled', 'Ticket router v1'],
      ['Billing', 'feedback', 'Ticket router v1'],
    ]);
    expect(plan.rows.every((r) => r.split === undefined)).toBe(true);
    expect(plan.lineage).toEqual({
      deploymentIds: ['dep-1', 'dep-2'], modelVersionIds: ['mv-1', 'mv-2'],
      from: '2026-03-01T10:00:00.000Z', to: '2026-03-01T11:00:00.000Z', filters: '',
      matched: 4, added: 4, skippedDuplicates: 0, bySource: { feedback: 2, 'labelled in app': 1, unlabelled: 1 },
    });
    expect(plan.origins).toEqual([
      { deploymentId: 'dep-1', modelVersionId: 'mv-1', servedVersion: 'Ticket router v1', rows: 3 },
      { deploymentId: 'dep-2', modelVersionId: 'mv-2', servedVersion: 'Ticket router v2', rows: 1 },
    ]);
  });

  it('keeps request fields that are metadata columns of the dataset, null when the request had none', () => {
    const plan = planCollection(input(
      [log(1, { fields: { subject: 'Card declined', body: 'my card', extra: 'x' } }), log(2)],
      { metaColumns: ['subject', 'channel', 'source'] },
    ));
    expect(plan.rows.map((r) => [r.meta.subject, r.meta.channel, r.meta.body, r.meta.source])).toEqual([
      ['Card declined', null, undefined, 'unlabelled'],
      [null, null, undefined, 'unlabelled'],
    ]);
  });

  it('never stores an outcome that is not a class of the dataset as a label: the row is added unlabelled and counted', () => {
    const plan = planCollection(input([log(1, { outcome: 'Refunds' }), log(2, { outcome: 'Billing' }), log(3, { outcome: 'Sales', outcomeSource: 'app' })]));
    expect(plan.rows.map((r) => [r.label, r.meta.source])).toEqual([[null, 'unlabelled'], ['Billing', 'feedback'], [null, 'unlabelled']]);
    expect(plan.notAClass).toEqual({ rows: 2, outcomes: ['Refunds', 'Sales'] });
  });

  it('leaves out logs without a stored text or prediction id and counts them', () => {
    const plan = planCollection(input([log(1, { text: undefined }), log(2, { predictionId: undefined }), log(3)], { window: { from: null, to: '2026-03-02T00:00:00.000Z' } }));
    expect(plan.rows.map((r) => r.key)).toEqual(['p-3']);
    expect(plan.withoutText).toBe(2);
    // An open window starts at its oldest matched log.
    expect(plan.lineage.from).toBe('2026-03-01T10:01:00.000Z');
  });
});

describe('collection helpers', () => {
  it('the schema gains the production columns once, with column types', () => {
    const schema = collectSchema([{ name: 'text', type: 'text' }, { name: 'label', type: 'label' }, { name: 'source', type: 'category' }]);
    expect(schema).toEqual([
      { name: 'text', type: 'text' }, { name: 'label', type: 'label' }, { name: 'source', type: 'category' },
      { name: 'prediction_id', type: 'text' }, { name: 'served_version', type: 'category' }, { name: 'predicted_label', type: 'category' }, { name: 'confidence', type: 'number' },
    ]);
    expect(collectSchema(schema)).toEqual(schema);
  });

  it('names the source of a label', () => {
    expect([productionSourceOf({}), productionSourceOf({ outcome: 'a' }), productionSourceOf({ outcome: 'a', outcomeSource: 'app' })]).toEqual(['unlabelled', 'feedback', 'labelled in app']);
  });

  it('the message says the window and the counts', () => {
    const plan = planCollection(input([log(1, { outcome: 'Billing' }), log(2), log(3, { text: 'text number 2' })], { filters: 'label Billing' }));
    expect(collectMessage(plan.lineage)).toBe(
      'Production data from 2026-03-01T10:00:00.000Z to 2026-03-01T11:00:00.000Z (label Billing): 3 matched, 2 added (1 feedback, 1 unlabelled), 1 skipped as duplicates',
    );
  });

  it('lineage in words: deployment → window → version', () => {
    const plan = planCollection(input([log(1), log(2, { deploymentId: 'dep-2-long-id' })], { filters: 'has outcome' }));
    expect(productionLineageText(plan.lineage, 4)).toBe(
      'production: deployment dep-1, dep-2-lo → window 2026-03-01T10:00:00.000Z to 2026-03-01T11:00:00.000Z, has outcome → v4',
    );
  });
});
