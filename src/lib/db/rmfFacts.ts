/**
 * What the NIST AI RMF coverage view judges (core/governance/rmfCoverage.ts), gathered for one
 * project in one read transaction: counts and states only, each store read by its project index.
 */
import type { Table } from 'dexie';
import type { LifecycleDatabase } from './database';
import type { DocumentKind, DocumentRecord } from './records';
import type { DocumentState, RmfFacts } from '$lib/core/governance/rmfCoverage';
import { CANVAS_BOX_COUNT, filledBoxCount } from '$lib/core/lifecycle/canvas';
import { normaliseModelCardEdits } from '$lib/core/registry/modelCardEdits';
import { currentPolicy } from './governancePolicy';
import { currentRiskAssessment } from './riskAssessments';
import { getCanvas } from './canvas';

const DOCUMENT_RANK: Record<Exclude<DocumentState, null>, number> = { draft: 0, 'in-review': 1, approved: 2 };

/** The furthest a document of `kind` got; archived versions do not count. */
function furthest(docs: readonly Pick<DocumentRecord, 'kind' | 'status'>[], kind: DocumentKind): DocumentState {
  let best: DocumentState = null;
  for (const d of docs) {
    if (d.kind !== kind || d.status === 'archived') continue;
    if (best === null || DOCUMENT_RANK[d.status] > DOCUMENT_RANK[best]) best = d.status;
  }
  return best;
}

export async function rmfFacts(db: LifecycleDatabase, projectId: string): Promise<RmfFacts> {
  const of = <T, K>(table: Table<T, K>) => table.where('projectId').equals(projectId);
  return db.transaction(
    'r',
    [db.policyVersions, db.people, db.riskAssessments, db.canvases, db.checkRuns, db.ethicsAnswers, db.slices, db.documents, db.modelCards, db.runs, db.modelVersions, db.deployments, db.healthChecks, db.predictionLogs, db.driftReports, db.decisions, db.waivers, db.auditLog],
    async () => {
      const [policy, people, risk, canvas, checkRuns, ethicsAnswers, slices, documents, cards, runs, versions, deployments, healthChecks, predictions, driftReports, decisions, waivers, auditEntries] = await Promise.all([
        currentPolicy(db, projectId),
        of(db.people).toArray(),
        currentRiskAssessment(db, projectId),
        getCanvas(db, projectId),
        of(db.checkRuns).count(),
        of(db.ethicsAnswers).count(),
        of(db.slices).count(),
        of(db.documents).toArray(),
        of(db.modelCards).toArray(),
        of(db.runs).toArray(),
        of(db.modelVersions).toArray(),
        of(db.deployments).toArray(),
        of(db.healthChecks).count(),
        of(db.predictionLogs).count(),
        of(db.driftReports).count(),
        of(db.decisions).toArray(),
        of(db.waivers).count(),
        of(db.auditLog).count(),
      ]);
      const decidingRoles = [...new Set(policy?.data.gates.map((g) => g.deciderRole) ?? [])];
      const active = deployments.find((d) => d.status === 'active');
      const evaluated = runs.filter((r) => r.evaluation);
      return {
        policy: policy ? { name: policy.data.name, version: policy.version, gates: policy.data.gates.length, reReviewDays: policy.data.reReview.days } : null,
        people: { count: people.length, decidingRoles: decidingRoles.length, rolesHeld: decidingRoles.filter((role) => people.some((p) => p.roles.includes(role))).length },
        riskTier: risk?.tier ?? null,
        canvas: { filled: filledBoxCount(canvas.fields), boxes: CANVAS_BOX_COUNT },
        criteria: canvas.criteria.length,
        data: { checkRuns, ethicsAnswers, slices },
        documents: { datasheet: furthest(documents, 'datasheet'), modelCard: furthest(documents, 'model-card') },
        modelCardsWritten: cards.filter((c) => Object.values(normaliseModelCardEdits(c.edits)).some((text) => text !== '')).length,
        runs: {
          evaluated: evaluated.length,
          withSlices: evaluated.filter((r) => (r.evaluation?.test.perSlice?.length ?? 0) > 0).length,
          beatBaseline: evaluated.filter((r) => r.evaluation?.baseline.verdict === 'better').length,
        },
        registeredVersions: versions.length,
        serving: {
          deployed: active !== undefined,
          deployments: deployments.length,
          rollbacks: deployments.filter((d) => d.status === 'rolled-back').length,
          canRollBack: Boolean(active?.previousDeploymentId),
          deprecatedOrRetired: versions.filter((v) => v.deprecated || v.retired).length,
        },
        monitoring: { healthChecks, predictions, driftReports },
        decisions: {
          approvals: decisions.filter((d) => d.outcome === 'approve').length,
          rejectionsOrChanges: decisions.filter((d) => d.outcome !== 'approve').length,
          waivers,
        },
        auditEntries,
      };
    },
  );
}
