/** The page's side of the data worker: one typed call for every request, its result typed by the request's `type`. */
import type { DataProgress, DataRequest, DataResults } from './dataProtocol';
import { RpcClient, type Call } from './rpc';

const client = new RpcClient<DataRequest, DataProgress, DataResults[DataRequest['type']]>(
  () => new Worker(new URL('./data.worker.ts', import.meta.url), { type: 'module', name: 'data' }),
  (request) => (request.type === 'parse' || request.type === 'validate' || request.type === 'commit' ? 'an import' : 'a data job'),
);

/** Sends a request; the result is typed by the request's `type`. */
export function dataCall<T extends DataRequest['type']>(
  request: Extract<DataRequest, { type: T }>,
  onProgress?: (progress: DataProgress) => void,
): Call<DataResults[T]> {
  return client.call(request, onProgress) as Call<DataResults[T]>;
}
