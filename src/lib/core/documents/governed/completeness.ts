/**
 * How complete a document is: of its required sections (sections a person writes; facts are
 * always generated), how many have text that is not blank. The meter shows it, and submitting
 * for review is refused while any is missing (flow.ts).
 */
import type { DocumentSection } from './sections';

export interface Completeness {
  required: number;
  filled: number;
  /** The titles of the required sections still empty, in document order. */
  missing: string[];
  /** filled / required, 1 when nothing is required. */
  ratio: number;
}

export function completeness(sections: readonly DocumentSection[], fields: Record<string, string>): Completeness {
  const required = sections.filter((s) => s.required && s.writes);
  const missing = required.filter((s) => (fields[s.id] ?? '').trim() === '').map((s) => s.title);
  const filled = required.length - missing.length;
  return { required: required.length, filled, missing, ratio: required.length === 0 ? 1 : filled / required.length };
}
