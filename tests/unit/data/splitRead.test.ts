import { describe, expect, it } from 'vitest';
import { createRng, pick, randomInt, type Rng } from '$lib/core/random';
import { parseCsv, type CsvParseOptions, type Delimiter } from '$lib/core/data/csvParse';
import type { CsvRecordCollector } from '$lib/core/data/csvRecords';
import { plausibleDateRange } from '$lib/core/data/plausibleDates';
import { StreamedValidation } from '$lib/core/data/streamedValidation';
import {
  blobBytes, findCut, lineAt, readSecondPart, secondPartTask, takingIn, type SecondPartBatch, type SecondPartEnd, type SecondPartTask,
} from '$lib/core/data/splitRead';

const dates = plausibleDateRange(1990, '2026-12-04T00:00:00.000Z');

/** Everything the import job takes from a read: the collector's counts, the drafts, the report, the default outcome. */
async function importOf(bytes: Uint8Array<ArrayBuffer>, chunkSize: number, split?: { cut: number; mangle?: (b: SecondPartBatch) => void }) {
  const file = new Blob([bytes]);
  const streamed = new StreamedValidation(dates);
  let delimiter: Delimiter = ',';
  let task: SecondPartTask | null = null;
  const batches: SecondPartBatch[] = [];
  let end: SecondPartEnd | null = null;
  const skip = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const options: CsvParseOptions = {
    chunkSize,
    onOpened: (o) => (delimiter = o.delimiter),
    onChunk: (c: CsvRecordCollector) => {
      streamed.follow(c);
      if (split && !task) task = secondPartTask(c, streamed, split.cut, skip, delimiter);
    },
  };
  if (split) {
    options.pauseAt = {
      byte: split.cut,
      take: async (clean) => {
        if (!clean || !task) return false;
        // As the worker's messages carry them: a structured clone (a draft and its malformed record stay one object).
        end = await readSecondPart(file, task, (b) => batches.push(structuredClone(b)), () => undefined);
        return true;
      },
    };
  }
  const result = await parseCsv(file, options);
  const { collector } = result;
  let replacements = result.decoding?.replacements ?? 0;
  if (result.taken) {
    for (const b of batches) split?.mangle?.(b);
    for (const _ of takingIn(collector, streamed, batches, end!));
    replacements += end!.replacements;
  }
  const report = streamed.mapping && streamed.reportFor(collector.count, streamed.mapping, dates);
  const outcome = streamed.takeOutcome();
  let applied = null;
  let contentHash = '';
  if (report && outcome) {
    const steps = outcome.finishing(report, streamed.drafts);
    let step = steps.next();
    while (!step.done) step = steps.next();
    applied = step.value;
    contentHash = outcome.state.contentHash;
  }
  return {
    taken: result.taken,
    shape: {
      header: collector.header, headerLine: collector.headerLine, count: collector.count, malformed: collector.malformed, blankLines: collector.blankLines,
      unclosedQuote: collector.unclosedQuote, nextLine: collector.nextLine, replacements, delimiter: result.delimiter,
      mapping: streamed.mapping, preview: streamed.preview, drafts: streamed.drafts, report, applied, contentHash,
    },
  };
}

/** A random messy file: quoted multi-line fields, stray and unclosed quotes, blank lines, malformed rows, duplicates, label variants, odd ids and dates, non-ASCII. */
function messyFile(rng: Rng, records: number): { text: string; bytes: Uint8Array<ArrayBuffer> } {
  const newline = pick(rng, ['\n', '\r\n', '\r']);
  const delimiter = pick(rng, [',', ';']);
  const texts = ['Refund please', 'login fails', 'Café ouvert', 'Plan ☃ broken', 'Crash 😀 again', 'same text', 'Same  TEXT', '', ' ', 'a "quoted" word'];
  const labels = ['Billing', 'billing', 'BILLING ', 'Technical', '', 'Général'];
  const dateCells = ['2026-01-05', '2025-03-01T10:00:00Z', '', 'not a date', '1850-06-01', '9999-12-31', '01/02/2026', '2024-05-05 08:15'];
  const quoteCell = (s: string) => `"${s.replaceAll('"', '""')}"`;
  const lines: string[] = [['id', 'text', 'label', 'created', 'channel'].join(delimiter)];
  for (let i = 0; i < records; i++) {
    const id = pick(rng, [String(i), String(i), String(randomInt(rng, 0, i + 1)), '', `row-${randomInt(rng, 1, records * 2)}`, ` ${i} `]);
    let text = pick(rng, texts) + (rng() < 0.5 ? ` ${randomInt(rng, 0, 20)}` : '');
    if (rng() < 0.15) text += `${newline}second line${pick(rng, ['\n', '\r\n', '\r'])}third`;
    let textCell = /[",;\r\n]/.test(text) ? quoteCell(text) : text;
    if (rng() < 0.03) textCell = `"${text} "stray" quote"`; // a stray quote inside a quoted field
    if (rng() < 0.03) textCell = `plain "quote in" field`; // a quote inside an unquoted field is text
    const fields = [id, textCell, pick(rng, labels), pick(rng, dateCells), pick(rng, ['email', 'chat', 'phone'])];
    if (rng() < 0.03) fields.pop();
    if (rng() < 0.03) fields.push('extra');
    lines.push(fields.join(delimiter));
    if (rng() < 0.03) lines.push('');
  }
  if (rng() < 0.1) lines.push(`99,"never closed${newline}more`);
  let text = lines.join(newline) + (rng() < 0.7 ? newline : '');
  if (rng() < 0.1) text = '\ufeff' + text;
  let bytes = new TextEncoder().encode(text);
  if (rng() < 0.1) {
    // A byte that is not UTF-8 somewhere.
    const at = randomInt(rng, 0, bytes.length);
    bytes = Uint8Array.from([...bytes.subarray(0, at), 0xff, ...bytes.subarray(at)]);
  }
  return { text, bytes };
}

/** Byte offsets just after a line break (where a cut is guessed), and a few anywhere. */
function cutsOf(rng: Rng, bytes: Uint8Array, from: number, count: number): number[] {
  const breaks: number[] = [];
  for (let i = from; i < bytes.length - 1; i++) if (bytes[i] === 0x0a || bytes[i] === 0x0d) breaks.push(i + 1);
  const cuts = Array.from({ length: count }, () => (breaks.length ? pick(rng, breaks) : from + 1));
  cuts.push(randomInt(rng, from + 1, Math.max(from + 2, bytes.length)));
  return cuts.filter((c) => c > from && c < bytes.length);
}

describe('splitRead', () => {
  it('reads a file in two parts exactly as in one, or refuses the cut and reads on (hundreds of random messy files, many cuts)', { timeout: 120_000 }, async () => {
    let taken = 0;
    let refused = 0;
    for (let f = 0; f < 200; f++) {
      const rng = createRng(`split-${f}`);
      const { bytes } = messyFile(rng, randomInt(rng, 10, 120));
      const chunkSize = pick(rng, [64, 256, 1024]);
      const whole = await importOf(bytes, chunkSize);
      for (const cut of cutsOf(rng, bytes, chunkSize + 3, 4)) {
        const parts = await importOf(bytes, chunkSize, { cut });
        expect(parts.shape, `file ${f}, cut ${cut}, taken ${parts.taken}`).toEqual(whole.shape);
        if (parts.taken) taken++;
        else refused++;
      }
    }
    // Both ways are exercised.
    expect(taken).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(20);
  });

  it('fails the equivalence when the second part is taken in wrong (a digest of another row kept)', async () => {
    // Unique ids: every row keeps the second reader's key, so every digest is used as made there.
    const text = 'id,text,label\n' + Array.from({ length: 60 }, (_, i) => `${i},text ${i},${i % 3 ? 'a' : 'b'}`).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const whole = await importOf(bytes, 128);
    for (const at of [20, 30, 45]) {
      const cut = text.indexOf(`\n${at},`) + 1;
      expect((await importOf(bytes, 128, { cut })).shape).toEqual(whole.shape);
      // A deliberate bug: the second reader's first digest is another row's.
      const parts = await importOf(bytes, 128, { cut, mangle: (b) => b.digests.copyWithin(0, 4, 8) });
      expect(parts.taken).toBe(true);
      expect(parts.shape.contentHash).not.toBe(whole.shape.contentHash);
    }
  });

  it('guesses the line at the cut as the collector counts lines, and moves the second part by the difference when the guess is off', async () => {
    const read = blobBytes(new Blob([new TextEncoder().encode('a\r\nb\nc\rd\r\n"e\nf"\n')]));
    expect(await lineAt(0, 16, read)).toBe(7);
    expect(await lineAt(0, 7, read)).toBe(4);
    // An LF file with a CR before a row's LF: the collector counts two lines there, the guess one.
    const text = 'id,text\n' + Array.from({ length: 30 }, (_, i) => `${i},text ${i}${i === 3 ? '\r' : ''}`).join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const whole = await importOf(bytes, 64);
    const cut = text.indexOf('\n20,') + 1;
    const parts = await importOf(bytes, 64, { cut });
    expect(parts.taken).toBe(true);
    expect(parts.shape).toEqual(whole.shape);
    expect(whole.shape.drafts.at(-1)!.line).toBe(32);
  });

  it('finds a cut after the first line break past the middle and the first chunk', async () => {
    const bytes = new TextEncoder().encode('h\n' + 'abcdefghi\n'.repeat(100));
    const read = blobBytes(new Blob([bytes]));
    expect(await findCut(bytes.length, 0, 10, read)).toBe(502);
    expect(await findCut(bytes.length, 0, 700, read)).toBe(702);
    expect(await findCut(bytes.length, 0, 2000, read)).toBeNull();
    expect(await findCut(20, 0, 0, blobBytes(new Blob([new TextEncoder().encode('a\rbbbbbbbbbbbbbbbbbb')])))).toBeNull();
  });
});
