/**
 * MLflow ids derived from ours, so exporting the same project twice gives the same files (and a
 * team can re-import over an earlier export): a run id is 32 lowercase hex digits (what every
 * MLflow version accepts; `uuid4().hex` in MLflow itself), an experiment id a decimal string like
 * MLflow's own generated ones. Both hash our id with MurmurHash3 (128-bit), namespaced by kind.
 */
import { murmur3String } from '../../data/murmur3';
import { hexOf } from '../../hex';

/** The MLflow run id of one of our runs. */
export function mlflowRunId(projectId: string, runId: string): string {
  return hexOf(murmur3String(`lifecycle-lab/run\u0000${projectId}\u0000${runId}`));
}

/** The experiment id of a project: the first 48 bits of the hash plus one, in decimal (never "0", the Default experiment's). */
export function mlflowExperimentId(projectId: string): string {
  const h = murmur3String(`lifecycle-lab/experiment\u0000${projectId}`);
  let n = 0;
  for (let i = 0; i < 6; i++) n = n * 256 + h[i];
  return String(n + 1);
}
