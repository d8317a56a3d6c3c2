/**
 * A small synthetic CSV shaped like the files people import, for warming up the import's code
 * before a real file comes: a worker's first import runs in a cold JIT, and at 100k rows the read
 * took ≈ 25 % longer cold than warm. Generic columns (an id, a short title, a long free text, a
 * label, a date, two categories), with what real files hold: quoted fields with delimiters, line
 * breaks and doubled quotes, Latin-1 and astral characters, empty and unreadable dates, missing
 * labels, exact and near duplicates, a short row. Deterministic (no clock, no randomness).
 */
import { toCsv } from './csvExport';

const WORDS = [
  'account', 'order', 'delivery', 'sensor', 'reading', 'contract', 'renewal', 'patient', 'visit', 'invoice',
  'review', 'request', 'signal', 'report', 'shipment', 'update', 'policy', 'claim', 'device', 'session',
  'café', 'naïve', 'façade', 'résumé', 'Zürich', 'año', 'straße', 'œuvre', '€12.50', '日本', '🙂', 'ok',
];
const LABELS = ['Alpha', 'Beta', 'Gamma', 'Delta', ''];
const PLACES = ['north', 'south', 'east', 'west'];
const TIERS = ['small', 'medium', 'large'];

/** The i-th word of a deterministic sequence (a linear congruential walk over WORDS). */
function word(i: number): string {
  return WORDS[(i * 2654435761) % 4294967296 % WORDS.length];
}

/** `rows` records (plus a header) of the synthetic file, CRLF line breaks. */
export function warmUpCsv(rows: number): string {
  const records: string[][] = [];
  const bodies: string[] = [];
  for (let i = 0; i < rows; i++) {
    const n = 8 + (i % 37);
    const words: string[] = [];
    for (let w = 0; w < n; w++) words.push(word(i * 53 + w));
    let body = words.join(' ');
    if (i % 3 === 0) body += `, said "${word(i)}".\r\n\r\n${word(i + 1)} ${word(i + 2)}, again.`;
    if (i % 53 === 52) body += ' cafÃ© rÃ©sumÃ©'; // read in the wrong encoding once
    if (i % 4999 === 4998) body += ` ${body}`.repeat(Math.ceil(5000 / body.length)); // over the long-text limit
    // Every 25th record repeats the text of one ten before: duplicates, some with another label.
    if (i % 25 === 24) body = bodies[i - 10];
    bodies.push(body);
    const title = i % 401 === 400 ? '' : `${word(i)} ${word(i + 7)}`;
    const label = i % 97 === 96 ? ' alpha' : LABELS[i % LABELS.length];
    const day = 1 + (i % 28);
    const date = i % 97 === 0 ? '' : i % 89 === 0 ? '0102-13-45' : `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}T0${i % 10}:15:00.000Z`;
    const id = `R-${String(i % 307 === 306 ? i - 1 : i).padStart(6, '0')}`;
    const fields = [id, title, i % 401 === 400 ? '' : body, label, date, PLACES[i % 4], TIERS[i % 3]];
    records.push(i % 211 === 210 ? fields.slice(0, 5) : fields);
  }
  return toCsv(['id', 'title', 'body', 'label', 'created_at', 'place', 'tier'], records);
}
