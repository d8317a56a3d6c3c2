import { describe, expect, it } from 'vitest';
import { readOutcomesCsv } from '../../../src/lib/core/monitor/outcomesCsv';

describe('readOutcomesCsv', () => {
  it('finds the id and label columns by name and keeps line numbers', async () => {
    const result = await readOutcomesCsv('Prediction ID,Resolved at,True label\np-1,2026-11-01,Billing\n"T-2","2026-11-02","Technical\nIssue"\nT-3,2026-11-03,Billing\n');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.idColumn).toBe('Prediction ID');
    expect(result.value.labelColumn).toBe('True label');
    expect(result.value.outcomes).toEqual([
      { id: 'p-1', label: 'Billing', line: 2 },
      { id: 'T-2', label: 'Technical\nIssue', line: 3 },
      // The quoted label above spans two lines, so this row starts on line 5.
      { id: 'T-3', label: 'Billing', line: 5 },
    ]);
    expect(result.value.problems).toEqual([]);
  });

  it('reports every unusable row with its line instead of dropping it', async () => {
    const result = await readOutcomesCsv('id,label\np-1,Billing\n,Billing\np-3,\np-4,Billing,extra\np-5,Billing\n');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.outcomes.map((o) => o.id)).toEqual(['p-1', 'p-5']);
    expect(result.value.problems).toEqual([
      { line: 3, message: 'the id is empty' },
      { line: 4, message: 'the label is empty' },
      { line: 5, message: '3 fields where the header has 2' },
    ]);
  });

  it('refuses a file without the columns it needs, saying which', async () => {
    expect(await readOutcomesCsv('')).toEqual({ ok: false, error: 'The file is empty.' });
    const missing = await readOutcomesCsv('ticket,label\nT-1,Billing\n');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error).toMatch(/needs an id column \(prediction_id, id, ref, reference, request_id\); it has: ticket, label/);
  });
});
