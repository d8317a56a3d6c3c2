/** Inventory facts for the core tests: a governed project with model versions, built with the governance fixtures. */
import type { InventoryProjectFacts, InventoryVersionFacts } from '$lib/core/inventory/inventoryRow';
import type { ModelVersionFacts } from '$lib/core/governance/facts';
import { empty, modelFacts } from '../governance/fixtures';

export function versionFacts(overrides: Partial<ModelVersionFacts> = {}, more: Partial<Omit<InventoryVersionFacts, 'facts'>> = {}): InventoryVersionFacts {
  return {
    facts: { kind: 'model-version', facts: modelFacts(overrides) },
    aliases: [],
    archived: false,
    createdAt: '2026-03-01T00:00:00.000Z',
    deprecatedSunset: null,
    retired: false,
    ...more,
  };
}

export function projectFacts(overrides: Partial<InventoryProjectFacts> = {}): InventoryProjectFacts {
  return { projectId: 'p-1', projectName: 'Tickets', tier: null, policy: null, records: empty(), versions: [versionFacts()], traffic: [], drift: [], ...overrides };
}
