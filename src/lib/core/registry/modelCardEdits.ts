/**
 * What a person writes into a model card on top of what the registry generates: the Model Card
 * Toolkit fields no data can fill (overview, owners, license, references, users, use cases,
 * trade-offs, ethical considerations, extra limitations). An empty field means "use the generated
 * text"; stored per model version.
 */
export interface ModelCardEdits {
  overview: string;
  owners: string;
  license: string;
  references: string;
  users: string;
  useCases: string;
  limitations: string;
  tradeoffs: string;
  ethicalConsiderations: string;
}

export type ModelCardField = keyof ModelCardEdits;

/** Longest text per field, in characters. */
export const MAX_CARD_FIELD = 5000;

export const MODEL_CARD_FIELDS: readonly { key: ModelCardField; title: string; help: string }[] = [
  { key: 'overview', title: 'Overview', help: 'What the model does, in a paragraph. Empty: the version’s description.' },
  { key: 'owners', title: 'Owners', help: 'Who answers questions about it (names or a team). Empty: who exported it.' },
  { key: 'license', title: 'License', help: 'Under which terms the model may be used.' },
  { key: 'references', title: 'References', help: 'Links or documents about the model or its data, one per line.' },
  { key: 'users', title: 'Intended users', help: 'Who uses the predictions (e.g. support agents routing incoming requests).' },
  { key: 'useCases', title: 'Use cases', help: 'What it is for, and what it must not be used for.' },
  { key: 'limitations', title: 'More limitations', help: 'Added after the limitations found from the data and metrics.' },
  { key: 'tradeoffs', title: 'Trade-offs', help: 'What was traded for what (e.g. coverage against accuracy when low-confidence cases go to a person).' },
  { key: 'ethicalConsiderations', title: 'Ethical considerations', help: 'Risks to people and how they are mitigated. Empty: the review questions.' },
];

export const EMPTY_MODEL_CARD_EDITS: Readonly<ModelCardEdits> = Object.freeze({
  overview: '', owners: '', license: '', references: '', users: '', useCases: '', limitations: '', tradeoffs: '', ethicalConsiderations: '',
});

/** Edits from anything (stored or typed): known string fields kept (trimmed, capped), the rest dropped. */
export function normaliseModelCardEdits(value: unknown): ModelCardEdits {
  const out: ModelCardEdits = { ...EMPTY_MODEL_CARD_EDITS };
  if (typeof value !== 'object' || value === null) return out;
  for (const { key } of MODEL_CARD_FIELDS) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string') out[key] = v.trim().slice(0, MAX_CARD_FIELD);
  }
  return out;
}
