/**
 * A datasheet for one dataset version, in the sections of "Datasheets for Datasets" (Gebru et
 * al.): the facts the data stage stored (rows, classes, columns, splits, imports, checks, label
 * changes) are generated; why the data exists, how it may be used and who maintains it are asked.
 */
import type { DatasetCheckSummary } from '../../governance/facts';
import type { EvidenceSource } from '../../governance/evidenceState';
import { counted } from '../../words';
import { factTime, type DocumentSection, type FactLine, type SectionFacts } from './sections';

/** What the datasheet's facts are written from (the database layer reads it for one version). */
export interface DatasheetInput {
  number: number;
  message: string;
  createdAt: string;
  contentHash: string;
  rowCount: number;
  classBalance: Record<string, number>;
  columns: { name: string; type: string }[];
  split: { method: string; seed: string | number; counts: Record<string, number> } | null;
  /** The files or generators the rows came from, oldest first. */
  imports: { source: string; createdAt: string; rowCount: number; seed?: string | number }[];
  /** The versions it descends from, first one first, this one last. */
  lineage: { number: number; change: string; message: string }[];
  /** The newest check run along the lineage, and whether it ran on exactly these rows. */
  checks: (DatasetCheckSummary & { current: boolean }) | null;
  piiMasked: boolean;
  /** Label changes along the lineage, and who made them. */
  labelEvents: { count: number; people: string[] };
}

const CHECKS: EvidenceSource = { stage: 'data', view: 'checks' };
const DATA: EvidenceSource = { stage: 'data' };

export const DATASHEET_SECTIONS: readonly DocumentSection[] = [
  { id: 'motivation', title: 'Motivation', prompt: 'Why was this dataset made, by whom, and for which task?', required: true, writes: true },
  { id: 'composition', title: 'Composition', prompt: 'What does one row stand for? Is anything missing, sensitive or not representative?', required: true, writes: true, evidence: [DATA, CHECKS] },
  { id: 'collection', title: 'Collection', prompt: 'How and when were the rows collected, from whom, with what consent?', required: true, writes: true, evidence: [DATA] },
  { id: 'preprocessing', title: 'Preprocessing and labelling', prompt: 'What was cleaned, masked or relabelled, and by which guidelines?', required: false, writes: true, evidence: [DATA] },
  { id: 'uses', title: 'Uses', prompt: 'What may it be used for, and what must it not be used for?', required: true, writes: true },
  { id: 'distribution', title: 'Distribution', prompt: 'Who may receive it, under which terms?', required: false, writes: true },
  { id: 'maintenance', title: 'Maintenance', prompt: 'Who maintains it, how are errors reported, when is it updated?', required: false, writes: true },
];

const share = (n: number, total: number) => (total > 0 ? ` (${((n / total) * 100).toFixed(1)} %)` : '');

function compositionFacts(d: DatasheetInput): FactLine[] {
  const classes = Object.entries(d.classBalance).sort((a, b) => b[1] - a[1]);
  const lines: FactLine[] = [
    { text: `${counted(d.rowCount, 'row')} in v${d.number}, content hash ${d.contentHash}.`, link: DATA },
    { text: `${counted(classes.length, 'class', 'classes')}: ${classes.map(([c, n]) => `${c} ${n}${share(n, d.rowCount)}`).join(', ') || 'none labelled'}.` },
    { text: `Columns: ${d.columns.map((c) => `${c.name} (${c.type})`).join(', ') || 'none'}.` },
  ];
  lines.push({ text: d.split ? `Split ${d.split.method}, seed ${d.split.seed}: ${Object.entries(d.split.counts).map(([s, n]) => `${s} ${n}`).join(', ')}.` : 'Not split into train, validation and test.' });
  const c = d.checks;
  if (!c) lines.push({ text: 'The data checks have not run on this version.', link: CHECKS });
  else {
    const stale = c.current ? '' : ' (on earlier rows: run them again)';
    lines.push({ text: `Data checks ran ${factTime(c.at)}${stale}: ${c.pii.textsWithPii} of ${c.pii.scanned} texts with personal data, ${counted(c.imbalanceWarnings, 'imbalance warning')}, ${counted(c.flaggedSegments, 'flagged segment')}, ${c.leakedRows === null ? 'leakage not checked (not split)' : counted(c.leakedRows, 'leaked row')}, ${counted(c.sameTextConflicts + c.nearDuplicateConflicts, 'label conflict')}.`, link: CHECKS });
  }
  lines.push({ text: d.piiMasked ? 'Personal data was masked in this version or one it descends from.' : 'No masking of personal data recorded.' });
  return lines;
}

function preprocessingFacts(d: DatasheetInput): FactLine[] {
  const steps = d.lineage.map((v) => ({ text: `v${v.number}: ${v.change}${v.message ? ` — ${v.message}` : ''}` }));
  const labels = d.labelEvents.count > 0 ? `${counted(d.labelEvents.count, 'label change')} by ${d.labelEvents.people.join(', ')}.` : 'No label changes recorded.';
  return [...steps, { text: labels, link: { stage: 'data', view: 'label' } }];
}

/** The generated facts of each section. */
export function datasheetFacts(d: DatasheetInput): SectionFacts {
  return {
    motivation: [{ text: `Dataset v${d.number}, made ${factTime(d.createdAt)}${d.message ? `: ${d.message}` : ''}.` }],
    composition: compositionFacts(d),
    collection: d.imports.map((i) => ({ text: `${i.source}: ${counted(i.rowCount, 'row')} brought in ${factTime(i.createdAt)}${i.seed !== undefined ? `, seed ${i.seed}` : ''}.`, link: DATA })),
    preprocessing: preprocessingFacts(d),
    uses: [],
    distribution: [],
    maintenance: [],
  };
}
