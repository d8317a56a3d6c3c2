/**
 * Hash routes: every screen has a bookmarkable address.
 *   #/                        home (project list)
 *   #/system                  storage and compute backend
 *   #/p/<id>/<stage>          a project's lifecycle stage (frame, data, model, deploy, monitor, govern)
 *   #/p/<id>/<stage>/<view>   a view inside a stage, e.g. #/p/<id>/data/label
 */
import { STAGES, type StageId } from '$lib/core/lifecycle/stages';

export type Route =
  | { name: 'home' }
  | { name: 'system' }
  | { name: 'project'; projectId: string; stage: StageId; view?: string }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/system') return { name: 'system' };
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
    case 'project':
      return `#/p/${encodeURIComponent(route.projectId)}/${route.stage}${route.view ? `/${route.view}` : ''}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

export function stageHref(projectId: string, stage: StageId, view?: string): string {
  return routeHref({ name: 'project', projectId, stage, ...(view ? { view } : {}) });
}
