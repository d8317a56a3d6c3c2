import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { serveHandlers, serveRpc, type RpcReply } from '$lib/workers/rpc';

/** Runs one request through serveRpc with a job that throws `error`; returns the reply posted. */
async function replyTo(error: unknown): Promise<RpcReply<never, never>> {
  const posted: RpcReply<never, never>[] = [];
  const scope = { onmessage: null as ((event: MessageEvent) => unknown) | null, postMessage: (m: unknown) => void posted.push(m as RpcReply<never, never>) };
  serveRpc(scope, () => {
    throw error;
  });
  await scope.onmessage!({ data: { id: 1, kind: 'call', body: {} } } as MessageEvent);
  return posted[0];
}

describe('worker errors reach the page translated', () => {
  it('a full disk reads as what happened, what was kept and what to do, never the raw error', async () => {
    const aborted = new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError');
    for (const error of [
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      new Dexie.BulkError('rowBlocks.bulkAdd(): 4 of 8 operations failed', { 0: aborted, 1: aborted }),
      '/: QuotaExceededError',
    ]) {
      const reply = await replyTo(error);
      expect(reply.kind).toBe('error');
      const message = reply.kind === 'error' ? reply.message : '';
      expect(message).toContain('everything saved before is kept');
      expect(message).not.toMatch(/QuotaExceededError|bulkAdd/);
    }
  });

  it('other errors keep their message, thrown strings included', async () => {
    expect(await replyTo(new Error('No file is waiting to be imported.'))).toMatchObject({ kind: 'error', message: 'No file is waiting to be imported.' });
    expect(await replyTo('plain text')).toMatchObject({ kind: 'error', message: 'plain text' });
  });
});

describe('a handler table', () => {
  it('answers each request with the handler of its type, progress and result under the request id', async () => {
    type Request = { type: 'double'; n: number } | { type: 'greet'; name: string };
    const posted: unknown[] = [];
    const scope = { onmessage: null as ((event: MessageEvent) => unknown) | null, postMessage: (m: unknown) => void posted.push(m) };
    serveHandlers<Request, string, { double: number; greet: string }>(scope, {
      double: ({ n }, ctx) => {
        ctx.progress('doubling');
        return n * 2;
      },
      greet: async ({ name }) => `Hello, ${name}`,
    });
    await scope.onmessage!({ data: { id: 1, kind: 'call', body: { type: 'double', n: 21 } } } as MessageEvent);
    await scope.onmessage!({ data: { id: 2, kind: 'call', body: { type: 'greet', name: 'Ana' } } } as MessageEvent);
    expect(posted).toEqual([
      { id: 1, kind: 'progress', progress: 'doubling' },
      { id: 1, kind: 'done', result: 42 },
      { id: 2, kind: 'done', result: 'Hello, Ana' },
    ]);
  });
});
