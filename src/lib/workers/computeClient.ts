/** The page's side of the compute worker: one typed call per request. */
import type { BackendReport, ComputeProgress, ComputeProgressOf, ComputeRequest, ComputeResults } from './computeProtocol';
import { RpcClient, type Call } from './rpc';

const client = new RpcClient<ComputeRequest, ComputeProgress, ComputeResults[ComputeRequest['type']]>(
  () => new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' }),
  (request) => (request.type === 'train' || request.type === 'retrain' ? 'a training' : request.type === 'scoreRows' ? 'a scoring job' : 'a compute job'),
);

export function computeCall<T extends ComputeRequest['type']>(
  request: Extract<ComputeRequest, { type: T }>,
  onProgress?: (progress: ComputeProgressOf[T]) => void,
): Call<ComputeResults[T]> {
  // A request's progress messages are those of its own type (the worker's handler sends them).
  return client.call(request, onProgress as ((progress: ComputeProgress) => void) | undefined) as Call<ComputeResults[T]>;
}

/** This device's backend measurement and choice; `again` measures now instead of reading the stored one. */
export function measureBackends(again = false): Promise<BackendReport> {
  return computeCall({ type: 'backends', again }).result;
}
