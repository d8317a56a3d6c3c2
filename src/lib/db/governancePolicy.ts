/**
 * A project's governance policy: one draft edited freely, and the published versions, frozen and
 * numbered (core/governance/policyVersions.ts decides how). Publishing stores the version, drops
 * the draft and appends its audit entry in one transaction; so does adopting what the project's
 * risk tier requires.
 */
import Dexie from 'dexie';
import type { LifecycleDatabase } from './database';
import type { PolicyDraftRecord, PolicyVersionRecord } from './records';
import type { GovernancePolicyData } from '$lib/core/governance/policy';
import { createDraft, editPublished, publishDraft, type PolicyDraft, type PublishedPolicy } from '$lib/core/governance/policyVersions';
import { policyTemplate, type PolicyTemplateId } from '$lib/core/governance/templates';
import { policyAdoptingTier } from '$lib/core/governance/tierPolicy';
import { counted } from '$lib/core/words';
import { POLICY_PUBLISH_ACTION, publishRefs } from '$lib/core/governance/trailRecords';
import { appendAudit } from './audit';
import { currentRiskAssessment } from './riskAssessments';
import { nowIso } from './ids';

/** A stored version as the core reads it. */
export function published({ projectId: _p, ...record }: PolicyVersionRecord): PublishedPolicy {
  return { status: 'published', ...record };
}

function draftOf({ projectId: _p, updatedAt: _u, ...record }: PolicyDraftRecord): PolicyDraft {
  return record;
}

function versionsOf(db: LifecycleDatabase, projectId: string) {
  return db.policyVersions.where('[projectId+version]').between([projectId, Dexie.minKey], [projectId, Dexie.maxKey]);
}

/** Every published version of the project's policy, oldest first. */
export async function listPolicyVersions(db: LifecycleDatabase, projectId: string): Promise<PublishedPolicy[]> {
  return (await versionsOf(db, projectId).toArray()).map(published);
}

/** The newest published version: the one that governs; null while nothing is published. */
export async function currentPolicy(db: LifecycleDatabase, projectId: string): Promise<PublishedPolicy | null> {
  const last = await versionsOf(db, projectId).last();
  return last ? published(last) : null;
}

/** The project's draft, or null when none is being edited. */
export async function getDraft(db: LifecycleDatabase, projectId: string): Promise<PolicyDraft | null> {
  const record = await db.policyDrafts.get(projectId);
  return record ? draftOf(record) : null;
}

/**
 * Saves `data` as the project's draft: the draft being edited keeps its number; a new one is the
 * version after the current policy (or version 1). A draft is not checked until it is published.
 */
export async function saveDraft(db: LifecycleDatabase, projectId: string, data: GovernancePolicyData): Promise<PolicyDraft> {
  return db.transaction('rw', [db.projects, db.policyVersions, db.policyDrafts], async () => {
    if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
    const existing = await getDraft(db, projectId);
    const current = await currentPolicy(db, projectId);
    const base = existing ?? (current ? editPublished(current) : createDraft(data));
    const draft: PolicyDraft = { ...base, data: structuredClone(data) };
    await db.policyDrafts.put({ projectId, ...draft, updatedAt: nowIso() });
    return draft;
  });
}

/** A draft from one of the templates (replacing any draft being edited). */
export function startFromTemplate(db: LifecycleDatabase, projectId: string, template: PolicyTemplateId): Promise<PolicyDraft> {
  return saveDraft(db, projectId, policyTemplate(template));
}

/**
 * A draft of the next version, copied from the current policy (the draft being edited, if any).
 * One transaction: a draft saved in between (another tab) is returned, never overwritten.
 */
export function editCurrentPolicy(db: LifecycleDatabase, projectId: string): Promise<PolicyDraft> {
  return db.transaction('rw', [db.projects, db.policyVersions, db.policyDrafts], async () => {
    const existing = await getDraft(db, projectId);
    if (existing) return existing;
    const current = await currentPolicy(db, projectId);
    if (!current) throw new Error('No policy is published yet: start from a template.');
    return saveDraft(db, projectId, current.data);
  });
}

/** Drops the project's draft; the published versions stay as they are. */
export async function discardDraft(db: LifecycleDatabase, projectId: string): Promise<void> {
  await db.policyDrafts.delete(projectId);
}

/** Publishes the project's draft as its numbered version (refused, with the problems, when invalid). */
export async function publishPolicy(db: LifecycleDatabase, projectId: string, by: string): Promise<PublishedPolicy> {
  return db.transaction('rw', [db.policyVersions, db.policyDrafts, db.auditLog], async () => {
    const draft = await getDraft(db, projectId);
    if (!draft) throw new Error('There is no draft to publish: start from a template or edit the current policy.');
    return publishInTransaction(db, projectId, draft, by, '');
  });
}

/** Stores `draft` as its published version, drops any draft and appends the audit entry (`why` ends its detail); inside a caller's transaction. */
async function publishInTransaction(db: LifecycleDatabase, projectId: string, draft: PolicyDraft, by: string, why: string): Promise<PublishedPolicy> {
  if (await db.policyVersions.get([projectId, draft.version])) throw new Error(`Policy v${draft.version} is published already: edit the current policy instead.`);
  // Hashing is WebCrypto's (not an IndexedDB request): waitFor keeps the transaction alive.
  const policy = await Dexie.waitFor(publishDraft(draft, { by, at: nowIso() }));
  const { status: _s, ...frozen } = policy;
  await db.policyVersions.add({ projectId, ...structuredClone(frozen) });
  await db.policyDrafts.delete(projectId);
  await appendAudit(db, {
    projectId,
    actor: policy.publishedBy,
    action: POLICY_PUBLISH_ACTION,
    detail: `Published governance policy v${policy.version} “${policy.data.name}” (${counted(policy.data.gates.length, 'gate')})${why}`,
    at: policy.publishedAt,
    refs: publishRefs(policy),
  });
  return policy;
}

/**
 * Publishes the next policy version adopting what the project's current risk tier requires
 * (core tierPolicy.ts `policyAdoptingTier`): the missing gates and their roles, re-review capped.
 * One transaction, audited like any publication. Refused, writing nothing, when the project has
 * no assessment, its tier is prohibited, the policy already meets it, or a draft is being edited
 * (adopting must not overwrite someone's edits).
 */
export async function adoptTierRequirements(db: LifecycleDatabase, projectId: string, by: string): Promise<PublishedPolicy> {
  return db.transaction('rw', [db.projects, db.riskAssessments, db.policyVersions, db.policyDrafts, db.auditLog], async () => {
    if (!(await db.projects.get(projectId))) throw new Error('That project no longer exists.');
    const assessment = await currentRiskAssessment(db, projectId);
    if (!assessment) throw new Error('Answer the risk questionnaire first: the tier decides what the policy must require.');
    const draft = await getDraft(db, projectId);
    if (draft) throw new Error(`A draft of policy v${draft.version} is being edited under Govern → Policy: publish or discard it first, so adopting does not overwrite it.`);
    const current = await currentPolicy(db, projectId);
    const data = policyAdoptingTier(assessment.tier, current?.data ?? null);
    if (!data) throw new Error(`Policy “${current!.data.name}” v${current!.version} already meets the ${assessment.tier} tier: nothing to adopt.`);
    const next = current ? { ...editPublished(current), data } : createDraft(data);
    return publishInTransaction(db, projectId, next, by, `, adopting what the ${assessment.tier} risk tier requires`);
  });
}
