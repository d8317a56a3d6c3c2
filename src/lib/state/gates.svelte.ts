/**
 * Govern → Gates: the governance overview of the project (read live), and the actions on it —
 * request a review, decide it, waive a gate — each recorded as the acting person. The core
 * decides; a refusal is kept per form (by `key`) with the core's reason, so the page says why
 * instead of hiding a button.
 */
import { tellEndpoint } from './endpointNotice';
import { changesKey, currentRiskTier, evidenceChangesFor, governanceOverviewOf, grantWaiverFor, recordDecision, requestReviewFor, verifyProjectSignOffs, type SignOffCheck } from '$lib/db';
import type { EvidenceChange } from '$lib/core/governance/evidenceChanges';
import type { RiskTier } from '$lib/core/governance/riskQuestions';
import type { CouncilStanding } from '$lib/core/governance/council';
import type { GovernanceOverview, OverviewObject } from '$lib/core/governance/overview';
import type { DecisionOutcome } from '$lib/core/governance/records';
import type { PolicyGate } from '$lib/core/governance/policy';
import { ActingPersonState } from './actingPerson.svelte';
import { db } from './database.svelte';
import { Live } from './live.svelte';

export interface WaiverFields {
  reason: string;
  owner: string;
  /** A date input's value, "2026-12-31" ('' = none): the waiver ends at the end of that day in UTC, the day every summary prints. */
  expires: string;
}

/** The key of a gate's form for one object. */
export const formKey = (gate: PolicyGate, object: OverviewObject, form: 'request' | 'decide' | 'waive') => `${form}:${gate.id}:${object.id}`;

/** The overview, what changed since each approval up for re-review (by changesKey), and the project's risk tier. */
type GatesRead = { overview: GovernanceOverview; changes: Record<string, EvidenceChange[]>; tier: RiskTier | null };

export class GatesState {
  readonly #overview: Live<GatesRead | null>;
  /** Every signed decision of the project re-verified, by decision id. */
  readonly #signOffs: Live<Map<string, SignOffCheck>>;
  readonly acting: ActingPersonState;
  /** The refusal (or failure) of each form's last attempt, by key, and who tried (another person acting clears it). */
  #errors = $state<Record<string, { personId: string; message: string }>>({});
  busy = $state(false);

  constructor(readonly projectId: string) {
    this.#overview = new Live(async () => {
      const now = Date.now();
      const [overview, tier] = await Promise.all([governanceOverviewOf(db, projectId, now), currentRiskTier(db, projectId)]);
      return { overview, changes: await evidenceChangesFor(db, projectId, overview, now), tier };
    }, null);
    // Replaced whole by each query, never mutated: a plain Map.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#signOffs = new Live(() => verifyProjectSignOffs(db, projectId), new Map());
    this.acting = new ActingPersonState(projectId);
  }

  get overview(): GovernanceOverview | null {
    return this.#overview.current?.overview ?? null;
  }

  /** The project's current risk tier; null when not assessed. */
  get tier(): RiskTier | null {
    return this.#overview.current?.tier ?? null;
  }

  /** What changed since the approval of `gate` for `object`, when it is up for re-review ([]: nothing, or not up). */
  changesOf(gate: PolicyGate, object: OverviewObject): EvidenceChange[] {
    return this.#overview.current?.changes[changesKey(gate.id, object.id)] ?? [];
  }

  get signOffs(): Map<string, SignOffCheck> {
    return this.#signOffs.current;
  }

  get error(): unknown {
    return this.#overview.error;
  }

  /** Why the form `key` refused the acting person's last attempt; '' when it did not. */
  errorOf(key: string): string {
    const e = this.#errors[key];
    return e && e.personId === this.acting.personId ? e.message : '';
  }

  /** Runs `action` as the acting person; true when it went through, else the reason is kept under `key`. */
  async #run(key: string, action: (personId: string) => Promise<unknown>): Promise<boolean> {
    const personId = this.acting.personId;
    this.busy = true;
    try {
      if (!personId) throw new Error('Choose who is acting first (“Acting as” above): every governance action is recorded in a name.');
      // A decision or waiver may change what the endpoint serves: it re-reads at once.
      tellEndpoint(await action(personId));
      delete this.#errors[key];
      return true;
    } catch (error) {
      this.#errors[key] = { personId, message: error instanceof Error ? error.message : String(error) };
      return false;
    } finally {
      this.busy = false;
    }
  }

  request(gate: PolicyGate, object: OverviewObject, note: string): Promise<boolean> {
    return this.#run(formKey(gate, object, 'request'), (personId) =>
      requestReviewFor(db, { projectId: this.projectId, gateId: gate.id, object: { kind: object.kind, id: object.id }, personId, note }),
    );
  }

  /** Decides the open request in the gate's deciding role; the core refuses the requester and anyone without the role. */
  decide(gate: PolicyGate, object: OverviewObject, requestId: string, outcome: DecisionOutcome, comment: string): Promise<boolean> {
    return this.#run(formKey(gate, object, 'decide'), (personId) =>
      recordDecision(db, { projectId: this.projectId, requestId, personId, role: gate.deciderRole, outcome, comment }),
    );
  }

  /** Answers an open council request in `role`; the core refuses the requester, a second role, a role answered already. */
  sign(gate: PolicyGate, object: OverviewObject, requestId: string, role: string, outcome: DecisionOutcome, comment: string): Promise<boolean> {
    return this.#run(formKey(gate, object, 'decide'), (personId) =>
      recordDecision(db, { projectId: this.projectId, requestId, personId, role, outcome, comment }),
    );
  }

  /** The council role the acting person would answer in: the first they hold that has not answered yet ('' = none). */
  seatFor(council: CouncilStanding): string {
    const roles = this.acting.person?.roles ?? [];
    return council.seats.find((s) => !s.decision && roles.includes(s.role))?.role ?? '';
  }

  waive(gate: PolicyGate, object: OverviewObject, fields: WaiverFields): Promise<boolean> {
    const expiresAt = fields.expires ? `${fields.expires}T23:59:59.999Z` : null;
    return this.#run(formKey(gate, object, 'waive'), (personId) =>
      grantWaiverFor(db, {
        projectId: this.projectId, gateId: gate.id, object: { kind: object.kind, id: object.id }, personId, role: gate.deciderRole,
        reason: fields.reason, owner: fields.owner, expiresAt,
      }),
    );
  }
}
