/**
 * The Data Ethics Review's evidence of one dataset version, as Data → Checks shows and records it:
 * the stored check run, each reviewable check's mark and the written answers (read along the
 * version's lineage, so a mark made before a relabel shows as stale), and who is acting.
 */
import { datasetVersionFacts, markCheckReviewed, saveEthicsAnswers } from '$lib/db';
import type { DatasetVersionFacts, ReviewedCheck } from '$lib/core/governance/facts';
import type { EthicsQuestion } from '$lib/core/governance/attestations';
import { reviewState } from '$lib/core/governance/datasetEvidence';
import { ActingPersonState } from './actingPerson.svelte';
import { db } from './database.svelte';
import { Live } from './live.svelte';
import { attempt, notices } from './notices.svelte';

export class DatasetReviewState {
  readonly acting: ActingPersonState;
  readonly #facts: Live<DatasetVersionFacts | null>;
  /** What is being saved: a check, 'answers', or nothing. */
  saving = $state<ReviewedCheck | 'answers' | null>(null);

  constructor(
    readonly projectId: string,
    readonly versionId: string,
  ) {
    this.acting = new ActingPersonState(projectId);
    this.#facts = new Live(() => datasetVersionFacts(db, versionId), null);
  }

  get facts(): DatasetVersionFacts | null {
    return this.#facts.current;
  }

  /** The check run stored for exactly these rows, once the data worker has stored it. */
  get storedRun() {
    const facts = this.facts;
    return facts?.checks && facts.checks.contentHash === facts.contentHash ? facts.checks : null;
  }

  markOf(check: ReviewedCheck) {
    return this.facts ? reviewState(this.facts, check) : ({ state: 'none' } as const);
  }

  /** The newest answers, and whether they were given for these rows or for earlier ones. */
  get answers() {
    const facts = this.facts;
    if (!facts?.answers) return null;
    return { ...facts.answers, stale: facts.answers.contentHash !== facts.contentHash };
  }

  #as<T>(what: ReviewedCheck | 'answers', action: (personId: string) => Promise<T>): Promise<T | undefined> {
    const personId = this.acting.personId;
    if (!personId) {
      notices.error(new Error('Choose who is acting (Acting as) first.'));
      return Promise.resolve(undefined);
    }
    this.saving = what;
    return attempt(() => action(personId)).finally(() => (this.saving = null));
  }

  mark(check: ReviewedCheck, note: string) {
    return this.#as(check, (personId) => markCheckReviewed(db, { datasetVersionId: this.versionId, check, personId, note }));
  }

  saveAnswers(answers: Record<EthicsQuestion, string>) {
    return this.#as('answers', (personId) => saveEthicsAnswers(db, { datasetVersionId: this.versionId, personId, answers }));
  }
}
