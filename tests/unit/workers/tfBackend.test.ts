import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { backendMeasurements, startBackend } from '$lib/workers/tfBackend';

// Node has no WebGL: the measurement's path where only the CPU can be measured.
describe('startBackend', () => {
  it("'auto' measures both backends once and trains on the CPU, saying WebGL is unavailable", async () => {
    const choice = await startBackend('auto');
    expect(choice).toMatchObject({ backend: 'cpu', by: 'measurement', fallbackReason: null });
    expect(choice.reason).toMatch(/^CPU: [\d.,]+ ms per training step; WebGL is unavailable: /);
    expect(tf.getBackend()).toBe('cpu');
    const measured = await backendMeasurements();
    expect(measured.measurements.map((m) => [m.backend, m.available, m.kernelCheck?.ok ?? null])).toEqual([['cpu', true, true], ['webgl', false, null]]);
    // Kept for the worker's life: a second job does not measure again.
    expect(await backendMeasurements()).toBe(measured);
  }, 60_000);

  it('a person choosing WebGL where it cannot start gets the CPU, with the reason kept for the run', async () => {
    const choice = await startBackend('webgl');
    expect(choice).toMatchObject({ backend: 'cpu', by: 'person' });
    expect(choice.fallbackReason).toMatch(/^WebGL was not used: /);
    expect(await startBackend('cpu')).toEqual({ backend: 'cpu', by: 'person', reason: 'CPU chosen for this run.', fallbackReason: null });
  });
});
