/**
 * Govern → Policy: the published versions (live), and the draft being edited as a local copy
 * (saved on demand). The draft's problems come from the one policy validator on every change,
 * placed next to their fields by pointer; publishing is refused while there are any.
 */
import { ActionState } from './actionState.svelte';
import { tellEndpoint } from './endpointNotice';
import { discardDraft, editCurrentPolicy, getDraft, listPolicyVersions, publishPolicy, saveDraft, startFromTemplate } from '$lib/db';
import type { GovernancePolicyData } from '$lib/core/governance/policy';
import type { PolicyDraft, PublishedPolicy } from '$lib/core/governance/policyVersions';
import { policyDocument, validatePolicyData } from '$lib/core/governance/policyDocument';
import { problemsByField, removeRole } from '$lib/core/governance/policyEditing';
import { readPolicyText } from '$lib/core/governance/policyFile';
import type { PolicyTemplateId } from '$lib/core/governance/templates';
import type { DocumentProblem } from '$lib/core/documents/problems';
import type { JsonValue } from '$lib/core/snapshot/json';
import { counted } from '$lib/core/words';
import { shortHash } from '$lib/core/governance/auditView';
import { downloadText, fileSlug } from '$lib/download';
import { db } from './database.svelte';
import { Live } from './live.svelte';

export class PolicyState extends ActionState {
  readonly #versions: Live<PublishedPolicy[]>;
  /** The draft's data as edited here (saved with {@link save}); null when there is no draft. */
  editing = $state<GovernancePolicyData | null>(null);
  draft = $state.raw<Pick<PolicyDraft, 'version' | 'basedOn'> | null>(null);
  draftLoaded = $state(false);
  #saved = $state('');
  /** Problems of the last file that could not be imported. */
  importProblems = $state.raw<DocumentProblem[]>([]);
  /** Why the last role could not be removed ('' = it could). */
  roleRefusal = $state('');
  /** The published version shown in the history (null: none). */
  shownVersion = $state<number | null>(null);

  /** Oldest first. */
  readonly versions = $derived.by(() => this.#versions.current);
  readonly current = $derived(this.versions.at(-1) ?? null);
  readonly shown = $derived(this.versions.find((v) => v.version === this.shownVersion) ?? null);
  readonly problems = $derived.by((): DocumentProblem[] => {
    if (!this.editing) return [];
    const checked = validatePolicyData($state.snapshot(this.editing) as unknown as JsonValue);
    return checked.ok ? [] : checked.problems;
  });
  readonly fieldProblems = $derived(problemsByField(this.problems));
  readonly dirty = $derived(this.editing !== null && JSON.stringify(this.editing) !== this.#saved);

  constructor(readonly projectId: string) {
    super();
    this.#versions = new Live(() => listPolicyVersions(db, projectId), []);
    void getDraft(db, projectId).then(
      (draft) => this.#open(draft),
      (error: unknown) => (this.error = error instanceof Error ? error.message : String(error)),
    );
  }

  get loaded(): boolean {
    return this.#versions.loaded && this.draftLoaded;
  }

  #open(draft: PolicyDraft | null): void {
    this.editing = draft ? structuredClone(draft.data) : null;
    this.draft = draft ? { version: draft.version, basedOn: draft.basedOn } : null;
    this.#saved = draft ? JSON.stringify(draft.data) : '';
    this.draftLoaded = true;
  }

  /** Runs an action; a role refusal is cleared with the message and the error. */
  protected override run(action: () => Promise<string>): Promise<void> {
    this.roleRefusal = '';
    return super.run(action);
  }

  /** Replaces the edited data through a pure step (policyEditing.ts). */
  update(step: (data: GovernancePolicyData) => GovernancePolicyData): void {
    this.roleRefusal = '';
    if (this.editing) this.editing = step($state.snapshot(this.editing) as GovernancePolicyData);
  }

  /** Removes role `index`, unless a gate is decided by it: then says which. */
  removeRole(index: number): void {
    if (!this.editing) return;
    const removed = removeRole($state.snapshot(this.editing) as GovernancePolicyData, index);
    this.roleRefusal = removed.ok ? '' : removed.reason;
    if (removed.ok) this.editing = removed.data;
  }

  startFrom(template: PolicyTemplateId, title: string): Promise<void> {
    return this.run(async () => {
      this.#open(await startFromTemplate(db, this.projectId, template));
      return `Started a draft from the ${title} template: edit it, then publish.`;
    });
  }

  editCurrent(): Promise<void> {
    return this.run(async () => {
      const draft = await editCurrentPolicy(db, this.projectId);
      this.#open(draft);
      return `Editing draft v${draft.version}; v${draft.basedOn} stays in force until you publish.`;
    });
  }

  save(): Promise<void> {
    return this.run(async () => {
      await this.#store();
      return 'Draft saved.';
    });
  }

  async #store(): Promise<void> {
    if (!this.editing) throw new Error('There is no draft to save.');
    this.#open(await saveDraft(db, this.projectId, $state.snapshot(this.editing) as GovernancePolicyData));
  }

  /** Saves and publishes the draft in `by`'s name; refused while it has problems or nobody acts. */
  publish(by: string | null): Promise<void> {
    return this.run(async () => {
      if (!by) throw new Error('Choose who you are acting as (above) to publish: the version records who published it.');
      if (this.problems.length) throw new Error(`Fix the ${counted(this.problems.length, 'problem')} shown in the draft before publishing.`);
      await this.#store();
      const published = tellEndpoint(await publishPolicy(db, this.projectId, by));
      this.#open(null);
      return `Published v${published.version} (hash ${shortHash(published.hash)}…). It governs from now on.`;
    });
  }

  discard(): Promise<void> {
    return this.run(async () => {
      await discardDraft(db, this.projectId);
      this.#open(null);
      return 'Draft discarded; the published policy is unchanged.';
    });
  }

  /** Reads a policy file into the draft; nothing is written unless the whole file is valid. */
  importFile(file: File): Promise<void> {
    return this.run(async () => {
      this.importProblems = [];
      const read = readPolicyText(await file.text());
      if (!read.ok) {
        this.importProblems = read.problems;
        throw new Error(`${file.name} was not imported: ${counted(read.problems.length, 'problem')}, listed above. Nothing was changed.`);
      }
      this.#open(await saveDraft(db, this.projectId, read.data));
      return `Imported “${read.data.name}” from ${file.name} as draft v${this.draft?.version}: check it, then publish.`;
    });
  }

  /** Downloads a published version, or the draft as edited, as a policy document (JSON). */
  download(policy: PublishedPolicy | 'draft'): void {
    const data = policy === 'draft' ? ($state.snapshot(this.editing) as GovernancePolicyData | null) : policy.data;
    if (!data) return;
    const suffix = policy === 'draft' ? `draft-v${this.draft?.version ?? 1}` : `v${policy.version}`;
    downloadText(`${JSON.stringify(policyDocument(data), null, 2)}\n`, `${fileSlug(data.name)}-policy-${suffix}.json`, 'application/json');
  }
}
