/** What changed between two versions of a document, section by section (only the written text is versioned). */
import { lineDiff, type DiffLine } from './lineDiff';
import type { DocumentSection } from './sections';

export interface SectionDiff {
  id: string;
  title: string;
  lines: DiffLine[];
}

/** The sections whose text differs between `before` and `after`, in document order. */
export function documentDiff(sections: readonly DocumentSection[], before: Record<string, string>, after: Record<string, string>): SectionDiff[] {
  return sections
    .filter((s) => s.writes && (before[s.id] ?? '') !== (after[s.id] ?? ''))
    .map((s) => ({ id: s.id, title: s.title, lines: lineDiff(before[s.id] ?? '', after[s.id] ?? '') }));
}
