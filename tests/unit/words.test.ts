import { describe, expect, it } from 'vitest';
import { counted, pluralOf } from '$lib/core/words';

describe('counted', () => {
  it('says one thing in the singular and any other count in the plural, grouped the English way', () => {
    expect(counted(1, 'run')).toBe('1 run');
    expect(counted(0, 'run')).toBe('0 runs');
    expect(counted(2, 'box')).toBe('2 boxes');
    expect(counted(3, 'inquiry')).toBe('3 inquiries');
    expect(counted(1200, 'success criterion', 'success criteria')).toBe('1,200 success criteria');
    expect(counted(1, 'success criterion', 'success criteria')).toBe('1 success criterion');
  });

  it('forms the regular plural only where no irregular one is given', () => {
    expect(pluralOf('patch')).toBe('patches');
    expect(pluralOf('day')).toBe('days');
  });
});
