/**
 * What one row of a project's data is called in the interface: "ticket" in the sample, "e-mail"
 * in a spam project, "example" when nobody said. Every view names rows through `rowWordOf` and
 * `formatCount`, so a project's word is decided here once.
 */
import { SAMPLE_PROJECT } from '../scenarios/sampleProject';
import { counted, pluralOf } from '../words';

export { pluralOf };

/** The word a project stores; `plural` only when it is not the regular one (`pluralOf`). */
export interface StoredRowWord {
  singular: string;
  plural?: string;
}

/** A project's word, both forms resolved. */
export interface RowWord {
  singular: string;
  plural: string;
}

export const DEFAULT_ROW_WORD: Readonly<RowWord> = Object.freeze({ singular: 'example', plural: 'examples' });

/** Built-in scenarios name their rows; a project made from one before the setting existed keeps its word. */
const SCENARIO_ROW_WORDS: Readonly<Record<string, string>> = { [SAMPLE_PROJECT.scenario]: SAMPLE_PROJECT.rowWord };

/** At most this many characters per form: a word or a short phrase ("support e-mail"), not a sentence. */
export const ROW_WORD_MAX = 40;

/** The project's word: what it stores, else its scenario's, else "example". */
export function rowWordOf(project: { rowWord?: StoredRowWord; scenario?: string | null } | null | undefined): RowWord {
  const singular = project?.rowWord?.singular ?? (project?.scenario ? SCENARIO_ROW_WORDS[project.scenario] : undefined);
  if (!singular) return { ...DEFAULT_ROW_WORD };
  return { singular, plural: project?.rowWord?.plural || pluralOf(singular) };
}

/**
 * Checks what a person typed: trimmed, one line, 1–40 characters; a plural equal to the regular
 * one (or left blank) is not stored. Throws a message fit for the user.
 */
export function cleanRowWord(singular: string, plural = ''): StoredRowWord {
  const one = singular.trim().replace(/\s+/g, ' ');
  const many = plural.trim().replace(/\s+/g, ' ');
  if (!one) throw new Error('Say what one row is called, e.g. “e-mail” or “review”.');
  for (const form of [one, many]) {
    if (form.length > ROW_WORD_MAX) throw new Error(`What a row is called has at most ${ROW_WORD_MAX} characters.`);
  }
  return many && many !== pluralOf(one) ? { singular: one, plural: many } : { singular: one };
}

/** "1 ticket", "2 examples", "1,200 e-mails". */
export function formatCount(count: number, word: RowWord): string {
  return counted(count, word.singular, word.plural);
}

/** "ticket" → "Ticket", for the start of a label. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
