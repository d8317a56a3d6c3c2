/**
 * The risk questionnaire's answers per project (schema v11), append-only: saving answers adds a
 * record and the newest is the project's current assessment, so the trail shows how the tier
 * came to be. The core validates the answers and computes the tier (riskTier.ts); an answer that
 * does not fit the questionnaire is refused and nothing is written.
 */
import Dexie from 'dexie';
import type { LifecycleDatabase } from './database';
import type { ByPerson, RiskAssessmentRecord } from './records';
import { riskTier, validateRiskAnswers } from '$lib/core/governance/riskTier';
import { formatProblem } from '$lib/core/documents/problems';
import { appendAudit } from './audit';
import { newId, nowIso } from './ids';

/** The project's current assessment (the newest saved), if it has one. */
export function currentRiskAssessment(db: LifecycleDatabase, projectId: string): Promise<RiskAssessmentRecord | undefined> {
  return db.riskAssessments.where('[projectId+at]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).last();
}

/** Every assessment of the project, oldest first. */
export function riskAssessmentsOf(db: LifecycleDatabase, projectId: string): Promise<RiskAssessmentRecord[]> {
  return db.riskAssessments.where('[projectId+at]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]).toArray();
}

/** Validates and stores `answers` as the project's current assessment, audited; returns it. */
export async function saveRiskAssessment(db: LifecycleDatabase, projectId: string, answers: unknown, by: ByPerson | null): Promise<RiskAssessmentRecord> {
  const checked = validateRiskAnswers(answers);
  if (!checked.ok) throw new Error(`These answers do not fit the questionnaire: ${checked.problems.map(formatProblem).join('; ')}`);
  const result = riskTier(checked.value);
  const record: RiskAssessmentRecord = { id: newId(), projectId, answers: checked.value, tier: result.tier, by, at: nowIso() };
  return db.transaction('rw', [db.projects, db.riskAssessments, db.auditLog], async () => {
    if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
    const before = await currentRiskAssessment(db, projectId);
    await db.riskAssessments.add(record);
    await appendAudit(db, {
      projectId,
      ...(by ? { actor: by.name } : {}),
      action: 'governance.risk',
      detail: before && before.tier !== record.tier ? `Risk tier ${before.tier} → ${record.tier}` : `Risk questionnaire saved: ${record.tier} tier`,
      refs: { riskAssessmentId: record.id },
    });
    return record;
  });
}
