/** The page's side of the drift lab worker: one typed call per request. */
import type { LabProgress, LabRequest, LabResults } from './labProtocol';
import { RpcClient, type Call } from './rpc';

const client = new RpcClient<LabRequest, LabProgress, LabResults[LabRequest['type']]>(
  () => new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' }),
  () => 'a drift lab job',
);

export function labCall<T extends LabRequest['type']>(request: Extract<LabRequest, { type: T }>, onProgress?: (progress: LabProgress) => void): Call<LabResults[T]> {
  return client.call(request, onProgress) as Call<LabResults[T]>;
}
