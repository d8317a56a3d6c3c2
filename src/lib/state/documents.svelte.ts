/**
 * Govern → Documents: the project's governed documents (list, what can be generated) and one
 * opened document — its versions, the facts generated for it now, the text being typed, and the
 * diff between two versions. Every change goes through db/documents.ts, which asks the core's
 * rules; a refusal is shown where the person acted, with its reason.
 */
import {
  changeDocumentStatus, currentRiskAssessment, documentFacts, documentLine, documentSubjects, documentSummaries, saveDocumentText, startDocument,
  type DocumentFacts, type DocumentKind, type DocumentRecord, type DocumentSubject, type DocumentSummary,
} from '$lib/db';
import { DOCUMENT_CATALOG, sectionFacts } from '$lib/core/documents/governed/catalog';
import { completeness } from '$lib/core/documents/governed/completeness';
import { documentDiff } from '$lib/core/documents/governed/documentDiff';
import { documentMarkdown, documentTitle } from '$lib/core/documents/governed/documentMarkdown';
import { editTarget, type ByPerson, type DocumentAction } from '$lib/core/documents/governed/flow';
import { standaloneHtml } from '$lib/core/documents/standaloneHtml';
import { downloadText, fileSlug } from '$lib/download';
import type { ActingPersonState } from './actingPerson.svelte';
import { db } from './database.svelte';
import { Live } from './live.svelte';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Who is acting, as documents record it; null when nobody is chosen. */
function actingBy(acting: ActingPersonState): ByPerson | null {
  const p = acting.person;
  return p ? { personId: p.id, name: p.name } : null;
}

export class DocumentsState {
  readonly #list: Live<{ summaries: DocumentSummary[]; subjects: DocumentSubject[]; tier: string | null }>;
  /** The document opened (its kind and subject), or null for the list only. */
  open = $state.raw<{ kind: DocumentKind; subjectId: string } | null>(null);
  refusal = $state('');

  constructor(readonly projectId: string, readonly acting: ActingPersonState) {
    this.#list = new Live(async () => {
      const [summaries, subjects, risk] = await Promise.all([documentSummaries(db, projectId), documentSubjects(db, projectId), currentRiskAssessment(db, projectId)]);
      return { summaries, subjects, tier: risk?.tier ?? null };
    }, { summaries: [], subjects: [], tier: null });
  }

  get list() {
    return this.#list.current;
  }

  get loaded(): boolean {
    return this.#list.loaded;
  }

  /** Generates (or opens, when it exists) the document of `kind` about `subjectId`. */
  async generate(kind: DocumentKind, subjectId: string): Promise<void> {
    this.refusal = '';
    try {
      await startDocument(db, { projectId: this.projectId, kind, subjectId, by: actingBy(this.acting) });
      this.open = { kind, subjectId };
    } catch (error) {
      this.refusal = message(error);
    }
  }
}

/** One document opened: its versions as stored, the facts now, the text being typed. */
export class OpenDocumentState {
  readonly #data: Live<({ line: DocumentRecord[] } & DocumentFacts) | null>;
  /** The version shown (null: the newest). */
  shownId = $state<string | null>(null);
  fields = $state<Record<string, string>>({});
  note = $state('');
  refusal = $state('');
  status = $state('');
  compare = $state<{ from: string; to: string } | null>(null);
  #bufferFor: string | null = null;

  constructor(readonly projectId: string, readonly kind: DocumentKind, readonly subjectId: string, readonly acting: ActingPersonState) {
    this.#data = new Live(async () => {
      const line = await documentLine(db, projectId, kind, subjectId);
      return line.length ? { line, ...(await documentFacts(db, line[0])) } : null;
    }, null);
  }

  get spec() {
    return DOCUMENT_CATALOG[this.kind];
  }
  get data() {
    return this.#data.current;
  }
  get error(): string {
    return this.#data.error ? message(this.#data.error) : '';
  }
  readonly line = $derived(this.data?.line ?? []);
  readonly newest = $derived(this.line.at(-1) ?? null);
  readonly shown = $derived(this.line.find((d) => d.id === this.shownId) ?? this.newest);
  readonly facts = $derived(this.data ? sectionFacts(this.data.facts) : {});
  readonly meter = $derived(completeness(this.spec.sections, this.fields));
  readonly dirty = $derived(this.shown !== null && this.spec.sections.some((s) => s.writes && (this.fields[s.id] ?? '').trim() !== (this.shown!.fields[s.id] ?? '')));
  /** Whether the shown version's text may be typed into (it is the newest and not archived). */
  readonly editable = $derived(this.shown !== null && this.newest !== null && editTarget(this.shown, this.newest).ok);
  readonly diff = $derived.by(() => {
    const pair = this.compare ?? (this.shown?.parentId ? { from: this.shown.parentId, to: this.shown.id } : null);
    const from = this.line.find((d) => d.id === pair?.from);
    const to = this.line.find((d) => d.id === pair?.to);
    return from && to ? { from, to, sections: documentDiff(this.spec.sections, from.fields, to.fields) } : null;
  });

  /** Puts the shown version's text in the fields when another version is shown (call from an effect). */
  sync(): void {
    const shown = this.shown;
    if (shown && shown.id !== this.#bufferFor) {
      this.#bufferFor = shown.id;
      this.fields = { ...shown.fields };
    }
  }

  show(id: string): void {
    this.shownId = id;
    this.compare = null;
    this.refusal = '';
  }

  async #attempt(action: () => Promise<DocumentRecord>, done: (doc: DocumentRecord) => string): Promise<void> {
    this.refusal = '';
    this.status = '';
    try {
      const doc = await action();
      this.#bufferFor = null;
      this.shownId = doc.id;
      this.compare = null;
      this.status = done(doc);
    } catch (error) {
      this.refusal = message(error);
    }
  }

  async save(): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    await this.#attempt(
      () => saveDocumentText(db, { id: shown.id, fields: $state.snapshot(this.fields), by: actingBy(this.acting) }),
      (doc) => (doc.id === shown.id ? `Saved v${doc.version}.` : `v${shown.version} stays as it was; your edit is the new draft v${doc.version}.`),
    );
  }

  async act(action: DocumentAction): Promise<void> {
    const shown = this.shown;
    if (!shown) return;
    const note = this.note;
    await this.#attempt(
      () => changeDocumentStatus(db, { id: shown.id, action, by: actingBy(this.acting), note }),
      (doc) => `v${doc.version} is now ${doc.status.replace('-', ' ')}.`,
    );
    if (!this.refusal) this.note = '';
  }

  download(format: 'md' | 'html'): void {
    const shown = this.shown;
    if (!shown || !this.data) return;
    const view = { doc: shown, subject: this.data.subject, facts: this.facts };
    const markdown = documentMarkdown(view);
    const base = `${fileSlug(documentTitle(view))}-v${shown.version}`;
    if (format === 'md') downloadText(markdown, `${base}.md`, 'text/markdown');
    else downloadText(standaloneHtml(markdown, documentTitle(view)), `${base}.html`, 'text/html');
  }
}
