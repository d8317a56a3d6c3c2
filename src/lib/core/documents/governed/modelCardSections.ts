/**
 * The model card as a governed document: its written sections are the owner's card fields
 * (registry/modelCardEdits.ts, same keys, so a card written before documents existed becomes the
 * first draft unchanged), framed by facts from the registry. The full generated card (Deploy →
 * card, the .zip) still reads the newest text through the model card store.
 */
import { MODEL_CARD_FIELDS, type ModelCardField } from '../../registry/modelCardEdits';
import type { EvidenceSource } from '../../governance/evidenceState';
import type { DocumentSection, SectionFacts } from './sections';

/** What the card's facts are written from (the database layer reads it for one model version). */
export interface ModelCardDocInput {
  modelVersionId: string;
  label: string;
  description: string;
  family: string;
  runNumber: number;
  datasetVersionNumber: number | null;
  aliases: string[];
  /** "test accuracy 0.912" lines. */
  metrics: string[];
  /** Success criteria with their status on this version's run. */
  criteria: string[];
}

const REQUIRED = new Set<ModelCardField>(['overview', 'owners', 'users', 'useCases', 'ethicalConsiderations']);

export const MODEL_CARD_SECTIONS: readonly DocumentSection[] = [
  { id: 'details', title: 'Model details', prompt: 'Generated from the registry.', required: false, writes: false, evidence: [{ stage: 'deploy' }] },
  ...MODEL_CARD_FIELDS.map((f) => ({ id: f.key, title: f.title, prompt: f.help, required: REQUIRED.has(f.key), writes: true })),
  { id: 'quantitative', title: 'Quantitative analysis', prompt: 'Generated from the run’s evaluation.', required: false, writes: false, evidence: [{ stage: 'model', view: 'runs' }] },
];

/** The generated facts of each section. */
export function modelCardDocFacts(m: ModelCardDocInput): SectionFacts {
  const card: EvidenceSource = { stage: 'deploy', view: `card-${m.modelVersionId}` };
  const facts: SectionFacts = Object.fromEntries(MODEL_CARD_SECTIONS.map((s) => [s.id, []]));
  facts.details = [
    { text: `${m.label}: ${m.family}, trained in run ${m.runNumber}${m.datasetVersionNumber !== null ? ` on dataset v${m.datasetVersionNumber}` : ''}.`, link: card },
    { text: m.aliases.length ? `Aliases: ${m.aliases.join(', ')}.` : 'No alias.' },
  ];
  if (m.description) facts.overview = [{ text: `Registry description: ${m.description}` }];
  facts.quantitative = [...m.metrics, ...m.criteria].map((text) => ({ text, link: { stage: 'model', view: `run-${m.runNumber}` } }));
  return facts;
}
