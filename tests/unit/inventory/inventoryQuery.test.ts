import { describe, expect, it } from 'vitest';
import { inventoryRows, type InventoryRow } from '$lib/core/inventory/inventoryRow';
import { filterInventory, NO_FILTER, sortInventory } from '$lib/core/inventory/inventoryQuery';
import { empty, model, published, review } from '../governance/fixtures';
import { projectFacts, versionFacts } from './fixtures';

async function sampleRows(): Promise<InventoryRow[]> {
  const policy = await published('standard');
  const records = review(policy, empty(), model(), 'performance-sla', '2026-03-01T09:00:00.000Z', 'approve');
  return inventoryRows(
    [
      projectFacts({ projectId: 'p-a', projectName: 'Tickets', tier: 'high', policy, records, versions: [versionFacts({}, { aliases: ['champion'] }), versionFacts({ modelVersionId: 'mv-2', version: 2, runId: 'run-b' })], traffic: [{ modelVersionId: 'mv-1', percent: 100, mode: 'serve' }] }),
      projectFacts({ projectId: 'p-b', projectName: 'Churn', tier: 'minimal', versions: [versionFacts({ modelVersionId: 'mv-3', modelName: 'Churn', runId: 'run-c' }, { archived: true })] }),
      projectFacts({ projectId: 'p-c', projectName: 'Ads', versions: [versionFacts({ modelVersionId: 'mv-4', modelName: 'Ranker', runId: 'run-d' })], traffic: [{ modelVersionId: 'mv-4', percent: 0, mode: 'shadow' }] }),
    ],
    Date.parse('2026-04-01T00:00:00.000Z'),
  );
}
const labels = (rows: InventoryRow[]) => rows.map((r) => `${r.modelName} v${r.version}`);

describe('sortInventory', () => {
  it('sorts by any column both ways, keeping the given order for ties', async () => {
    const rows = await sampleRows();
    expect(labels(rows)).toEqual(['Ranker v1', 'Churn v1', 'Classifier v2', 'Classifier v1']);
    expect(labels(sortInventory(rows, { column: 'project', direction: 'desc' }))).toEqual(['Classifier v2', 'Classifier v1', 'Churn v1', 'Ranker v1']);
    expect(labels(sortInventory(rows, { column: 'model', direction: 'asc' }))).toEqual(['Churn v1', 'Classifier v1', 'Classifier v2', 'Ranker v1']);
    // not assessed < minimal < limited < high < prohibited
    expect(labels(sortInventory(rows, { column: 'tier', direction: 'asc' }))).toEqual(['Ranker v1', 'Churn v1', 'Classifier v2', 'Classifier v1']);
    expect(labels(sortInventory(rows, { column: 'tier', direction: 'desc' }))).toEqual(['Classifier v2', 'Classifier v1', 'Churn v1', 'Ranker v1']);
    expect(labels(sortInventory(rows, { column: 'serving', direction: 'asc' }))).toEqual(['Classifier v1', 'Ranker v1', 'Classifier v2', 'Churn v1']);
    // Worst gate first: stale (v2) before approved (v1); no gates (ungoverned) last.
    expect(labels(sortInventory(rows, { column: 'gates', direction: 'asc' }))).toEqual(['Classifier v2', 'Classifier v1', 'Ranker v1', 'Churn v1']);
    // Most urgent review first; "not scheduled" last.
    expect(labels(sortInventory(rows, { column: 'review', direction: 'asc' }))).toEqual(['Classifier v1', 'Ranker v1', 'Churn v1', 'Classifier v2']);
    expect(labels(sortInventory(rows, { column: 'aliases', direction: 'asc' }))[0]).toBe('Classifier v1');
  });
});

describe('filterInventory', () => {
  it('filters by words, project, tier, serving status and what needs attention', async () => {
    const rows = await sampleRows();
    expect(labels(filterInventory(rows, NO_FILTER))).toEqual(labels(rows));
    expect(labels(filterInventory(rows, { ...NO_FILTER, text: 'classifier @CHAMPION' }))).toEqual(['Classifier v1']);
    expect(labels(filterInventory(rows, { ...NO_FILTER, text: 'performance stale' }))).toEqual(['Classifier v2']);
    expect(labels(filterInventory(rows, { ...NO_FILTER, text: 'promotion blocked' }))).toEqual(['Classifier v2']);
    expect(labels(filterInventory(rows, { ...NO_FILTER, projectId: 'p-b' }))).toEqual(['Churn v1']);
    expect(labels(filterInventory(rows, { ...NO_FILTER, tier: 'not assessed' }))).toEqual(['Ranker v1']);
    expect(labels(filterInventory(rows, { ...NO_FILTER, serving: 'shadow' }))).toEqual(['Ranker v1']);
    expect(labels(filterInventory(rows, { ...NO_FILTER, needsAttention: true }))).toEqual(['Classifier v2']);
    expect(filterInventory(rows, { ...NO_FILTER, text: 'nothing-like-this' })).toEqual([]);
  });
});
