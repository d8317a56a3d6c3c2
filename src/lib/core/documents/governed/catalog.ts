/**
 * The one catalogue of governed document kinds: each kind's title, what it is about, its
 * sections, and how its facts are generated from the stored state the database layer passes in.
 * Adding a kind is one entry here (and its id in db/records.ts DOCUMENT_KINDS).
 */
import type { DocumentKind } from './flow';
import { ANNEX_IV_SECTIONS, annexIvFacts, type AnnexIvInput } from './annexIv';
import { DATASHEET_SECTIONS, datasheetFacts, type DatasheetInput } from './datasheet';
import { MODEL_CARD_SECTIONS, modelCardDocFacts, type ModelCardDocInput } from './modelCardSections';
import type { DocumentSection, SectionFacts } from './sections';

export interface DocumentKindSpec {
  title: string;
  /** What the document is about: a model version, a dataset version, the project. */
  subjectWord: string;
  sections: readonly DocumentSection[];
}

export const DOCUMENT_CATALOG: Record<DocumentKind, DocumentKindSpec> = {
  'model-card': { title: 'Model card', subjectWord: 'model version', sections: MODEL_CARD_SECTIONS },
  datasheet: { title: 'Datasheet', subjectWord: 'dataset version', sections: DATASHEET_SECTIONS },
  'annex-iv': { title: 'Technical documentation (Annex IV outline)', subjectWord: 'project', sections: ANNEX_IV_SECTIONS },
};

/** The stored state a document's facts are generated from, per kind. */
export type DocumentFactsInput =
  | { kind: 'model-card'; input: ModelCardDocInput }
  | { kind: 'datasheet'; input: DatasheetInput }
  | { kind: 'annex-iv'; input: AnnexIvInput };

export function sectionFacts(facts: DocumentFactsInput): SectionFacts {
  switch (facts.kind) {
    case 'model-card':
      return modelCardDocFacts(facts.input);
    case 'datasheet':
      return datasheetFacts(facts.input);
    case 'annex-iv':
      return annexIvFacts(facts.input);
  }
}
