import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { timeTrainingStep } from '$lib/core/compute/trainingStep';

describe('timeTrainingStep', () => {
  it('times the softmax step on the CPU backend without leaking tensors', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    const timing = await timeTrainingStep({ now: () => performance.now() });
    expect(timing.stoppedEarly).toBe(false);
    expect(timing.ms).toBeGreaterThan(0);
    expect(timing.ms).toBeLessThan(performance.now() - t0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops once past its deadline, reporting the time spent', async () => {
    let clock = 0;
    // Every reading of the clock advances it 100 ms: the first step already passes a 50 ms deadline.
    const timing = await timeTrainingStep({ rows: 50, cols: 40, now: () => (clock += 100), deadlineMs: 50 });
    expect(timing).toEqual({ stoppedEarly: true, ms: expect.any(Number) });
    expect(timing.ms).toBeGreaterThan(50);
  });
});
