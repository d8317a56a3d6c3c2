import { describe, expect, it } from 'vitest';
import { servedDefault } from '$lib/core/registry/servedDefault';

const v = (id: string, aliases: string[] = []) => ({ id, aliases, createdAt: '2026-01-01' });
const any = () => true;

describe('servedDefault', () => {
  it('follows the champion alias until the person chooses', () => {
    expect(servedDefault([v('1', ['champion']), v('2')], null, any)).toBe('1');
    // The alias moved to version 2: the default moves with it.
    expect(servedDefault([v('1'), v('2', ['champion'])], null, any)).toBe('2');
  });

  it('keeps the person’s choice while it may be deployed', () => {
    expect(servedDefault([v('1'), v('2', ['champion'])], '1', any)).toBe('1');
    expect(servedDefault([v('1'), v('2', ['champion'])], '1', (x) => x.id !== '1')).toBe('2');
    expect(servedDefault([v('1'), v('2', ['champion'])], 'gone', any)).toBe('2');
  });

  it('without a deployable champion, offers the first version that may be deployed, or none', () => {
    expect(servedDefault([v('1'), v('2', ['champion']), v('3')], null, (x) => x.id === '3')).toBe('3');
    expect(servedDefault([v('1')], null, () => false)).toBeNull();
    expect(servedDefault([], null, any)).toBeNull();
  });
});
