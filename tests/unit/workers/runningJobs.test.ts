import { describe, expect, it } from 'vitest';
import { RpcClient, type RpcReply, type RpcRequest } from '$lib/workers/rpc';
import { onJobsChange, runningJobs } from '$lib/workers/runningJobs';

type Body = { type: 'train' | 'query' };

/** A worker stand-in: keeps the requests, answers when told. */
function fakeWorker() {
  const sent: RpcRequest<Body>[] = [];
  const worker = {
    onmessage: null as ((event: MessageEvent) => void) | null,
    onerror: null,
    postMessage: (message: RpcRequest<Body>) => sent.push(message),
    terminate: () => undefined,
  };
  const reply = (message: RpcReply<never, string>) => worker.onmessage!({ data: message } as MessageEvent);
  return { worker: worker as unknown as Worker, sent, reply };
}

describe('the running jobs an update waits for', () => {
  it('count each worker call from its request to its reply, by the name the client gives it', async () => {
    const fake = fakeWorker();
    const client = new RpcClient<Body, never, string>(() => fake.worker, (body) => (body.type === 'train' ? 'a training' : 'a data job'));
    const changes: string[][] = [];
    const stop = onJobsChange(() => changes.push(runningJobs()));
    const training = client.call({ type: 'train' });
    const query = client.call({ type: 'query' });
    expect(runningJobs()).toEqual(['a training', 'a data job']);
    fake.reply({ id: fake.sent[1].id, kind: 'done', result: 'rows' });
    await query.result;
    expect(runningJobs()).toEqual(['a training']);
    fake.reply({ id: fake.sent[0].id, kind: 'error', message: 'stopped', cancelled: true });
    await expect(training.result).rejects.toThrow();
    expect(runningJobs()).toEqual([]);
    stop();
    expect(changes).toEqual([['a training'], ['a training', 'a data job'], ['a training'], []]);
  });

  it('end when the worker dies', async () => {
    const fake = fakeWorker();
    const client = new RpcClient<Body, never, string>(() => fake.worker, () => 'a training');
    const call = client.call({ type: 'train' });
    client.terminate();
    await expect(call.result).rejects.toThrow('The background worker was stopped.');
    expect(runningJobs()).toEqual([]);
  });
});
