/**
 * v1 → v2: backfill `projects.updatedAt`; turn free-text criteria into structured ones.
 * Upgrades use frozen copies of the formats they read and write (see frozen/), never today's
 * code: an old database must upgrade the same way whatever later versions change.
 */
import type { Transaction } from 'dexie';
import { criteriaFromText, type CriterionV2 } from '$lib/core/migrations/criteriaText';

export async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table('projects')
    .toCollection()
    .modify((p: { createdAt: string; updatedAt?: string }) => {
      p.updatedAt ??= p.createdAt;
    });
  await tx
    .table('canvases')
    .toCollection()
    .modify((c: { criteriaText?: string[]; criteria?: CriterionV2[]; unparsedCriteria?: string[]; crispPhase?: string }) => {
      const { criteria, unparsed } = criteriaFromText(c.criteriaText ?? []);
      c.criteria = [...(c.criteria ?? []), ...criteria];
      if (unparsed.length) c.unparsedCriteria = unparsed;
      c.crispPhase ??= 'business-understanding';
      delete c.criteriaText;
    });
}
