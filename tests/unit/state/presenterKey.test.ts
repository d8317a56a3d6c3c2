/** The facilitator view's keys: N toggles the navigation, Escape brings it back; typing is left alone. */
import { describe, expect, it } from 'vitest';
import { presenterKey } from '../../../src/lib/state/presenterKey';

const key = (k: string, extra: Partial<{ ctrlKey: boolean; target: unknown }> = {}) =>
  presenterKey({ key: k, ctrlKey: false, metaKey: false, altKey: false, target: null, ...extra } as Parameters<typeof presenterKey>[0]);

describe('presenterKey', () => {
  it('toggles on N, shows on Escape, ignores other keys', () => {
    expect(key('n')).toBe('toggle');
    expect(key('N')).toBe('toggle');
    expect(key('Escape')).toBe('show');
    expect(key('m')).toBeNull();
  });

  it('leaves shortcuts and typing in a field alone', () => {
    expect(key('n', { ctrlKey: true })).toBeNull();
    expect(key('n', { target: { tagName: 'INPUT' } })).toBeNull();
    expect(key('Escape', { target: { tagName: 'SELECT' } })).toBeNull();
  });
});
