/**
 * Test scaffolding (not a test file): deterministic messy CSV files for the import pipeline —
 * multi-line quoted fields, CRLF, empty, unreadable and absurd dates, label variants, duplicate
 * and conflicting texts, repeated ids, short and long records, characters outside Latin-1 and
 * surrogate pairs, a trailing delimiter — and a file that is not about tickets at all.
 */
const SUBJECTS = ['Refund', 'Login', 'Hours', 'Invoice', 'Caf\u00e9 menu', 'Plan \u2603', 'Crash \ud83d\ude00', ''];
const LABELS = ['Billing', 'billing ', 'Technical Issue', 'BILLING', '', 'General Inquiry'];
const DATES = [
  '2026-01-05', '2026-01-06T10:00:00Z', '2025-03-01', '', '2024-11-30 08:15', '2026-01-13T08:00:00+01:00', 'not a date',
  '2025-07-04', '0001-01-01', '2023-02-28', '2026-02-01', '9999-12-31', '2025-12-24T23:59:59Z', '1850-06-01', '2024-05-05',
  '01/02/2026', '2022-09-09', '2021-01-01', '2020-06-15', '2019-10-10',
];
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** `n` ticket records (some malformed), header first, CRLF line breaks. */
export function messyTicketsCsv(n: number): string {
  const lines = ['id,subject,body,label,created,channel,amount'];
  for (let i = 0; i < n; i++) {
    const id = i % 37 === 5 ? String(i - 1) : i % 41 === 3 ? '' : String(i);
    const subject = SUBJECTS[i % SUBJECTS.length];
    const body = i % 101 === 50 ? `Long ${'y'.repeat(5200)}` : i % 11 === 0 ? `Line one of ${i % 13}\r\nline "two"\nline three` : i % 7 === 0 ? 'Same text again' : `Body ${i} ${'x'.repeat(i % 5)}`;
    const fields = [id, subject, body, LABELS[i % LABELS.length], DATES[i % DATES.length], i % 3 ? 'email' : 'chat', i % 4 ? String(i / 4) : 'n/a'];
    if (i % 53 === 7) fields.splice(3); // too few fields
    else if (i % 59 === 9) fields.push('extra', 'more'); // too many fields
    else if (i % 19 === 2) fields.push(''); // a trailing delimiter: fine
    lines.push(fields.map(quote).join(','));
    if (i % 97 === 13) lines.push('');
  }
  return lines.join('\r\n') + '\r\n';
}

/** A semicolon-separated sensor log: no text label, numbers and odd timestamps. */
export function sensorCsv(n: number): string {
  const lines = ['sensor;reading;note;at'];
  for (let i = 0; i < n; i++) lines.push(`s${i % 4};${(i * 0.37).toFixed(2)};${i % 6 === 0 ? '"hot;\nvery"' : `reading ${i} ok`};${DATES[(i * 3) % DATES.length]}`);
  return lines.join('\n');
}
