/**
 * Upgrade functions, one per schema version. Each takes the data as the previous version left
 * it and must keep every record: what cannot be converted is carried along, never dropped.
 */
import type { Transaction } from 'dexie';
import { parseCriterion, type SuccessCriterion } from '$lib/core/lifecycle/criteria';

/** v1 → v2: backfill `projects.updatedAt`; turn free-text criteria into structured ones. */
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
    .modify((c: { criteriaText?: string[]; criteria?: SuccessCriterion[]; unparsedCriteria?: string[]; crispPhase?: string }) => {
      const criteria: SuccessCriterion[] = c.criteria ?? [];
      const unparsed: string[] = [];
      (c.criteriaText ?? []).forEach((line, i) => {
        if (!line.trim()) return;
        const parsed = parseCriterion(line, `migrated-${i + 1}`);
        if (parsed.ok) criteria.push(parsed.criterion);
        else unparsed.push(line);
      });
      c.criteria = criteria;
      if (unparsed.length) c.unparsedCriteria = unparsed;
      c.crispPhase ??= 'business-understanding';
      delete c.criteriaText;
    });
}
