/** Where a mission step's link goes: a stage of the attempt's project, the drift lab at its scenario, or nowhere (this page). */
import type { StepWhere } from '$lib/core/practice/mission';
import type { MissionRecord } from '$lib/db';
import { routeHref, stageHref } from '$lib/state/routes';

export function stepHref(where: StepWhere, record: MissionRecord): string | null {
  if (where.kind === 'stage') return record.projectId ? stageHref(record.projectId, where.stage, where.view) : null;
  if (where.kind === 'lab') {
    const lab = record.start?.lab;
    return routeHref({ name: 'lab', view: 'diagnose', state: typeof lab === 'string' && lab ? lab : null });
  }
  return null;
}
