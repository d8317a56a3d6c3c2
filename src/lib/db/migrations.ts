/**
 * Upgrade functions, one per schema version. Each takes the data as the previous version left
 * it and must keep every record: what cannot be converted is carried along, never dropped.
 */
import type { Transaction } from 'dexie';
import { parseCriterion, type SuccessCriterion } from '$lib/core/lifecycle/criteria';
import type { DataRow } from '$lib/core/data/dataset';
import { toBlocks } from './rowBlocks';
import { addRequest, bucketStart, BASE_BUCKET_MS, type MetricBucket } from '$lib/core/monitor/buckets';

/** v1 → v2: backfill `projects.updatedAt`; turn free-text criteria into structured ones. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('projects')
    .toCollection()
    .modify((p: { createdAt: string; updatedAt?: string }) => {
      p.updatedAt ??= p.createdAt;
    });
  await tx
    .table('canvases')
    .toCollection()
    .modify((c: { criteriaText?: string[]; criteria?: SuccessCriterion[]; unparsedCriteria?: string[]; crispPhase?: string }) => {
      const criteria: SuccessCriterion[] = c.criteria ?? [];
      const unparsed: string[] = [];
      (c.criteriaText ?? []).forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = parseCriterion(line, `migrated-${i + 1}`);
        if (parsed.ok) criteria.push(parsed.criterion);
        else unparsed.push(line);
      });
      c.criteria = criteria;
      if (unparsed.length) c.unparsedCriteria = unparsed;
      c.crispPhase ??= 'business-understanding';
      delete c.criteriaText;
    });
}

/**
 * v2 → v3: every existing dataset version stored all its rows, so each is a full version; its
 * rows move from one record each into blocks (v4 then drops the old table).
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  const rowsByVersion = new Map<string, { index: number; row: DataRow }[]>();
  await tx.table('rows').each((r: DataRow & { id?: number; datasetVersionId: string; index: number }) => {
    const { id: _id, datasetVersionId, index, ...row } = r;
    const list = rowsByVersion.get(datasetVersionId) ?? [];
    list.push({ index, row });
    rowsByVersion.set(datasetVersionId, list);
  });
  for (const [versionId, list] of rowsByVersion) {
    list.sort((a, b) => a.index - b.index);
    await tx.table('rowBlocks').bulkAdd([...toBlocks(versionId, list.map((x) => x.row))]);
  }
  const imports = new Map<string, string>();
  await tx.table('imports').each((i: { id: string; source: string }) => imports.set(i.id, i.source));
  await tx
    .table('datasetVersions')
    .toCollection()
    .modify((v: Record<string, unknown>) => {
      v.storage ??= 'full';
      v.baseId ??= null;
      v.depth ??= 0;
      v.storedRows ??= v.rowCount;
      v.removedKeys ??= [];
      v.change ??= String(imports.get(v.importId as string) ?? '').startsWith('generator:') ? 'generate' : 'import';
    });
}

/** v4 → v5: logs written before prediction ids existed get one from their row number. */
export async function upgradeToV5(tx: Transaction): Promise<void> {
  await tx
    .table('predictionLogs')
    .toCollection()
    .modify((log: { id: number; predictionId?: string }) => {
      log.predictionId ??= `p-row-${log.id}`;
    });
}

/**
 * v5 → v6: minute buckets gain request counts. Until now the endpoint logged only 200 answers to
 * predict, one log per text, and a request's texts share its time and deployment: each distinct
 * (time, deployment) among the served logs of a minute was one request. (Two requests in the same
 * millisecond count as one; buckets without logs keep no request counts.)
 */
export async function upgradeToV6(tx: Transaction): Promise<void> {
  const requests = new Map<string, Map<number, Map<string, { at: string; modelVersionId: string }>>>();
  await tx.table('predictionLogs').each((log: { projectId: string; at: string; deploymentId: string; modelVersionId: string; route?: string }) => {
    if (log.route === 'shadow') return;
    const start = bucketStart(Date.parse(log.at), BASE_BUCKET_MS);
    let minutes = requests.get(log.projectId);
    if (!minutes) requests.set(log.projectId, (minutes = new Map()));
    let seen = minutes.get(start);
    if (!seen) minutes.set(start, (seen = new Map()));
    seen.set(`${log.at}\u0000${log.deploymentId}`, { at: log.at, modelVersionId: log.modelVersionId });
  });
  await tx
    .table('metricBuckets')
    .toCollection()
    .modify((record: { projectId: string; start: number; bucket: MetricBucket }) => {
      for (const { at, modelVersionId } of requests.get(record.projectId)?.get(record.start)?.values() ?? []) {
        addRequest(record.bucket, { at, route: '/api/v1/predict', status: 200, modelVersionId });
      }
    });
}

/** Model files as v6 stored them, per run (`runArtifacts`) and per version (`artifacts`). */
interface V6ModelFiles {
  modelTopology: unknown;
  weightSpecs: unknown;
  weightData: ArrayBuffer;
  vectorizer: unknown;
}

/** The same model: equal weights byte for byte, equal topology, weight specs and vectorizer. */
function sameV6Files(a: V6ModelFiles, b: V6ModelFiles): boolean {
  if (a.weightData.byteLength !== b.weightData.byteLength) return false;
  const x = new Uint8Array(a.weightData);
  const y = new Uint8Array(b.weightData);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  const json = (f: V6ModelFiles) => JSON.stringify([f.modelTopology, f.weightSpecs, f.vectorizer]);
  return json(a) === json(b);
}

/**
 * v6 → v7: a model's files are kept once, with its run. Registering a run copied the run's files
 * into `artifacts` under the new version's id; an imported package wrote its files there only.
 * Per version copy, in version-id order: when its run has no files yet, the copy becomes the run's
 * (an imported package); when the run has the same files, the copy is dropped (a registered run).
 * A copy that fits neither — its version is gone, or it differs from its run's files — is carried
 * along in `runArtifacts` under the key `version:<its version id>`, never dropped. Self-contained
 * on purpose (no repository helpers): later changes to them must not change what this upgrade did.
 */
export async function upgradeToV7(tx: Transaction): Promise<void> {
  const runOf = new Map<string, string>();
  await tx.table('modelVersions').each((v: { id: string; runId: string }) => runOf.set(v.id, v.runId));
  const runFiles = tx.table('runArtifacts');
  // One copy at a time: weights can be megabytes each.
  for (const versionId of (await tx.table('artifacts').toCollection().primaryKeys()) as string[]) {
    const copy = (await tx.table('artifacts').get(versionId)) as V6ModelFiles & { modelVersionId: string };
    const { modelVersionId: _versionId, ...files } = copy;
    const runId = runOf.get(versionId);
    const stored = runId === undefined ? undefined : ((await runFiles.get(runId)) as V6ModelFiles | undefined);
    if (runId !== undefined && !stored) await runFiles.add({ ...files, runId });
    else if (!stored || !sameV6Files(stored, files)) await runFiles.add({ ...copy, runId: `version:${versionId}` });
  }
}
