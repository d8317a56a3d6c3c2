/**
 * Is a file text at all? Checked on the decoded start of the file before parsing, so that a
 * spreadsheet workbook, an archive or an image is refused with a reason instead of becoming
 * thousands of garbled records (random bytes "parse" as CSV without a single error).
 * Checked on decoded text, not bytes, so UTF-16 (a NUL in every ASCII character's bytes) passes.
 */

/** Share of control characters above which a sample is not text (real CSVs have next to none). */
export const MAX_CONTROL_SHARE = 0.05;

export interface BinaryEvidence {
  /** NUL characters in the sample. */
  nul: number;
  /** Control characters other than tab, line feed, carriage return and form feed, NUL included (C0, DEL and C1). */
  controls: number;
  /** Characters in the sample. */
  chars: number;
}

export function binaryEvidence(sample: string): BinaryEvidence {
  let nul = 0;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) nul++;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c <= 0x9f)) controls++;
  }
  return { nul, controls, chars: sample.length };
}

/**
 * Why the decoded sample (the start of a file) is not text, or null if it is: any NUL character,
 * or more than `MAX_CONTROL_SHARE` control characters.
 */
export function notTextReason(sample: string, sampleBytes: number): string | null {
  const e = binaryEvidence(sample);
  const where = `its first ${formatKiB(sampleBytes)}`;
  const advice = 'It may be a spreadsheet workbook, an archive or an image: save the data as CSV (text) and choose that file.';
  if (e.nul > 0) return `This file is not text: ${where} contain ${e.nul.toLocaleString('en-US')} NUL characters (zero bytes), which text files never have. ${advice}`;
  if (e.chars > 0 && e.controls / e.chars > MAX_CONTROL_SHARE) {
    const pct = Math.round((e.controls / e.chars) * 100);
    return `This file is not text: ${pct} % of the characters in ${where} are control characters. ${advice}`;
  }
  return null;
}

function formatKiB(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KiB`;
}
