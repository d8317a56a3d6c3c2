/**
 * A filled template: checked against its catalogue entry before it is stored or read back from a
 * snapshot (unknown template or field refused, every value text within the length limit), judged
 * complete once its required fields hold text, and written out as Markdown.
 */
import { formatProblem, pointer, preview, type DocumentProblem } from '../documents/problems';
import { FIELD_MAX_LENGTH, findTemplate, type FormTemplate } from './templates';

export interface TemplateFill {
  templateId: string;
  /** Every field of the template, '' when left empty. */
  fields: Record<string, string>;
}

export type FillCheck = { ok: true; value: TemplateFill } | { ok: false; problems: DocumentProblem[] };

/**
 * Loose input → a fill of a known form template with exactly its fields (missing ones become '').
 * Problems name the offending field by JSON Pointer ("/fields/rollback-plan").
 */
export function validateTemplateFill(input: unknown): FillCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, problems: [{ path: '', message: 'must be an object with templateId and fields' }] };
  const { templateId, fields } = input as Record<string, unknown>;
  const template = typeof templateId === 'string' ? findTemplate(templateId) : undefined;
  if (template?.kind !== 'form') return { ok: false, problems: [{ path: '/templateId', message: `is not a template that is filled in: ${preview(templateId)}` }] };
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return { ok: false, problems: [{ path: '/fields', message: 'must be an object of texts' }] };
  const known = new Set(template.fields.map((f) => f.id));
  const problems: DocumentProblem[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const at = pointer('/fields', key);
    if (!known.has(key)) problems.push({ path: at, message: `is not a field of “${template.title}” (its fields: ${[...known].join(', ')})` });
    else if (typeof value !== 'string') problems.push({ path: at, message: `must be text, not ${preview(value)}` });
    else if (value.length > FIELD_MAX_LENGTH) problems.push({ path: at, message: `is ${value.length.toLocaleString('en')} characters long; at most ${FIELD_MAX_LENGTH.toLocaleString('en')} are kept` });
  }
  if (problems.length) return { ok: false, problems };
  const record = fields as Record<string, string>;
  return { ok: true, value: { templateId: template.id, fields: Object.fromEntries(template.fields.map((f) => [f.id, record[f.id] ?? ''])) } };
}

/** The fill as checked, or an error listing every problem (for the database layer to refuse). */
export function acceptedFill(input: unknown): TemplateFill {
  const checked = validateTemplateFill(input);
  if (!checked.ok) throw new Error(`This template fill does not fit the catalogue: ${checked.problems.map(formatProblem).join('; ')}`);
  return checked.value;
}

/** The required fields still empty (whitespace counts as empty), in the template's order. */
export function missingRequired(template: FormTemplate, fields: Readonly<Record<string, string>> | undefined): string[] {
  return template.fields.filter((f) => f.required && !(fields?.[f.id] ?? '').trim()).map((f) => f.label);
}

export interface MarkdownContext {
  projectName: string;
  /** Who saved the fill, or null when nobody was named. */
  by: string | null;
  /** When it was saved, already formatted for the reader; null when not saved yet. */
  at: string | null;
}

/**
 * The fill as a Markdown document: a title naming the project, who filled it and when, then one
 * section per field with its prompt as a quote and the text as written (empty ones marked).
 */
export function templateMarkdown(template: FormTemplate, fields: Readonly<Record<string, string>>, context: MarkdownContext): string {
  const missing = missingRequired(template, fields);
  const lines = [`# ${template.title}: ${context.projectName}`, '', template.purpose, ''];
  if (context.at) lines.push(`Filled in by ${context.by ?? 'an unnamed person'}, saved ${context.at}.`, '');
  else lines.push('Not saved yet.', '');
  if (missing.length) lines.push(`Still to fill in: ${missing.join(', ')}.`, '');
  for (const field of template.fields) {
    const text = (fields[field.id] ?? '').trim();
    lines.push(`## ${field.label}`, '', `> ${field.prompt}`, '', text || '_Not filled in._', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
