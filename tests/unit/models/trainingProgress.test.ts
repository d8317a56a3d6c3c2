import { describe, expect, it } from 'vitest';
import { trainingProgressView, type TrainingProgressFacts } from '$lib/core/models/trainingProgress';

const facts = (p: Partial<TrainingProgressFacts>): TrainingProgressFacts => ({ phase: 'train', epoch: 0, epochs: 50, batch: 0, batches: 0, etaMs: null, backend: 'webgl', ...p });

describe('trainingProgressView', () => {
  it('says "preparing" at 0 % until the first batch, never a negative share or "batch 0 of 0"', () => {
    expect(trainingProgressView(facts({}))).toEqual({ preparing: true, done: 0, total: 50, detail: 'on WebGL' });
    expect(trainingProgressView(facts({ epoch: 1, batches: 0 })).preparing).toBe(true);
  });

  it('counts epochs and batches once training runs, with the time left', () => {
    expect(trainingProgressView(facts({ epoch: 3, batch: 5, batches: 10, etaMs: 11_200, backend: 'cpu' }))).toEqual({
      preparing: false, done: 2.5, total: 50, detail: 'epoch 3 of 50 · batch 5 of 10 · about 12 s left · on the CPU',
    });
  });

  it('is empty before training and full after it', () => {
    expect(trainingProgressView(facts({ phase: 'vectorize', backend: null }))).toEqual({ preparing: false, done: 0, total: 50, detail: '' });
    expect(trainingProgressView(facts({ phase: 'evaluate', epoch: 50, batch: 10, batches: 10 })).done).toBe(50);
  });
});
