/**
 * Registering a model package (.zip) in the data worker: unpacking checks and decompresses up to
 * 200 MB, which would freeze the page. The size is checked before the file is read.
 */
import type { LifecycleDatabase } from '$lib/db/database';
import { importModelVersion } from '$lib/db/registry';
import { unpackModel } from '$lib/core/registry/modelPackage';
import { fileSizeProblem } from '$lib/core/fileLimits';
import type { DataRequest, DataResults } from './dataProtocol';

export async function modelImportJob(db: LifecycleDatabase, request: Extract<DataRequest, { type: 'modelImport' }>): Promise<DataResults['modelImport']> {
  const { projectId, file, fileName, by } = request;
  const tooLarge = fileSizeProblem('modelPackage', file.size);
  const unpacked = tooLarge ? { ok: false as const, errors: [tooLarge] } : unpackModel(new Uint8Array(await file.arrayBuffer()));
  if (!unpacked.ok) throw new Error(`${fileName} is not a model package we can read:\n${unpacked.errors.join('\n')}`);
  return importModelVersion(db, { projectId, unpacked: unpacked.value, fileName, by });
}
