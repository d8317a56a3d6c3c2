/**
 * Request/reply over postMessage, shared by every worker: each request carries an id, the
 * worker answers with progress messages and one final reply echoing it. The page side matches
 * replies to requests and can cancel one; stale progress for a finished request is dropped.
 * A failed job's error crosses as text, already translated (core/storage/storageErrors.ts), so a
 * full disk reads as what happened, what was kept and what to do, never "QuotaExceededError".
 */
import { describeStorageError } from '$lib/core/storage/storageErrors';
import { jobStarted } from './runningJobs';

/** Sent by the page. `body` is the operation's own message. */
export type RpcRequest<B> = { id: number; kind: 'call'; body: B } | { id: number; kind: 'cancel' };

/** Sent by the worker. */
export type RpcReply<P, R> =
  | { id: number; kind: 'progress'; progress: P }
  | { id: number; kind: 'done'; result: R }
  | { id: number; kind: 'error'; message: string; cancelled?: boolean };

export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

export interface Call<R> {
  result: Promise<R>;
  cancel(): void;
}

/** The page's side of one worker. */
export class RpcClient<B, P, R> {
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (r: R) => void; reject: (e: Error) => void; onProgress?: (p: P) => void }>();
  readonly #create: () => Worker;
  readonly #jobName: (body: B) => string;

  /** `jobName` names a call in the running jobs an update waits for (runningJobs.ts). */
  constructor(create: () => Worker, jobName: (body: B) => string) {
    this.#create = create;
    this.#jobName = jobName;
  }

  call(body: B, onProgress?: (progress: P) => void, transfer: Transferable[] = []): Call<R> {
    const id = this.#nextId++;
    const worker = this.#ensure();
    const ended = jobStarted(this.#jobName(body));
    const result = new Promise<R>((resolve, reject) => this.#pending.set(id, { resolve, reject, onProgress }));
    void result.then(ended, ended);
    worker.postMessage({ id, kind: 'call', body } satisfies RpcRequest<B>, transfer);
    return { result, cancel: () => worker.postMessage({ id, kind: 'cancel' } satisfies RpcRequest<B>) };
  }

  terminate(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#failAll('The background worker was stopped.');
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#create();
    worker.onmessage = (event: MessageEvent<RpcReply<P, R>>) => {
      const reply = event.data;
      const entry = this.#pending.get(reply.id);
      if (!entry) return; // finished or cancelled: drop
      if (reply.kind === 'progress') {
        entry.onProgress?.(reply.progress);
        return;
      }
      this.#pending.delete(reply.id);
      if (reply.kind === 'done') entry.resolve(reply.result);
      else entry.reject(reply.cancelled ? new CancelledError() : new Error(reply.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#failAll(event.message ? describeStorageError(new Error(event.message)) : 'The background worker failed.');
      this.#worker = null;
      worker.terminate();
    };
    this.#worker = worker;
    return worker;
  }

  #failAll(message: string): void {
    for (const entry of this.#pending.values()) entry.reject(new Error(message));
    this.#pending.clear();
  }
}

/** Context handed to a worker-side handler. */
export interface RpcContext<P> {
  progress(progress: P): void;
  /** True once the page asked to cancel this request. */
  readonly cancelled: boolean;
  /** Throws CancelledError when cancelled: call between steps of a long job. */
  throwIfCancelled(): void;
}

/** Where a worker receives requests and posts replies (its global scope). */
export type RpcScope = { onmessage: ((event: MessageEvent) => unknown) | null; postMessage(message: unknown, transfer?: Transferable[]): void };

/** The worker's side: runs `handle` per request and posts the reply. */
export function serveRpc<B, P, R>(
  scope: RpcScope,
  handle: (body: B, context: RpcContext<P>) => Promise<R> | R,
  transferOf: (result: R) => Transferable[] = () => [],
): void {
  const cancelled = new Set<number>();
  scope.onmessage = async (event: MessageEvent<RpcRequest<B>>) => {
    const request = event.data;
    if (request.kind === 'cancel') {
      cancelled.add(request.id);
      return;
    }
    const { id } = request;
    const context: RpcContext<P> = {
      progress: (progress) => scope.postMessage({ id, kind: 'progress', progress } satisfies RpcReply<P, R>),
      get cancelled() {
        return cancelled.has(id);
      },
      throwIfCancelled() {
        if (cancelled.has(id)) throw new CancelledError();
      },
    };
    try {
      const result = await handle(request.body, context);
      scope.postMessage({ id, kind: 'done', result } satisfies RpcReply<P, R>, transferOf(result));
    } catch (error) {
      // A job that fails after its cancel arrived was stopped by the cancel (whatever error the
      // job's own code raised for it), so the page hears "cancelled".
      const isCancel = error instanceof CancelledError || (error as { name?: string })?.name === 'CancelledError' || cancelled.has(id);
      const message = describeStorageError(error, { keepText: true });
      scope.postMessage({ id, kind: 'error', message, cancelled: isCancel } satisfies RpcReply<P, R>);
    } finally {
      cancelled.delete(id);
    }
  };
}

/** A worker's handler table: one handler per request `type`, typed by its request and its result. */
export type HandlerTable<B extends { type: string }, P, Results extends { [T in B['type']]: unknown }> = {
  [T in B['type']]: (body: Extract<B, { type: T }>, context: RpcContext<P>) => Promise<Results[T]> | Results[T];
};

/** serveRpc through a handler table: each request goes to the handler of its `type`. */
export function serveHandlers<B extends { type: string }, P, Results extends { [T in B['type']]: unknown }>(
  scope: RpcScope,
  handlers: HandlerTable<B, P, Results>,
  transferOf?: (result: Results[B['type']]) => Transferable[],
): void {
  type Handler = (body: B, context: RpcContext<P>) => Promise<Results[B['type']]> | Results[B['type']];
  serveRpc<B, P, Results[B['type']]>(scope, (body, context) => (handlers[body.type as B['type']] as Handler)(body, context), transferOf);
}
