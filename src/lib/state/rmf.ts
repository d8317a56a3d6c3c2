/** The NIST AI RMF coverage of a project, re-judged whenever its stored evidence changes. */
import { rmfFacts } from '$lib/db';
import { rmfCoverage, type RmfFunctionSummary, type RmfLink } from '$lib/core/governance/rmfCoverage';
import { RMF_CATALOGUE } from '$lib/core/governance/rmfCatalogue';
import { db } from './database.svelte';
import { Live } from './live.svelte';
import { routeHref, stageHref } from './routes';

export function liveRmfCoverage(projectId: string): Live<RmfFunctionSummary[] | null> {
  return new Live(async () => rmfCoverage(RMF_CATALOGUE, await rmfFacts(db, projectId)), null);
}

/** Where the evidence of a subcategory is made, as an address in the app. */
export function rmfLinkHref(projectId: string, link: RmfLink): string {
  return 'page' in link ? routeHref({ name: 'inventory' }) : stageHref(projectId, link.stage, link.view);
}
