/**
 * Earning promotion on live traffic: the champion and challenger of the active deployment
 * compared on its logs (core/loop/liveCompare.ts), the project's promotion rule, and the two
 * actions the rule can propose (core/loop/promotionRule.ts `promotionDecision`, asked again
 * inside the action's transaction so a stale page cannot act on figures that changed):
 * - promote: the challenger takes the champion alias and serves all traffic (`deploy` with
 *   `makeChampion`, the Deploy page's path: the gates `promote` and `deploy` apply, and the
 *   canary rule lets a version that never served through as a `promotion`);
 * - roll back: a new deployment serves the champion alone (`deploy`: the gate `deploy` applies).
 * Either is one transaction: refused (by the rule or a gate) means nothing changed.
 */
import type { LifecycleDatabase } from './database';
import type { DeploymentRecord, PredictionLogRecord } from './records';
import { appendAudit } from './audit';
import { deploy } from './deployments';
import { withGateTables } from './governanceGate';
import { isErrorStatus } from '$lib/core/monitor/buckets';
import { sideFigures, type ComparedAnswer, type LiveComparison, type RequestCounts } from '$lib/core/loop/liveCompare';
import { promotionDecision, promotionRuleOf, promotionRuleProblems, ruleText, type PromotionDecision, type PromotionRule } from '$lib/core/loop/promotionRule';

const PREDICT_ROUTE = '/api/v1/predict';

async function activeOf(db: LifecycleDatabase, projectId: string): Promise<DeploymentRecord | undefined> {
  return db.deployments.where('projectId').equals(projectId).filter((d) => d.status === 'active').first();
}

/**
 * The active deployment's champion and challenger compared on every answer it logged (its window
 * starts when it was deployed); null when nothing is deployed or no challenger takes part.
 */
export async function compareDeployment(db: LifecycleDatabase, deployment: DeploymentRecord): Promise<LiveComparison | null> {
  const challenger = deployment.traffic.find((t) => t.mode !== 'serve');
  if (!challenger || challenger.mode === 'serve') return null;
  const championId = deployment.modelVersionId;
  const range = [[deployment.projectId, deployment.createdAt], [deployment.projectId, '\uffff']] as const;
  const answers = { champion: [] as ComparedAnswer[], challenger: [] as ComparedAnswer[] };
  await db.predictionLogs
    .where('[projectId+at]')
    .between(...range)
    .each((log: PredictionLogRecord) => {
      if (log.deploymentId !== deployment.id) return;
      const side = log.modelVersionId === challenger.modelVersionId && log.route !== 'champion' ? answers.challenger : log.modelVersionId === championId && log.route !== 'shadow' ? answers.champion : null;
      side?.push({ label: log.label, confidence: log.confidence, latencyMs: log.latencyMs, status: log.status, outcome: log.outcome });
    });
  const requests = new Map<string, RequestCounts>();
  await db.requestLogs
    .where('[projectId+at]')
    .between(...range)
    .each((r) => {
      if (r.deploymentId !== deployment.id || r.route !== PREDICT_ROUTE || !r.modelVersionId) return;
      const c = requests.get(r.modelVersionId) ?? { requests: 0, serverErrors: 0 };
      c.requests++;
      if (isErrorStatus(r.status)) c.serverErrors++;
      requests.set(r.modelVersionId, c);
    });
  const [v0, v1] = await db.modelVersions.bulkGet([championId, challenger.modelVersionId]);
  const name = (v: typeof v0, id: string) => (v ? `${v.modelName} v${v.version}` : id);
  const shadow = challenger.mode === 'shadow';
  const none = { requests: 0, serverErrors: 0 };
  return {
    mode: challenger.mode,
    percent: challenger.percent,
    since: deployment.createdAt,
    champion: sideFigures({ modelVersionId: championId, name: name(v0, championId) }, answers.champion, requests.get(championId) ?? none),
    challenger: sideFigures({ modelVersionId: challenger.modelVersionId, name: name(v1, challenger.modelVersionId) }, answers.challenger, shadow ? null : (requests.get(challenger.modelVersionId) ?? none)),
  };
}

export interface ChallengerStatus {
  rule: PromotionRule;
  deployment: DeploymentRecord | null;
  comparison: LiveComparison | null;
  decision: PromotionDecision | null;
}

/** The project's rule, its active deployment's comparison and what the rule says about it. */
export async function challengerStatus(db: LifecycleDatabase, projectId: string): Promise<ChallengerStatus> {
  const [project, deployment] = await Promise.all([db.projects.get(projectId), activeOf(db, projectId)]);
  const rule = promotionRuleOf(project);
  const comparison = deployment ? await compareDeployment(db, deployment) : null;
  return { rule, deployment: deployment ?? null, comparison, decision: comparison ? promotionDecision(rule, comparison) : null };
}

/** Saves the project's promotion rule (refused with every problem: nothing changes) and audits it. */
export async function setPromotionRule(db: LifecycleDatabase, projectId: string, rule: PromotionRule, by: string, at: string): Promise<void> {
  const problems = promotionRuleProblems(rule);
  if (problems.length) throw new Error(problems.join(' '));
  await db.transaction('rw', [db.projects, db.auditLog], async () => {
    const project = await db.projects.get(projectId);
    if (!project) throw new Error('That project no longer exists.');
    const saved: PromotionRule = { minOutcomes: rule.minOutcomes, tolerancePp: rule.tolerancePp, rollbackMarginPp: rule.rollbackMarginPp };
    await db.projects.update(projectId, { promotionRule: saved, updatedAt: at });
    await appendAudit(db, { projectId, actor: by, at, action: 'loop.promotion-rule', detail: `Promotion rule: ${ruleText(saved)}`, refs: {} });
  });
}

/** Runs `act` on the active deployment when the rule's decision is `action`, in one transaction with the check. */
function whenRuleSays(db: LifecycleDatabase, projectId: string, action: 'promote' | 'rollback', act: (deployment: DeploymentRecord, comparison: LiveComparison, reason: string) => Promise<DeploymentRecord>): Promise<DeploymentRecord> {
  const tables = withGateTables(db, [db.deployments, db.modelVersions, db.aliasEvents, db.projects, db.auditLog, db.predictionLogs, db.requestLogs]);
  return db.transaction('rw', tables, async () => {
    const { rule, deployment, comparison, decision } = await challengerStatus(db, projectId);
    if (!deployment || !comparison || !decision) throw new Error('No challenger takes part in the active deployment.');
    if (decision.action !== action) throw new Error(`The promotion rule does not propose to ${action === 'promote' ? 'promote' : 'roll back'} now: ${decision.reason}`);
    return act(deployment, comparison, `${action === 'promote' ? 'Promoted' : 'Rolled back'} by the promotion rule — ${decision.reason} Rule: ${ruleText(rule)}.`);
  });
}

/** The challenger the rule promotes becomes the champion and serves every request. */
export function promoteChallenger(db: LifecycleDatabase, projectId: string, by: string): Promise<DeploymentRecord> {
  return whenRuleSays(db, projectId, 'promote', (deployment, comparison, reason) =>
    deploy(db, { projectId, servedVersionId: comparison.challenger.modelVersionId, alias: 'champion', challenger: null, makeChampion: true, by, reason }, 'promotion'),
  );
}

/** The challenger the rule rolls back leaves the traffic: the champion serves alone. */
export function rollbackChallenger(db: LifecycleDatabase, projectId: string, by: string): Promise<DeploymentRecord> {
  return whenRuleSays(db, projectId, 'rollback', (deployment, comparison, reason) =>
    deploy(db, { projectId, servedVersionId: comparison.champion.modelVersionId, alias: deployment.alias, challenger: null, by, reason }, 'rollback'),
  );
}
