/**
 * What the advanced mission's checks read, from the governance stores of the mission's project:
 * policy versions, review requests with their decisions (a council's standing asked of the core's
 * council rule), waivers, the endpoint's gate refusals and the Govern playbook's progress.
 */
import type { LifecycleDatabase } from '../database';
import type { MissionRecord } from '../records';
import type { AdvancedFacts } from '$lib/core/practice/missions/advanced';
import type { Decision } from '$lib/core/governance/records';
import { gatesFor, type PolicyGate, type PolicyRole } from '$lib/core/governance/policy';
import { councilStanding, type CouncilStatus } from '$lib/core/governance/council';
import { subjectLabel } from '$lib/core/governance/subjects';
import { playbookProgress } from '$lib/core/playbooks/progress';
import { GATE_NOT_APPROVED } from '$lib/core/serving/api';
import { governanceRecords } from '../governance';
import { currentRiskTier } from '../governanceGate';
import { playbookFacts } from '../playbooks';

const STATUS_OF: Record<Decision['outcome'], CouncilStatus> = { approve: 'approved', reject: 'rejected', 'request-changes': 'changes-requested' };
const OUTCOME_WORDS: Record<Decision['outcome'], string> = { approve: 'Approved', reject: 'Rejected', 'request-changes': 'Changes asked for' };

export async function gatherAdvancedFacts(db: LifecycleDatabase, record: MissionRecord): Promise<AdvancedFacts> {
  const facts: AdvancedFacts = {
    notes: { ...record.notes },
    riskTier: null,
    policies: [],
    reviews: [],
    refusals: [],
    refusedRequests: { count: 0, lastAt: null },
    waivers: [],
    playbook: { done: 0, total: 0, open: [] },
  };
  const projectId = record.projectId;
  if (!projectId || !(await db.projects.get(projectId))) return facts;
  const [records, tier, playbook, logs] = await Promise.all([
    governanceRecords(db, projectId),
    currentRiskTier(db, projectId),
    playbookFacts(db, projectId),
    db.requestLogs.where('projectId').equals(projectId).filter((r) => r.code === GATE_NOT_APPROVED.code).sortBy('at'),
  ]);
  // A gate as the policy version a record was made under names it.
  const gateOf = (version: number, gateId: string): { gate: PolicyGate | null; roles: PolicyRole[] } => {
    const policy = records.policies.find((p) => p.version === version);
    return { gate: policy?.data.gates.find((g) => g.id === gateId) ?? null, roles: policy?.data.roles ?? [] };
  };
  const gateName = (version: number, gateId: string) => gateOf(version, gateId).gate?.name ?? gateId;
  facts.riskTier = tier;
  facts.policies = records.policies.map((p) => ({ version: p.version, name: p.data.name, modelGates: gatesFor(p.data, 'model').map((g) => g.name), deployGates: gatesFor(p.data, 'deploy').map((g) => g.name) }));
  facts.reviews = records.requests.map((r) => {
    const { gate, roles } = gateOf(r.policy.version, r.gateId);
    const decisions = records.decisions.filter((d) => d.requestId === r.id);
    const base = { gate: gate?.name ?? r.gateId, subject: subjectLabel(r.subject), at: r.at };
    if (gate?.council) {
      const standing = councilStanding(gate.council, decisions, roles);
      return { ...base, council: true, status: standing.status, summary: standing.summary };
    }
    const last = decisions.at(-1);
    return { ...base, council: false, status: last ? STATUS_OF[last.outcome] : 'pending', summary: last ? `${OUTCOME_WORDS[last.outcome]} by ${last.by.name}${last.comment ? `: ${last.comment}` : '.'}` : 'Waiting for a decision.' };
  });
  facts.refusals = records.decisions.flatMap((d) =>
    d.outcome === 'approve' ? [] : [{ gate: gateName(d.policy.version, d.gateId), subject: subjectLabel(d.subject), outcome: d.outcome, by: d.by.name, comment: d.comment, at: d.at }],
  );
  facts.refusedRequests = { count: logs.length, lastAt: logs.at(-1)?.at ?? null };
  facts.waivers = records.waivers.map((w) => ({ gate: gateName(w.policy.version, w.gateId), subject: subjectLabel(w.subject), owner: w.owner, reason: w.reason, at: w.at, expiresAt: w.expiresAt }));
  const progress = playbookProgress('govern', playbook);
  facts.playbook = { done: progress.done, total: progress.total, open: progress.items.filter((i) => !i.done).map((i) => i.item.text) };
  return facts;
}
