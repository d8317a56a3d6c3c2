/**
 * Reads an outcomes file: ground truth that arrived after the predictions, one row per
 * prediction — the prediction's id (or the caller's ref) and the true label. Columns are found
 * by name, so exports from ticketing tools work without renaming:
 * id: `prediction_id`, `id`, `ref`, `reference`, `request_id`; label: `label`, `outcome`,
 * `true_label`, `actual`, `ground_truth`. Every row that cannot be used is reported with its line.
 */
import { parseCsv } from '../data/csvParse';
import { MAX_LABEL_CHARS, type OutcomeInput } from '../serving/feedback';
import { MAX_REF_CHARS } from '../serving/api';

export const ID_COLUMNS = ['prediction_id', 'id', 'ref', 'reference', 'request_id'] as const;
export const LABEL_COLUMNS = ['label', 'outcome', 'true_label', 'actual', 'ground_truth'] as const;

export interface OutcomeRow extends OutcomeInput {
  /** Line of the file the row starts on (1-based, header = line 1 usually). */
  line: number;
}

export interface OutcomeProblem {
  line: number;
  message: string;
}

export interface OutcomesFile {
  outcomes: OutcomeRow[];
  problems: OutcomeProblem[];
  /** The columns used. */
  idColumn: string;
  labelColumn: string;
}

export type OutcomesFileResult = { ok: true; value: OutcomesFile } | { ok: false; error: string };

const normalize = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_');

export async function readOutcomesCsv(text: string): Promise<OutcomesFileResult> {
  const { collector } = await parseCsv(text);
  const header = collector.header?.map(normalize);
  if (!header) return { ok: false, error: 'The file is empty.' };
  const idIndex = ID_COLUMNS.map((c) => header.indexOf(c)).find((i) => i >= 0) ?? -1;
  const labelIndex = LABEL_COLUMNS.map((c) => header.indexOf(c)).find((i) => i >= 0) ?? -1;
  if (idIndex < 0 || labelIndex < 0) {
    const missing = [idIndex < 0 ? `an id column (${ID_COLUMNS.join(', ')})` : '', labelIndex < 0 ? `a label column (${LABEL_COLUMNS.join(', ')})` : ''].filter(Boolean).join(' and ');
    return { ok: false, error: `The header (line ${collector.headerLine}) needs ${missing}; it has: ${(collector.header ?? []).join(', ')}.` };
  }
  const problems: OutcomeProblem[] = collector.malformed.map((m) => ({
    line: m.line,
    message: m.problem === 'unterminated-quote' ? 'a quote is never closed' : `${m.fieldCount} fields where the header has ${m.expected}`,
  }));
  const outcomes: OutcomeRow[] = [];
  for (const record of collector.records) {
    const id = record.fields[idIndex]?.trim() ?? '';
    const label = record.fields[labelIndex]?.trim() ?? '';
    if (!id) problems.push({ line: record.line, message: 'the id is empty' });
    else if (id.length > MAX_REF_CHARS) problems.push({ line: record.line, message: `the id is longer than ${MAX_REF_CHARS} characters` });
    else if (!label) problems.push({ line: record.line, message: 'the label is empty' });
    else if (label.length > MAX_LABEL_CHARS) problems.push({ line: record.line, message: `the label is longer than ${MAX_LABEL_CHARS} characters` });
    else outcomes.push({ id, label, line: record.line });
  }
  problems.sort((a, b) => a.line - b.line);
  return { ok: true, value: { outcomes, problems, idColumn: collector.header![idIndex], labelColumn: collector.header![labelIndex] } };
}
