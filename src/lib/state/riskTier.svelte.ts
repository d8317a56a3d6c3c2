/**
 * Govern → Risk tier: the project's current assessment and policy (read live), the answers being
 * edited here (a local copy, saved on demand as the acting person), and what the core says of
 * them — the tier and why (riskTier.ts), what the tier asks of the policy (policyForTier) and,
 * after a save that raised the tier, what it re-opened (tierRaise).
 */
import { ActionState } from './actionState.svelte';
import { tellEndpoint } from './endpointNotice';
import { adoptTierRequirements, currentPolicy, currentRiskAssessment, saveRiskAssessment, type RiskAssessmentRecord } from '$lib/db';
import { RISK_QUESTIONS, type RiskQuestion } from '$lib/core/governance/riskQuestions';
import { isAsked, riskTier, tickOption, type RiskAnswers, type RiskTierResult } from '$lib/core/governance/riskTier';
import { policyForTier, tierRaise, type TierPolicy, type TierRaise } from '$lib/core/governance/tierPolicy';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import { ActingPersonState } from './actingPerson.svelte';
import { db } from './database.svelte';
import { Live } from './live.svelte';

type Stored = { assessment: RiskAssessmentRecord | null; policy: PublishedPolicy | null };

export class RiskTierState extends ActionState {
  readonly #stored: Live<Stored>;
  readonly acting: ActingPersonState;
  /** The answers as edited here; null until the stored ones are read. */
  #edited = $state<Record<string, string | string[]> | null>(null);
  /** What the last save re-opened, when it raised the tier. */
  raise = $state.raw<TierRaise | null>(null);

  constructor(readonly projectId: string) {
    super();
    this.#stored = new Live(async () => {
      const [assessment, policy] = await Promise.all([currentRiskAssessment(db, projectId), currentPolicy(db, projectId)]);
      return { assessment: assessment ?? null, policy };
    }, { assessment: null, policy: null });
    this.acting = new ActingPersonState(projectId);
  }

  get loaded(): boolean {
    return this.#stored.loaded;
  }

  get loadError(): unknown {
    return this.#stored.error;
  }

  get saved(): RiskAssessmentRecord | null {
    return this.#stored.current.assessment;
  }

  get policy(): PublishedPolicy | null {
    return this.#stored.current.policy;
  }

  /** The answers shown: as edited, else as saved. */
  get answers(): RiskAnswers {
    return this.#edited ?? this.saved?.answers ?? {};
  }

  get dirty(): boolean {
    return this.#edited !== null && JSON.stringify(this.#edited) !== JSON.stringify(this.saved?.answers ?? {});
  }

  /** The questions asked given the answers (an `onlyIf` question appears once its condition holds). */
  readonly asked = $derived.by((): RiskQuestion[] => RISK_QUESTIONS.filter((q) => isAsked(q, this.answers)));
  readonly result = $derived.by((): RiskTierResult => riskTier(this.answers));
  /** What the tier asks of the policy in force. */
  readonly needs = $derived.by((): TierPolicy => policyForTier(this.result.tier, this.policy?.data));

  #edit(): Record<string, string | string[]> {
    this.#edited ??= structuredClone($state.snapshot(this.answers) as Record<string, string | string[]>);
    return this.#edited;
  }

  choose(question: RiskQuestion, optionId: string): void {
    this.#edit()[question.id] = optionId;
  }

  /** Ticks or unticks an option of a multi-choice question; an exclusive option ("none of these") stands alone. */
  tick(question: RiskQuestion, optionId: string, on: boolean): void {
    const edited = this.#edit();
    const next = tickOption(question, (edited[question.id] as string[] | undefined) ?? [], optionId, on);
    if (next.length) edited[question.id] = next;
    else delete edited[question.id];
  }

  /** Saves the answers as the acting person; says what a raised tier re-opens. */
  save(): Promise<void> {
    return this.run(async () => {
      const person = this.acting.person;
      if (!person) throw new Error('Choose who is acting first (“Acting as” above): the assessment is recorded in a name.');
      const before = this.saved?.tier ?? null;
      const record = tellEndpoint(await saveRiskAssessment(db, this.projectId, $state.snapshot(this.answers), { personId: person.id, name: person.name }));
      this.#edited = null;
      // A first assessment is weighed against the policy in force, as if it had been minimal.
      const raise = tierRaise(before ?? 'minimal', record.tier, this.policy?.data);
      this.raise = !raise.raised ? null : before ? raise : { ...raise, says: [`First assessment: the ${record.tier} tier.`, ...raise.says.slice(1)] };
      return `Saved as ${person.name}: the ${record.tier} tier.`;
    });
  }

  /** Publishes the next policy version with what the current tier requires. */
  adopt(): Promise<void> {
    return this.run(async () => {
      const person = this.acting.person;
      if (!person) throw new Error('Choose who is acting first (“Acting as” above): publishing is recorded in a name.');
      const policy = tellEndpoint(await adoptTierRequirements(db, this.projectId, person.name));
      this.raise = null;
      return `Published policy v${policy.version} “${policy.data.name}” with what the ${this.saved?.tier ?? ''} tier requires: new gates start unreviewed for every version.`;
    });
  }
}
