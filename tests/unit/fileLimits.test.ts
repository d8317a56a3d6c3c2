import { describe, expect, it } from 'vitest';
import { FILE_SIZE_LIMITS, fileSizeProblem } from '$lib/core/fileLimits';

const MB = 1024 * 1024;

describe('fileSizeProblem', () => {
  it('reads a snapshot up to 256 MB and refuses the 630 MB file of the report with both sizes', () => {
    expect(FILE_SIZE_LIMITS.snapshot).toBe(256 * MB);
    expect(fileSizeProblem('snapshot', 256 * MB)).toBeNull();
    expect(fileSizeProblem('snapshot', 0)).toBeNull();
    expect(fileSizeProblem('snapshot', 256 * MB + 1)).toMatch(/too large/);
    expect(fileSizeProblem('snapshot', 630 * MB)).toBe('the file is too large to read: 630.0 MB, and at most 256.0 MB is read.');
  });

  it('has a limit for each kind of file the page hands over', () => {
    expect(fileSizeProblem('modelPackage', 200 * MB)).toBeNull();
    expect(fileSizeProblem('modelPackage', 201 * MB)).toBe('the file is too large to read: 201.0 MB, and at most 200.0 MB is read.');
    expect(fileSizeProblem('outcomesCsv', 64 * MB)).toBeNull();
    expect(fileSizeProblem('outcomesCsv', 65 * MB)).toMatch(/65\.0 MB, and at most 64\.0 MB/);
    expect(fileSizeProblem('datasetCsv', 512 * MB)).toBeNull();
    expect(fileSizeProblem('datasetCsv', 700 * MB)).toBe('the file is too large to read: 700.0 MB, and at most 512.0 MB is read.');
  });
});
