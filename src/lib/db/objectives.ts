/** A project's objectives and key results, kept on its canvas record (core/lifecycle/objectives.ts). */
import type { LifecycleDatabase } from './database';
import { copyObjectives, objectivesProblems, type Objective } from '$lib/core/lifecycle/objectives';
import { keptLinks } from '$lib/core/lifecycle/valueEffort';
import { formatProblem } from '$lib/core/documents/problems';
import { counted } from '$lib/core/words';
import { updateCanvas } from './canvas';

/**
 * Replaces the objectives, refusing any that name a criterion the project does not have; a
 * Value-vs-Effort item linked to a key result removed here loses that link in the same transaction.
 */
export function saveObjectives(db: LifecycleDatabase, projectId: string, objectives: Objective[]): Promise<void> {
  const keyResults = objectives.reduce((n, o) => n + (Array.isArray(o?.keyResults) ? o.keyResults.length : 0), 0);
  return updateCanvas(
    db,
    projectId,
    (c) => {
      const problems = objectivesProblems(objectives, new Set(c.criteria.map((x) => x.id)), '/objectives');
      if (problems.length) throw new Error(`The objectives were not saved: ${problems.map(formatProblem).join(' ')}`);
      c.objectives = copyObjectives(objectives);
      Object.assign(c, keptLinks(c));
    },
    { action: 'frame.objectives', detail: `${counted(objectives.length, 'objective')} with ${counted(keyResults, 'key result')} saved` },
  );
}
