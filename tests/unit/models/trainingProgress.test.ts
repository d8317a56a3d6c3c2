import { describe, expect, it } from 'vitest';
import { trainingProgressView, type TrainingProgressFacts } from '$lib/core/models/trainingProgress';
import { trainingLength } from '$lib/core/models/runReport';

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

  it('counts L-BFGS iterations against the cap they usually stop before, without batches', () => {
    expect(trainingProgressView(facts({ unit: 'iteration', epoch: 12, epochs: 100, batch: 1, batches: 1, etaMs: 1_500, backend: 'cpu' }))).toEqual({
      preparing: false, done: 12, total: 100, detail: 'iteration 12 of at most 100 · about 2 s left · on the CPU',
    });
  });

  it('names a stored run\'s length in its own unit', () => {
    expect(trainingLength({ optimizer: 'lbfgs' }, { epochs: 36, bestEpoch: 36 })).toBe('36 L-BFGS iterations');
    expect(trainingLength({ optimizer: 'adam' }, { epochs: 6, bestEpoch: 3 })).toBe('6 epochs (best: 3)');
    expect(trainingLength({ optimizer: 'sgd' }, { epochs: 1, bestEpoch: 1 })).toBe('1 epoch');
    expect(trainingLength({}, {})).toBeNull();
  });

  it('is empty before training and full after it', () => {
    expect(trainingProgressView(facts({ phase: 'vectorize', backend: null }))).toEqual({ preparing: false, done: 0, total: 50, detail: '' });
    expect(trainingProgressView(facts({ phase: 'evaluate', epoch: 50, batch: 10, batches: 10 })).done).toBe(50);
  });
});
