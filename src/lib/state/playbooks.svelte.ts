/**
 * A project's stage playbooks and templates on screen: the facts (re-read when the stored state
 * changes), each stage's progress, and the actions — tick, save a template, apply a criteria
 * preset, download a template as Markdown — recorded as the acting person when one is chosen.
 */
import { getCanvas, getProject, playbookFacts, saveCriteria, saveTemplateFill, setPlaybookTick, type ByPerson } from '$lib/db';
import type { StageId } from '$lib/core/lifecycle/stages';
import { emptyPlaybookFacts, type PlaybookFacts } from '$lib/core/playbooks/facts';
import { applyCriteriaPreset, findCriteriaPreset } from '$lib/core/playbooks/criteriaPresets';
import { playbookProgress, type PlaybookProgress } from '$lib/core/playbooks/progress';
import { templateMarkdown } from '$lib/core/playbooks/templateFill';
import type { FormTemplate } from '$lib/core/playbooks/templates';
import { downloadText, fileSlug } from '$lib/download';
import { formatDateTime } from '$lib/format';
import { ActingPersonState } from './actingPerson.svelte';
import { db } from './database.svelte';
import { attempt } from './notices.svelte';
import { Live } from './live.svelte';

export class ProjectPlaybooks {
  readonly facts: Live<PlaybookFacts>;
  readonly acting: ActingPersonState;

  constructor(readonly projectId: string) {
    this.facts = new Live(() => playbookFacts(db, projectId), emptyPlaybookFacts());
    this.acting = new ActingPersonState(projectId);
  }

  progress(stage: StageId): PlaybookProgress {
    return playbookProgress(stage, this.facts.current);
  }

  /** Who an action is recorded as: the chosen person, or nobody named. */
  get by(): ByPerson | null {
    const p = this.acting.person;
    return p ? { personId: p.id, name: p.name } : null;
  }

  setTick(itemId: string, done: boolean) {
    return attempt(() => setPlaybookTick(db, this.projectId, itemId, done, this.by).then(() => true));
  }

  saveFill(templateId: string, fields: Record<string, string>) {
    return attempt(() => saveTemplateFill(db, this.projectId, { templateId, fields }, this.by).then(() => true));
  }

  /** Sets the project's success criteria through Frame's own path, with the preset applied. */
  applyPreset(presetId: string) {
    const preset = findCriteriaPreset(presetId);
    if (!preset) return Promise.resolve(undefined);
    return attempt(async () => {
      const { criteria } = await getCanvas(db, this.projectId);
      await saveCriteria(db, this.projectId, applyCriteriaPreset(criteria, preset));
      return true;
    });
  }

  /** The template as shown (saved or not) as a Markdown file. */
  async download(template: FormTemplate, fields: Record<string, string>): Promise<void> {
    const stored = this.facts.current.fills[template.id];
    const projectName = (await attempt(() => getProject(db, this.projectId)))?.name ?? 'Project';
    const markdown = templateMarkdown(template, fields, { projectName, by: stored?.by ?? null, at: stored ? formatDateTime(stored.at) : null });
    downloadText(markdown, `${fileSlug(projectName)}-${template.id}.md`, 'text/markdown');
  }
}

/** One template being filled in: local drafts seeded once, so re-reads never move a cursor. */
export class TemplateDraft {
  values = $state<Record<string, string>>({});
  saved = $state<'saved' | 'unsaved' | 'saving'>('saved');

  constructor(initial: Record<string, string>, stored: boolean) {
    this.values = { ...initial };
    this.saved = stored ? 'saved' : 'unsaved';
  }

  edit(fieldId: string, text: string): void {
    this.values[fieldId] = text;
    this.saved = 'unsaved';
  }

  async save(playbooks: ProjectPlaybooks, templateId: string): Promise<void> {
    this.saved = 'saving';
    const ok = await playbooks.saveFill(templateId, { ...this.values });
    this.saved = ok ? 'saved' : 'unsaved';
  }
}
