/** The page's side of the compute worker. */
import type { BackendName, BackendReport, ComputeRequest } from './computeProtocol';
import { RpcClient } from './rpc';

const client = new RpcClient<ComputeRequest, never, BackendReport>(
  () => new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
);

/** Starts TF.js in the worker and reports which backend really runs. */
export function probeBackend(preferred: BackendName = 'webgl'): Promise<BackendReport> {
  return client.call({ type: 'probe', preferred }).result;
}
