/**
 * A technical documentation outline for a high-risk project, in the order of the EU AI Act's
 * Annex IV (our own short titles and prompts, not the Act's text): each section shows the
 * evidence the app holds, links to where it is seen, and asks for the explanation only a person
 * can give. A teaching aid, not legal advice.
 */
import type { EvidenceSource } from '../../governance/evidenceState';
import { counted } from '../../words';
import type { DocumentSection, FactLine, SectionFacts } from './sections';

/** What the outline's facts are written from (the database layer reads it for one project). */
export interface AnnexIvInput {
  /** The current risk tier, or null when the questionnaire was not answered. */
  tier: string | null;
  /** Frame's problem statement boxes that are filled, as "title: text". */
  framing: string[];
  /** Success criteria as text, with their status on the newest evaluated version. */
  criteria: string[];
  datasets: { versions: number; latest: { number: number; rowCount: number; checked: boolean } | null; approvedDatasheets: number };
  runs: { count: number; families: string[] };
  modelVersions: { label: string; aliases: string[] }[];
  approvedModelCards: number;
  policy: { name: string; version: number; gates: string[] } | null;
  people: { count: number; roles: string[] };
  decisions: number;
  waivers: number;
  deployments: number;
  driftReports: number;
  /** Changes recorded in the audit trail. */
  auditEntries: number;
}

const at = (stage: EvidenceSource['stage'], view?: string): EvidenceSource => (view ? { stage, view } : { stage });

export const ANNEX_IV_SECTIONS: readonly DocumentSection[] = [
  { id: 'intended-purpose', title: 'Intended purpose', prompt: 'What the system is for, who operates it, who is affected, and what it must not be used for.', required: true, writes: true, evidence: [at('frame'), at('govern', 'risk')] },
  { id: 'data-governance', title: 'Data and data governance', prompt: 'Where the data comes from, how it was labelled and checked for errors and bias, and why it fits the purpose.', required: true, writes: true, evidence: [at('data'), at('data', 'checks'), at('govern', 'documents')] },
  { id: 'design-training', title: 'Design and training', prompt: 'Why this model family and these settings; how it was trained, validated and tested.', required: true, writes: true, evidence: [at('model', 'runs'), at('deploy')] },
  { id: 'metrics', title: 'Metrics and their appropriateness', prompt: 'Which measures were used, why they suit the purpose, and the levels reached.', required: true, writes: true, evidence: [at('frame'), at('model', 'runs')] },
  { id: 'risk-management', title: 'Risk management', prompt: 'The risks found, how each is reduced, and what risk remains.', required: true, writes: true, evidence: [at('govern', 'risk'), at('govern', 'policy'), at('govern')] },
  { id: 'human-oversight', title: 'Human oversight', prompt: 'Who can stop, override or correct the system, and how they are enabled to.', required: true, writes: true, evidence: [at('govern', 'people'), at('govern')] },
  { id: 'post-market-monitoring', title: 'Post-market monitoring plan', prompt: 'What is watched in production, how often, and what triggers a review or a rollback.', required: true, writes: true, evidence: [at('monitor'), at('monitor', 'drift')] },
  { id: 'lifecycle-changes', title: 'Lifecycle changes', prompt: 'The changes made over the system’s life and how each was approved.', required: true, writes: true, evidence: [at('govern', 'audit')] },
];

const none = (text: string, link: EvidenceSource): FactLine[] => [{ text, link }];

/** The generated facts of each section. */
export function annexIvFacts(a: AnnexIvInput): SectionFacts {
  const d = a.datasets;
  const latest = d.latest ? `Newest dataset v${d.latest.number}: ${counted(d.latest.rowCount, 'row')}, data checks ${d.latest.checked ? 'run on these rows' : 'not run on these rows'}.` : 'No dataset yet.';
  return {
    'intended-purpose': [
      { text: `Risk tier: ${a.tier ?? 'not assessed'}.`, link: at('govern', 'risk') },
      ...(a.framing.length ? a.framing.map((text) => ({ text, link: at('frame') })) : none('The problem statement in Frame is empty.', at('frame'))),
    ],
    'data-governance': [
      { text: `${counted(d.versions, 'dataset version')}. ${latest}`, link: at('data', 'checks') },
      { text: `${counted(d.approvedDatasheets, 'approved datasheet')}.`, link: at('govern', 'documents') },
    ],
    'design-training': [
      { text: `${counted(a.runs.count, 'training run')}${a.runs.families.length ? ` (${a.runs.families.join(', ')})` : ''}.`, link: at('model', 'runs') },
      { text: a.modelVersions.length ? `Registered: ${a.modelVersions.map((m) => `${m.label}${m.aliases.length ? ` [${m.aliases.join(', ')}]` : ''}`).join(', ')}.` : 'No model version registered.', link: at('deploy') },
      { text: `${counted(a.approvedModelCards, 'approved model card')}.`, link: at('govern', 'documents') },
    ],
    metrics: a.criteria.length ? a.criteria.map((text) => ({ text, link: at('frame') })) : none('No success criteria in Frame.', at('frame')),
    'risk-management': [
      { text: a.policy ? `Policy “${a.policy.name}” v${a.policy.version}, gates: ${a.policy.gates.join(', ') || 'none'}.` : 'No published policy.', link: at('govern', 'policy') },
      { text: `${counted(a.waivers, 'waiver')} granted.`, link: at('govern') },
    ],
    'human-oversight': [
      { text: `${counted(a.people.count, 'person', 'people')} with roles${a.people.roles.length ? `: ${a.people.roles.join(', ')}` : ''}.`, link: at('govern', 'people') },
      { text: `${counted(a.decisions, 'gate decision')} recorded.`, link: at('govern') },
    ],
    'post-market-monitoring': [
      { text: `${counted(a.deployments, 'deployment')}, ${counted(a.driftReports, 'drift report')}.`, link: at('monitor', 'drift') },
    ],
    'lifecycle-changes': [{ text: `${counted(a.auditEntries, 'change')} in the audit trail.`, link: at('govern', 'audit') }],
  };
}
