/**
 * The page's side of the compute worker: one worker, requests matched to replies by id.
 */
import type { BackendName, BackendReport, ComputeReply, ComputeRequest } from './computeProtocol';

type Pending = { resolve: (reply: ComputeReply) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' });
    worker.onmessage = (event: MessageEvent<ComputeReply>) => {
      const entry = pending.get(event.data.id);
      pending.delete(event.data.id);
      entry?.resolve(event.data);
    };
    worker.onerror = (event) => {
      for (const [id, entry] of pending) entry.resolve({ type: 'error', id, message: event.message || 'The compute worker failed.' });
      pending.clear();
    };
  }
  return worker;
}

function request(message: Omit<ComputeRequest, 'id'>): Promise<ComputeReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, { resolve });
    getWorker().postMessage({ ...message, id } as ComputeRequest);
  });
}

/** Starts TF.js in the worker and reports which backend really runs. */
export async function probeBackend(preferred: BackendName = 'webgl'): Promise<BackendReport> {
  const reply = await request({ type: 'probe', preferred });
  if (reply.type === 'error') throw new Error(reply.message);
  return reply.report;
}
