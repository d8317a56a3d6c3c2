/** A project's canary rule (core/loop/canaryRule.ts): read with its defaults, saved with an audit entry. */
import type { LifecycleDatabase } from './database';
import { appendAudit } from './audit';
import { canaryRuleOf, canaryRuleProblems, canaryRuleText, type CanaryRule } from '$lib/core/loop/canaryRule';

export async function getCanaryRule(db: LifecycleDatabase, projectId: string): Promise<CanaryRule> {
  return canaryRuleOf(await db.projects.get(projectId));
}

/** Saves the project's canary rule (refused with every problem: nothing changes) and audits it. */
export async function setCanaryRule(db: LifecycleDatabase, projectId: string, rule: CanaryRule, by: string, at: string): Promise<void> {
  const problems = canaryRuleProblems(rule);
  if (problems.length) throw new Error(problems.join(' '));
  await db.transaction('rw', [db.projects, db.auditLog], async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('That project no longer exists.');
    const saved: CanaryRule = { requireCanary: rule.requireCanary, maxFirstPercent: rule.maxFirstPercent };
    await db.projects.update(projectId, { canaryRule: saved, updatedAt: at });
    await appendAudit(db, { projectId, actor: by, at, action: 'deploy.canary-rule', detail: `Canary rule ${canaryRuleText(saved)}`, refs: {} });
  });
}
