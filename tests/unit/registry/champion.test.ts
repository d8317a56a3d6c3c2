import { describe, expect, it } from 'vitest';
import { championOf } from '$lib/core/registry/champion';

const v = (id: string, createdAt: string, aliases: string[] = [], archived = false) => ({ id, createdAt, aliases, archived });

describe('championOf', () => {
  it('is the newest registered holder of the champion alias when several models have one, never an archived version', () => {
    expect(championOf([v('a1', '2026-01-01', ['champion']), v('b1', '2026-03-01', ['champion']), v('a2', '2026-04-01', ['challenger'])])?.id).toBe('b1');
    expect(championOf([v('a1', '2026-01-01', ['champion']), v('b1', '2026-03-01', ['champion'], true)])?.id).toBe('a1');
    expect(championOf([v('a1', '2026-01-01', ['challenger'])])).toBeUndefined();
  });
});
