/**
 * The model card page of one version at a time: the owner's saved text and the edits being
 * typed, the registry facts the card is written from (read once per version, with the model
 * files), and the card itself, re-rendered as the text changes. `show` switches versions; each
 * read is kept only while it is the newest (`Latest`), so a slow read for version A never
 * overwrites version B's card or text after the switch.
 */
import { documentLine, getModelCardEdits, saveModelCardEdits, type DocumentRecord, type ModelVersionRecord } from '$lib/db';
import { MODEL_CARD_FIELDS, EMPTY_MODEL_CARD_EDITS, type ModelCardEdits } from '$lib/core/registry/modelCardEdits';
import type { ModelPackageInput } from '$lib/core/registry/modelPackage';
import { modelCard, modelCardSource } from './modelPackage';
import { db } from './database.svelte';
import { displayName } from './registry.svelte';
import { attempt } from './notices.svelte';
import { Latest } from './latest';

export class ModelCardState {
  version = $state.raw<ModelVersionRecord | null>(null);
  edits = $state<ModelCardEdits>({ ...EMPTY_MODEL_CARD_EDITS });
  /** The text as stored; null until the version's text is read. */
  saved = $state.raw<ModelCardEdits | null>(null);
  source = $state.raw<ModelPackageInput | null>(null);
  sourceError = $state('');
  message = $state('');
  /** The card's governed document (its newest version) once one was generated: its text is then edited there. */
  governed = $state.raw<DocumentRecord | null>(null);
  readonly dirty = $derived(this.saved !== null && MODEL_CARD_FIELDS.some(({ key }) => this.edits[key].trim() !== this.saved![key]));
  readonly card = $derived(this.version && this.source ? modelCard(this.version, this.source, this.edits) : null);

  #shownId: string | null = null;
  #editsRead = new Latest();
  #sourceRead = new Latest();

  /**
   * Shows `version`: its saved text is read when the version changes (a fresh copy of the same
   * version keeps the text being typed), its registry facts whenever the record does.
   */
  show(version: ModelVersionRecord): void {
    this.version = version;
    if (version.id !== this.#shownId) {
      this.#shownId = version.id;
      void this.#editsRead.run(
        () => Promise.all([getModelCardEdits(db, version.id), documentLine(db, version.projectId, 'model-card', version.id)]),
        ([saved, line]) => {
          this.edits = { ...saved };
          this.saved = saved;
          this.governed = line.at(-1) ?? null;
        },
        // Left unsaved (`saved` stays null), so nothing typed can overwrite text that was not read.
        (error) => (this.message = `The saved text could not be read: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    this.source = null;
    this.sourceError = '';
    void this.#sourceRead.run(
      () => modelCardSource(version),
      (source) => (this.source = source),
      (error) => (this.sourceError = error instanceof Error ? error.message : String(error)),
    );
  }

  /** Saves the text typed for the version shown; a save that ends after a switch changes nothing shown. */
  async save(): Promise<void> {
    const version = this.version;
    if (!version) return;
    const record = await attempt(() => saveModelCardEdits(db, { modelVersionId: version.id, edits: this.edits, by: displayName.current }));
    if (record && record.modelVersionId === this.#shownId) {
      this.saved = record.edits;
      this.message = 'Saved. The card, its downloads and the exported .zip use this text.';
    }
  }
}
