/**
 * Govern → Audit: the project's hash-chained trail (read live, newest first, filtered), its
 * verification on demand and the point-in-time question. Verifying reads the chain afresh from
 * the database — a live copy would miss a change made behind the app's back, which is exactly
 * what verification is for. Times typed in are the person's local time.
 */
import { listDatasetVersions, listModelVersions, listPolicyVersions, readAuditChain, type AuditRecord } from '$lib/db';
import { sha256Hex, verifyChain, type ChainVerdict } from '$lib/core/governance/auditChain';
import { servedAt, versionLineages, type VersionLineage } from '$lib/core/governance/pointInTime';
import type { PublishedPolicy } from '$lib/core/governance/policyVersions';
import { auditChoices, filterAuditEntries, NO_AUDIT_FILTER, type AuditFilter } from '$lib/core/governance/auditView';
import { db } from './database.svelte';
import { Live } from './live.svelte';
import { localToIso } from './localTime';

interface Trail {
  /** Chain order, oldest first. */
  chain: AuditRecord[];
  versions: ReadonlyMap<string, VersionLineage>;
  policies: PublishedPolicy[];
}

export class AuditTrailState {
  readonly #trail: Live<Trail | null>;
  /** The filter as typed: times in local `datetime-local` form. */
  filter = $state<AuditFilter>({ ...NO_AUDIT_FILTER });
  verdict = $state.raw<ChainVerdict | null>(null);
  verifying = $state(false);
  verifyError = $state('');
  /** The moment asked about, ISO ('' = no question yet). */
  moment = $state('');

  readonly trail = $derived.by(() => this.#trail.current);
  readonly actions = $derived(auditChoices(this.trail?.chain ?? [], 'action'));
  readonly actors = $derived(auditChoices(this.trail?.chain ?? [], 'actor'));
  /** Newest first, as filtered. */
  readonly shown = $derived(
    filterAuditEntries(this.trail?.chain ?? [], { ...this.filter, from: localToIso(this.filter.from), to: localToIso(this.filter.to) }).reverse(),
  );
  readonly answer = $derived(this.trail && this.moment ? servedAt({ ...this.trail, trail: this.trail.chain, at: this.moment }) : null);

  constructor(readonly projectId: string) {
    this.#trail = new Live(async () => {
      const [chain, versions, datasets, policies] = await Promise.all([
        readAuditChain(db, projectId), listModelVersions(db, projectId), listDatasetVersions(db, projectId), listPolicyVersions(db, projectId),
      ]);
      return { chain, versions: versionLineages(versions, datasets), policies };
    }, null);
  }

  get error(): unknown {
    return this.#trail.error;
  }

  /** Verifies the whole chain as stored now. */
  async verify(): Promise<void> {
    this.verifying = true;
    this.verifyError = '';
    try {
      this.verdict = await verifyChain(await readAuditChain(db, this.projectId), sha256Hex);
    } catch (error) {
      this.verdict = null;
      this.verifyError = error instanceof Error ? error.message : String(error);
    } finally {
      this.verifying = false;
    }
  }

  /** Asks about a moment typed in local time; an empty or invalid value clears the question. */
  askLocal(local: string): void {
    this.moment = localToIso(local);
  }

  clearFilter(): void {
    this.filter = { ...NO_AUDIT_FILTER };
  }
}
