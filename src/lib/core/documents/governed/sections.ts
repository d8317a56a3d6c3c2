/**
 * The shape of a governed document's sections (model card, datasheet, Annex IV outline): each
 * section either shows facts generated from the stored state, asks a person to write, or both
 * (facts shown, a person's note under them). Facts are never stored with a document version:
 * they are generated when it is read, so only what people wrote is versioned and approved.
 */
import type { EvidenceSource } from '../../governance/evidenceState';

export interface DocumentSection {
  /** Stable id; the stored fields are keyed by it. */
  id: string;
  title: string;
  /** The question the person answers (or what the facts show). */
  prompt: string;
  /** A required section (one a person writes) must have text before the document may go to review. */
  required: boolean;
  /** A person writes text here (false: facts only). */
  writes: boolean;
  /** Where the evidence behind the section is seen in the app. */
  evidence?: readonly EvidenceSource[];
}

/** One generated fact: a line of text, and where it can be checked in the app. */
export interface FactLine {
  text: string;
  link?: EvidenceSource;
}

/** Section id → the facts generated for it ([] when none). */
export type SectionFacts = Record<string, FactLine[]>;

/** An ISO time as facts show it: "2026-12-05 03:04 UTC" (no locale, so documents are deterministic). */
export function factTime(iso: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso;
}

/** Longest text per section, in characters. */
export const MAX_SECTION_TEXT = 10_000;

/** Stored fields from anything: the kind's writable sections kept (trimmed, capped), the rest dropped. */
export function normaliseFields(sections: readonly DocumentSection[], value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  for (const s of sections) {
    if (!s.writes) continue;
    const v = record[s.id];
    out[s.id] = typeof v === 'string' ? v.trim().slice(0, MAX_SECTION_TEXT) : '';
  }
  return out;
}
