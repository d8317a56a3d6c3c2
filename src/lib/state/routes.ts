/**
 * Hash routes: every screen has a bookmarkable address.
 *   #/                        home (project list)
 *   #/system                  storage and compute backend
 *   #/inventory               every registered model version across projects
 *   #/p/<id>/<stage>          a project's lifecycle stage (frame, data, model, deploy, monitor, govern)
 *   #/p/<id>/<stage>/<view>   a view inside a stage, e.g. #/p/<id>/data/label
 *   #/lab/ctr[/present][?s=…] the drift-diagnosis lab (CTR scenario); `present` is the facilitator
 *                             view, `s` the scenario state (config + actions + week) to reopen
 *   #/practice                the practice missions
 *   #/practice/<missionId>    one mission: its steps, progress and debrief
 */
import { STAGES, type StageId } from '$lib/core/lifecycle/stages';
import { isMissionId, type MissionId } from '$lib/core/practice/mission';

export type Route =
  | { name: 'home' }
  | { name: 'system' }
  | { name: 'inventory' }
  | { name: 'project'; projectId: string; stage: StageId; view?: string }
  | { name: 'lab'; view: LabView; state: string | null }
  | { name: 'practice' }
  | { name: 'mission'; missionId: MissionId }
  | { name: 'not-found'; path: string };

export const LAB_VIEWS = ['diagnose', 'present'] as const;
export type LabView = (typeof LAB_VIEWS)[number];

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const lab = /^\/lab\/ctr(?:\/(present))?\/?(?:\?s=([A-Za-z0-9_-]*))?$/.exec(raw);
  if (lab) return { name: 'lab', view: lab[1] === 'present' ? 'present' : 'diagnose', state: lab[2] || null };
  const path = raw.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/system') return { name: 'system' };
  if (path === '/inventory') return { name: 'inventory' };
  if (path === '/practice') return { name: 'practice' };
  const mission = /^\/practice\/([a-z-]+)$/.exec(path);
  if (mission && isMissionId(mission[1])) return { name: 'mission', missionId: mission[1] };
  const match = /^\/p\/([^/]+)(?:\/([^/]+))?(?:\/([a-z0-9-]+))?$/.exec(path);
  if (match) {
    const projectId = decodeURIComponent(match[1]);
    const stage = match[2] ?? 'frame';
    if ((STAGES as readonly string[]).includes(stage)) {
      return match[3] ? { name: 'project', projectId, stage: stage as StageId, view: match[3] } : { name: 'project', projectId, stage: stage as StageId };
    }
  }
  return { name: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'system':
      return '#/system';
    case 'inventory':
      return '#/inventory';
    case 'project':
      return `#/p/${encodeURIComponent(route.projectId)}/${route.stage}${route.view ? `/${route.view}` : ''}`;
    case 'lab':
      return `#/lab/ctr${route.view === 'present' ? '/present' : ''}${route.state ? `?s=${route.state}` : ''}`;
    case 'practice':
      return '#/practice';
    case 'mission':
      return `#/practice/${route.missionId}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export function stageHref(projectId: string, stage: StageId, view?: string): string {
  return routeHref({ name: 'project', projectId, stage, ...(view ? { view } : {}) });
}

/** The Data page's diff of dataset versions `from` and `to` (by number), e.g. the training data of two model versions. */
export function diffHref(projectId: string, from: number, to: number): string {
  return stageHref(projectId, 'data', `diff-${from}-${to}`);
}

/** The version numbers a `diff-<from>-<to>` view names, or null. */
export function diffPairOf(view: string | undefined): { from: number; to: number } | null {
  const m = /^diff-(\d+)-(\d+)$/.exec(view ?? '');
  return m ? { from: Number(m[1]), to: Number(m[2]) } : null;
}
