/**
 * One version of a governed document as Markdown: a header (version, status, completeness), each
 * section's generated facts and written text, and the version's history. Every piece of text
 * from data or people goes through markdownText.ts, so it stays text; the HTML download is this
 * Markdown through standaloneHtml.ts.
 */
import { inlineText, markdownTable, paragraphs } from '../../registry/markdownText';
import { DOCUMENT_CATALOG } from './catalog';
import { completeness } from './completeness';
import { STATUS_TITLES, type DocumentVersion } from './flow';
import type { SectionFacts } from './sections';

export interface DocumentView {
  doc: Pick<DocumentVersion, 'kind' | 'version' | 'status' | 'fields' | 'transitions'>;
  /** What the document is about, in words ("dataset v3", "ticket-router v2", the project's name). */
  subject: string;
  facts: SectionFacts;
}

/** The title a document is shown and downloaded by: "Datasheet: dataset v3". */
export function documentTitle(view: Pick<DocumentView, 'doc' | 'subject'>): string {
  return `${DOCUMENT_CATALOG[view.doc.kind].title}: ${view.subject}`;
}

export function documentMarkdown(view: DocumentView): string {
  const { doc, facts } = view;
  const spec = DOCUMENT_CATALOG[doc.kind];
  const meter = completeness(spec.sections, doc.fields);
  const out = [
    `# ${inlineText(documentTitle(view))}`,
    '',
    `- **Version:** ${doc.version}`,
    `- **Status:** ${STATUS_TITLES[doc.status]}`,
    `- **Required sections written:** ${meter.filled} of ${meter.required}`,
  ];
  for (const s of spec.sections) {
    out.push('', `## ${inlineText(s.title)}${s.required ? ' (required)' : ''}`, '');
    const lines = facts[s.id] ?? [];
    if (lines.length) out.push(...lines.map((f) => `- ${inlineText(f.text)}`), '');
    if (s.writes) out.push(paragraphs(doc.fields[s.id] ?? '') || '*Not written yet.*');
  }
  const history = doc.transitions.map((t) => [t.at, STATUS_TITLES[t.status], t.by?.name ?? '—', t.note]);
  out.push('', '## History', '', markdownTable(['When', 'Status', 'Who', 'Note'], history), '');
  return out.join('\n');
}
