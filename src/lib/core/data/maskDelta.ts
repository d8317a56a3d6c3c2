/** Masking personal data as a change to a dataset version: the rows whose text changes, and a message counting them. */
import type { DataRow } from './dataset';
import type { DatasetState, Delta } from './datasetState';
import { maskPii, maskSummary, PII_KINDS, type PiiCounts } from './pii';

/** The change that masks every e-mail address, card and phone number in `state`'s texts; throws when there is none. */
export function maskDelta(state: Pick<DatasetState, 'rows'>): { delta: Delta; message: string; change: 'mask-pii' } {
  const upserts: DataRow[] = [];
  const byKind: PiiCounts = { email: 0, card: 0, phone: 0 };
  for (const row of state.rows) {
    const result = maskPii(row.text);
    if (result.masked > 0) {
      upserts.push({ ...row, text: result.text });
      for (const kind of PII_KINDS) byKind[kind] += result.byKind[kind];
    }
  }
  if (!upserts.length) throw new Error('No personal data was found to mask.');
  return { delta: { upserts, removedKeys: [] }, message: maskSummary(byKind, upserts.length), change: 'mask-pii' };
}
