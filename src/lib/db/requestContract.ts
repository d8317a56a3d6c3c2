/**
 * A project's request contract: read with the text-field order the endpoint joins fields in,
 * suggested from the served model's training data, and saved with an audit entry.
 */
import type { LifecycleDatabase } from './database';
import { appendAudit } from './audit';
import { loadDatasetState, latestDatasetVersion } from './datasets';
import { activeDeployment } from './deployments';
import {
  describeRequestContract,
  requestContractOf,
  requestContractProblem,
  suggestRequestContract,
  textFieldOrder,
  type RequestContract,
} from '$lib/core/serving/requestContract';

/** What the endpoint needs to read a project's requests: its contract and the order of its text fields. */
export interface RequestShape {
  contract: RequestContract | null;
  textFields: string[];
}

export async function getRequestShape(db: LifecycleDatabase, projectId: string): Promise<RequestShape> {
  const contract = requestContractOf(await db.projects.get(projectId));
  const newest = contract ? undefined : await latestDatasetVersion(db, projectId);
  return { contract, textFields: textFieldOrder(contract, newest?.schema) };
}

export async function getRequestContract(db: LifecycleDatabase, projectId: string): Promise<RequestContract | null> {
  return requestContractOf(await db.projects.get(projectId));
}

/**
 * A contract suggested from the training rows of the served version (else the champion, else the
 * newest dataset version), and where it came from in words.
 */
export async function suggestContractFromTraining(db: LifecycleDatabase, projectId: string): Promise<{ contract: RequestContract; source: string }> {
  const deployment = await activeDeployment(db, projectId);
  const versions = await db.modelVersions.where('projectId').equals(projectId).toArray();
  const model = (deployment && versions.find((v) => v.id === deployment.modelVersionId)) ?? versions.find((v) => v.aliases.includes('champion'));
  const dataset = model ? await db.datasetVersions.get(model.datasetVersionId) : await latestDatasetVersion(db, projectId);
  if (!dataset) throw new Error('This project has no data to suggest a contract from.');
  const rows = (await loadDatasetState(db, dataset.id)).rows;
  const train = rows.filter((r) => r.split === 'train');
  const used = model && train.length > 0 ? train : rows;
  const contract = suggestRequestContract(used, dataset.schema);
  if (contract.fields.length === 0) throw new Error(`Dataset v${dataset.number} has no text columns to make fields of.`);
  const what = model ? `the training rows of ${model.modelName} v${model.version} (dataset v${dataset.number}${used === train ? ', train split' : ''})` : `dataset v${dataset.number}`;
  return { contract, source: `${used.length.toLocaleString('en-US')} rows: ${what}` };
}

/** Saves (or with null removes) the contract, audited at `nowMs`; refused with the reason when invalid (nothing changes). */
export async function setRequestContract(db: LifecycleDatabase, projectId: string, contract: RequestContract | null, nowMs: number, actor = 'you'): Promise<void> {
  const problem = contract ? requestContractProblem(contract) : null;
  if (problem) throw new Error(problem);
  await db.transaction('rw', [db.projects, db.auditLog], async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('That project no longer exists.');
    const at = new Date(nowMs).toISOString();
    const saved = contract ? { enabled: contract.enabled, fields: contract.fields.map((f) => ({ ...f })) } : undefined;
    await db.projects.update(projectId, { requestContract: saved, updatedAt: at });
    await appendAudit(db, {
      projectId,
      actor,
      action: 'deploy.request-contract',
      detail: saved ? `Request contract ${saved.enabled ? 'on' : 'saved, off'}: ${describeRequestContract(saved)}` : 'Request contract removed',
      refs: {},
      at,
    });
  });
}
