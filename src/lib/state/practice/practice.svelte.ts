/**
 * The Practice pages' state: every mission's current attempt judged by `checkMission` (re-read
 * live as any store changes, so steps tick by themselves), the one start in progress with its
 * honest progress and cancel, the learner's written answers and the debrief download.
 */
import { loadMissionOverview, loadMissionOverviews, projectMissionOverview, saveMissionNote, type MissionOverview } from '$lib/db';
import { checkMission, MISSIONS, type MissionProgress } from '$lib/core/practice/catalogue';
import { buildDebrief, debriefMarkdown, type Debrief } from '$lib/core/practice/debrief';
import type { MissionId } from '$lib/core/practice/mission';
import { formatDateTime } from '$lib/format';
import { downloadText, fileSlug } from '$lib/download';
import { db } from '../database.svelte';
import { Live } from '../live.svelte';
import { notices } from '../notices.svelte';
import { router } from '../router.svelte';
import { routeHref } from '../routes';
import { askToKeepData } from '../persistRequest';
import { MissionCancelled, startMission } from './startMission';
import { TEMPLATES } from './templates';

/** A started mission as the pages show it. */
export interface MissionView extends MissionOverview {
  progress: MissionProgress;
}

const view = (o: MissionOverview | null): MissionView | null => (o ? { ...o, progress: checkMission(o.state) } : null);

export const missionBoard = new Live(async () => {
  const all = await loadMissionOverviews(db);
  return Object.fromEntries(Object.entries(all).map(([id, o]) => [id, view(o)])) as Record<MissionId, MissionView | null>;
}, null);

export function liveMission(id: MissionId): Live<MissionView | null> {
  return new Live(async () => view(await loadMissionOverview(db, id)), null);
}

/** The mission whose current attempt made this project (for the strip on its pages). */
export function liveProjectMission(projectId: string): Live<MissionView | null> {
  return new Live(async () => view(await projectMissionOverview(db, projectId)), null);
}

export function debriefOf(v: MissionView): Debrief {
  return buildDebrief(v.progress, v.record.notes, `Attempt ${v.record.attempt}, started ${formatDateTime(v.record.startedAt)}`);
}

export function downloadDebrief(v: MissionView): void {
  downloadText(debriefMarkdown(debriefOf(v)), `debrief-${fileSlug(MISSIONS[v.record.id].title)}-attempt-${v.record.attempt}.md`, 'text/markdown');
}

/** Saves a written answer; returns an error message to show by the field, or null. */
export async function saveAnswer(id: MissionId, key: string, text: string): Promise<string | null> {
  try {
    await saveMissionNote(db, id, key, text);
    return null;
  } catch (error) {
    if (error instanceof RangeError) return error.message;
    notices.error(error);
    return 'Your answer could not be saved.';
  }
}

/** The one mission start running in this page, with its progress. */
class MissionStarter {
  running = $state<{ missionId: MissionId; text: string; fraction: number | null } | null>(null);
  error = $state<{ missionId: MissionId; text: string } | null>(null);
  #controller: AbortController | null = null;

  async start(id: MissionId): Promise<void> {
    if (this.running) return;
    this.error = null;
    this.#controller = new AbortController();
    this.running = { missionId: id, text: 'Preparing the starting point…', fraction: null };
    try {
      await startMission(db, id, TEMPLATES[id], {
        signal: this.#controller.signal,
        progress: (text, fraction) => {
          if (this.running) this.running = { missionId: id, text, fraction: fraction ?? null };
        },
      });
      // A mission project is the learner's own work from now on, as a project they create is.
      void askToKeepData('first-project');
      router.go(routeHref({ name: 'mission', missionId: id }));
    } catch (error) {
      if (!(error instanceof MissionCancelled)) {
        console.warn(error);
        this.error = { missionId: id, text: `The mission could not be started: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.` };
      }
    } finally {
      this.running = null;
      this.#controller = null;
    }
  }

  cancel(): void {
    this.#controller?.abort();
  }
}

export const missionStarter = new MissionStarter();
