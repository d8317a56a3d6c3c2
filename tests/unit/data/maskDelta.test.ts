import { describe, expect, it } from 'vitest';
import { DatasetState } from '$lib/core/data/datasetState';
import { maskDelta } from '$lib/core/data/maskDelta';

describe('maskDelta', () => {
  it('upserts only rows with personal data, masked, and counts them by kind in its message', () => {
    const state = new DatasetState([
      { key: 'a', text: 'Write to ana@example.com or bo@example.org', label: 'x', meta: {} },
      { key: 'b', text: 'Nothing personal here', label: 'x', meta: {} },
      { key: 'c', text: 'Call me on +44 20 7946 0958', label: null, meta: { channel: 'phone' } },
    ]);
    const change = maskDelta(state);
    expect(change.change).toBe('mask-pii');
    expect(change.delta).toEqual({
      upserts: [
        { key: 'a', text: 'Write to [EMAIL] or [EMAIL]', label: 'x', meta: {} },
        { key: 'c', text: 'Call me on [PHONE]', label: null, meta: { channel: 'phone' } },
      ],
      removedKeys: [],
    });
    expect(change.message).toBe('Masked 2 e-mail addresses and 1 phone number in 2 rows.');
  });

  it('refuses when there is nothing to mask', () => {
    expect(() => maskDelta(new DatasetState([{ key: 'b', text: 'Nothing personal here', label: 'x', meta: {} }]))).toThrow('No personal data was found to mask.');
  });
});
