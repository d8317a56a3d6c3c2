/**
 * The stage playbooks and templates of a project: the facts the playbooks are checked against,
 * gathered in one read, and the two things people store — ticks on items the app cannot check,
 * and filled templates. Both are one record per item or template (a new tick or save replaces
 * the old), validated against the catalogues in core/playbooks, and audited in the same
 * transaction, so a refused or failed write leaves the database as it was.
 */
import type { LifecycleDatabase } from './database';
import type { ByPerson, PlaybookTickRecord, TemplateFillRecord } from './records';
import type { PlaybookFacts, RunFacts } from '$lib/core/playbooks/facts';
import { acceptedFill, missingRequired } from '$lib/core/playbooks/templateFill';
import { formTemplate } from '$lib/core/playbooks/templates';
import { findPlaybookItem } from '$lib/core/playbooks/playbooks';
import { tickProblem } from '$lib/core/playbooks/progress';
import { loadLifecycleSummary } from './summary';
import { getCanvas } from './canvas';
import { listDatasetVersions } from './datasets';
import { latestCheckRun } from './datasetReview';
import { deploymentHistory } from './deployments';
import { currentPolicy } from './governancePolicy';
import { listPeople } from './governancePeople';
import { currentRiskAssessment } from './riskAssessments';
import { appendAudit } from './audit';
import { nowIso } from './ids';

export const PLAYBOOK_TICK_ACTION = 'playbook.tick';
export const TEMPLATE_FILL_ACTION = 'playbook.template';

export function listTemplateFills(db: LifecycleDatabase, projectId: string): Promise<TemplateFillRecord[]> {
  return db.templateFills.where('projectId').equals(projectId).toArray();
}

export function listPlaybookTicks(db: LifecycleDatabase, projectId: string): Promise<PlaybookTickRecord[]> {
  return db.playbookTicks.where('projectId').equals(projectId).toArray();
}

async function newestDatasetFacts(db: LifecycleDatabase, projectId: string): Promise<PlaybookFacts['dataset']> {
  const [latest] = await listDatasetVersions(db, projectId);
  if (!latest) return null;
  const run = await latestCheckRun(db, latest.id);
  const checked = run?.contentHash === latest.contentHash ? run : undefined;
  return {
    number: latest.number,
    classes: Object.keys(latest.classBalance).filter((c) => c !== '').sort((a, b) => a.localeCompare(b)),
    split: latest.split ? { ...latest.split.counts } : null,
    checksRun: Boolean(checked),
    leakedRows: checked ? checked.leakedRows : null,
  };
}

async function runFacts(db: LifecycleDatabase, projectId: string): Promise<RunFacts[]> {
  const runs = await db.runs.where('projectId').equals(projectId).filter((r) => r.status === 'completed').toArray();
  return runs
    .sort((a, b) => a.number - b.number)
    .map((r) => ({
      number: r.number,
      family: r.family,
      beatsMajority: r.evaluation ? r.evaluation.baseline.verdict === 'better' : null,
      metrics: r.metrics,
    }));
}

async function registryFacts(db: LifecycleDatabase, projectId: string) {
  const [versions, deployments] = await Promise.all([db.modelVersions.where('projectId').equals(projectId).toArray(), deploymentHistory(db, projectId)]);
  const label = (id: string | undefined) => {
    const v = versions.find((x) => x.id === id);
    return v ? `${v.modelName} v${v.version}` : null;
  };
  const newest = [...versions].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.version - a.version))[0];
  const active = deployments.find((d) => d.status === 'active');
  const previous = active?.previousDeploymentId ? deployments.find((d) => d.id === active.previousDeploymentId) : undefined;
  return {
    latestVersion: label(newest?.id),
    serving: label(active?.modelVersionId),
    rollbackTarget: label(previous?.modelVersionId),
    challengerTried: deployments.some((d) => d.traffic.some((t) => t.mode !== 'serve')),
    rolledBack: deployments.some((d) => d.status === 'rolled-back'),
  };
}

/** Everything the playbooks check and the templates prefill from, for one project. */
export async function playbookFacts(db: LifecycleDatabase, projectId: string): Promise<PlaybookFacts> {
  const [summary, canvas, dataset, runs, registry, policy, people, risk, fills, ticks] = await Promise.all([
    loadLifecycleSummary(db, projectId),
    getCanvas(db, projectId),
    newestDatasetFacts(db, projectId),
    runFacts(db, projectId),
    registryFacts(db, projectId),
    currentPolicy(db, projectId),
    listPeople(db, projectId),
    currentRiskAssessment(db, projectId),
    listTemplateFills(db, projectId),
    listPlaybookTicks(db, projectId),
  ]);
  return {
    summary,
    canvas: canvas.fields,
    criteria: canvas.criteria,
    dataset,
    runs,
    ...registry,
    policy: policy ? { version: policy.version, name: policy.data.name } : null,
    peopleWithRoles: people.filter((p) => p.roles.length > 0).length,
    riskTier: risk?.tier ?? null,
    fills: Object.fromEntries(fills.map((f) => [f.templateId, { fields: f.fields, by: f.by?.name ?? null, at: f.at }])),
    ticks: Object.fromEntries(ticks.filter((t) => t.done).map((t) => [t.itemId, { by: t.by?.name ?? null, at: t.at }])),
  };
}

async function requireProject(db: LifecycleDatabase, projectId: string): Promise<void> {
  if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
}

/** Ticks (`done`) or unticks a playbook item a person checks; refuses items the app checks itself. */
export async function setPlaybookTick(db: LifecycleDatabase, projectId: string, itemId: string, done: boolean, by: ByPerson | null): Promise<PlaybookTickRecord> {
  const problem = tickProblem(itemId);
  if (problem) throw new Error(problem);
  const record: PlaybookTickRecord = { id: `${projectId}:${itemId}`, projectId, itemId, done, at: nowIso(), by };
  return db.transaction('rw', [db.projects, db.playbookTicks, db.auditLog], async () => {
    await requireProject(db, projectId);
    await db.playbookTicks.put(record);
    await appendAudit(db, {
      projectId,
      ...(by ? { actor: by.name } : {}),
      action: PLAYBOOK_TICK_ACTION,
      detail: `${done ? 'Ticked' : 'Unticked'} “${findPlaybookItem(itemId)?.text}”`,
      at: record.at,
      refs: { playbookItemId: itemId },
    });
    return record;
  });
}

/**
 * Stores the project's fill of a template (replacing an earlier one), as `by`. The fill must fit
 * the catalogue: an unknown template or field, or a value that is not text, is refused.
 */
export async function saveTemplateFill(db: LifecycleDatabase, projectId: string, input: unknown, by: ByPerson | null): Promise<TemplateFillRecord> {
  const fill = acceptedFill(input);
  const template = formTemplate(fill.templateId);
  const record: TemplateFillRecord = { id: `${projectId}:${fill.templateId}`, projectId, templateId: fill.templateId, fields: fill.fields, at: nowIso(), by };
  const missing = missingRequired(template, fill.fields);
  return db.transaction('rw', [db.projects, db.templateFills, db.auditLog], async () => {
    await requireProject(db, projectId);
    await db.templateFills.put(record);
    await appendAudit(db, {
      projectId,
      ...(by ? { actor: by.name } : {}),
      action: TEMPLATE_FILL_ACTION,
      detail: `${template.title} saved${missing.length ? ` (still to fill in: ${missing.join(', ')})` : ''}`,
      at: record.at,
      refs: { templateFillId: record.id },
    });
    return record;
  });
}
