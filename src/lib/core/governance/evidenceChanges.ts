/**
 * What changed since a gate's last approval, for the re-review of an approval that is due, has
 * lapsed or has a review pending: a reviewer should look at what is different, not at everything
 * again. Decided here:
 * - At approval every evidence item of the gate *as the policy then required it* passed (an
 *   approval is refused otherwise: decisions.ts), so "then" is pass for each of those items. An
 *   item not passing now reads "<item>: pass → fail"; an item the gate requires now but did not
 *   then reads "newly required (<status> now)".
 * - A drift report made after the approval that found drift, about the data the model version
 *   learned from (its dataset version is the report's reference), is a change.
 * - A production alert (a success criterion failing on live traffic, core/monitor/alerts.ts) in a
 *   window that ends after the approval is a change.
 * No approval, no changes: there is nothing to compare with.
 */
import type { GateState } from './gateState';
import type { EvidenceStatus } from './evidenceState';
import type { GovernanceRecords } from './records';

export interface DriftReportFact {
  id: string;
  /** ISO time it was made. */
  createdAt: string;
  /** The dataset version the report compared production with. */
  referenceId: string;
  summary: { driftedColumns: number; columns: number; datasetDrift: boolean };
}

export interface ProductionAlertFact {
  /** The span the alert is about, ms since the epoch. */
  window: { from: number; to: number };
  message: string;
}

export interface EvidenceChange {
  kind: 'evidence' | 'drift' | 'production';
  /** One sentence for the reviewer. */
  says: string;
}

export interface EvidenceChangeInputs {
  /** The gate's state for the object now (its evidence judged now, its newest decision). */
  state: GateState;
  records: GovernanceRecords;
  /** For a model version: the dataset version it was trained on (drift reports are about it). */
  datasetVersionId: string | null;
  driftReports: readonly DriftReportFact[];
  productionAlerts: readonly ProductionAlertFact[];
}

const day = (iso: string) => iso.slice(0, 10);

/** The changes since the approval `state.decision` (see the file comment); [] without an approval. */
export function evidenceChangesSince({ state, records, datasetVersionId, driftReports, productionAlerts }: EvidenceChangeInputs): EvidenceChange[] {
  const approval = state.decision?.outcome === 'approve' ? state.decision : null;
  if (!approval) return [];
  const approvedAt = Date.parse(approval.at);
  const then = records.policies.find((p) => p.version === approval.policy.version && p.hash === approval.policy.hash)?.data.gates.find((g) => g.id === state.gate.id);
  const passedThen = new Set<string>(then?.evidence ?? state.gate.evidence);
  const changes: EvidenceChange[] = [];
  for (const e of state.evidence) {
    if (!passedThen.has(e.id)) changes.push({ kind: 'evidence', says: `${e.title} (${e.id}): newly required, ${STATUS_WORDS[e.status]} now — ${e.reason}` });
    else if (e.status !== 'pass') changes.push({ kind: 'evidence', says: `${e.title} (${e.id}): pass → ${e.status} — ${e.reason}` });
  }
  for (const r of driftReports) {
    if (r.referenceId !== datasetVersionId || Date.parse(r.createdAt) <= approvedAt) continue;
    if (!r.summary.datasetDrift && r.summary.driftedColumns === 0) continue;
    const what = `${r.summary.driftedColumns} of ${r.summary.columns} checks drifted${r.summary.datasetDrift ? ' (drift across the dataset)' : ''}`;
    changes.push({ kind: 'drift', says: `A drift report of ${day(r.createdAt)}, after the approval, found drift against the training data: ${what}.` });
  }
  for (const a of productionAlerts) {
    if (a.window.to > approvedAt) changes.push({ kind: 'production', says: `In production since the approval: ${a.message}` });
  }
  return changes;
}

const STATUS_WORDS: Record<EvidenceStatus, string> = { pass: 'passing', fail: 'failing', 'not-yet': 'not met yet' };
