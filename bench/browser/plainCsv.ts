/**
 * The plain import's CSV reading (plainImport.worker.ts): records as arrays of fields, RFC 4180
 * quoting (commas, line breaks and doubled quotes inside quotes), LF or CRLF line ends. Nothing
 * else: no delimiter guess, no line numbers, no malformed rows. Bench only.
 */
const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Records as arrays of fields: quoted fields may hold commas, line breaks and doubled quotes. */
export function splitCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (text.charCodeAt(i) === QUOTE) {
      let field = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q < 0) throw new Error(`unclosed quote after character ${i}`);
        if (text.charCodeAt(q + 1) === QUOTE) {
          field += text.slice(from, q + 1);
          from = q + 2;
        } else {
          field += text.slice(from, q);
          i = q + 1;
          break;
        }
      }
      record.push(field);
    } else {
      let j = i;
      for (let c = text.charCodeAt(j); j < n && c !== COMMA && c !== LF && c !== CR; c = text.charCodeAt(++j));
      record.push(text.slice(i, j));
      i = j;
    }
    const c = text.charCodeAt(i);
    if (c === COMMA) {
      // A comma ending the text still opens an (empty) last field.
      if (++i === n) record.push('');
      continue;
    }
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    records.push(record);
    record = [];
  }
  if (record.length) records.push(record);
  return records;
}
