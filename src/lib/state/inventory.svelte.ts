/**
 * The model inventory page's state: the facts of every project (re-read when anything stored
 * changes), the rows built from them at the page's clock, and the person's sort and filters.
 * The downloads carry the rows as shown.
 */
import { inventoryFacts } from '$lib/db';
import { inventoryRows } from '$lib/core/inventory/inventoryRow';
import { filterInventory, NO_FILTER, sortInventory, type InventoryColumn, type InventoryFilter, type InventorySort } from '$lib/core/inventory/inventoryQuery';
import { inventoryCsv, inventoryJson } from '$lib/core/inventory/inventoryExport';
import type { InventoryProjectFacts } from '$lib/core/inventory/inventoryRow';
import { downloadText } from '$lib/download';
import { nowIso, nowMs } from '$lib/clock';
import { db } from './database.svelte';
import { Live } from './live.svelte';

export class InventoryState {
  readonly facts = new Live<InventoryProjectFacts[] | null>(() => inventoryFacts(db), null);
  sort = $state<InventorySort>({ column: 'project', direction: 'asc' });
  filter = $state<InventoryFilter>({ ...NO_FILTER });

  readonly rows = $derived.by(() => (this.facts.current ? inventoryRows(this.facts.current, nowMs()) : []));
  readonly shown = $derived.by(() => sortInventory(filterInventory(this.rows, this.filter), this.sort));
  readonly projects = $derived.by(() => (this.facts.current ?? []).map((p) => ({ id: p.projectId, name: p.projectName })).sort((a, b) => a.name.localeCompare(b.name)));

  /** A header's button: the same column flips the direction, another starts ascending. */
  sortBy(column: InventoryColumn): void {
    this.sort = this.sort.column === column ? { column, direction: this.sort.direction === 'asc' ? 'desc' : 'asc' } : { column, direction: 'asc' };
  }

  downloadCsv(): void {
    downloadText(inventoryCsv(this.shown), `model-inventory-${nowIso().slice(0, 10)}.csv`, 'text/csv');
  }

  downloadJson(): void {
    downloadText(inventoryJson(this.shown, nowIso()), `model-inventory-${nowIso().slice(0, 10)}.json`, 'application/json');
  }
}
