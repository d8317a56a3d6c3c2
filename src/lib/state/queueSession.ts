/**
 * What the labelling queue keeps for the browser session, outside any page (the Data page may
 * close and open again): the model's scores by model run and dataset version, and the labels given
 * or kept since, by project and row. Neither is rendered directly, so plain Maps.
 */
import type { RowScores } from '$lib/workers/computeProtocol';

export const sessionScores = new Map<string, RowScores>();

export const scoreKey = (runId: string, versionId: string) => `${runId} ${versionId}`;

/** Labels given or kept in this session: scores carried over to a newer version hold the labels they were scored with. */
export const sessionLabels = new Map<string, Map<string, string | null>>();

export function noteSessionLabel(projectId: string, key: string, label: string | null): void {
  const mine = sessionLabels.get(projectId);
  if (mine) mine.set(key, label);
  else sessionLabels.set(projectId, new Map([[key, label]]));
}
