import { describe, expect, it } from 'vitest';
import { intervalWords, metricAxis } from '../../../src/lib/charts/units';

describe('chart units', () => {
  it('names the interval one point covers', () => {
    expect(intervalWords(60_000)).toBe('minute');
    expect(intervalWords(900_000)).toBe('15 minutes');
    expect(intervalWords(3_600_000)).toBe('hour');
    expect(intervalWords(86_400_000)).toBe('day');
  });

  it('reads ratio metrics on [0, 1] and latencies in ms', () => {
    expect(metricAxis('test.accuracy')).toEqual({ label: 'Accuracy (0–1)', domain: [0, 1] });
    expect(metricAxis('test.latency_p99_ms').label).toMatch(/p99 latency \(ms\)/i);
    expect(metricAxis('test.latency_p99_ms').domain).toBeUndefined();
    expect(metricAxis('something.else')).toEqual({ label: 'something.else' });
  });
});
