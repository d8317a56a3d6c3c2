import type { LogSettings } from '$lib/core/monitor/logSettings';
import type { RequestShape } from '$lib/db/requestContract';
import { DEPLOYMENT_TTL_MS } from './activeDeployments';

/**
 * Something read per project (log settings, request shape), read at most every DEPLOYMENT_TTL_MS
 * like the deployments, so a prediction costs no extra database read; the page's invalidation
 * message after a change makes the next request read it again.
 */
export class ProjectCache<T> {
  #cached = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly read: (projectId: string) => Promise<T>,
    private readonly now: () => number,
  ) {}

  of(projectId: string): Promise<T> {
    const hit = this.#cached.get(projectId);
    if (hit && this.now() - hit.at <= DEPLOYMENT_TTL_MS) return hit.value;
    const value = this.read(projectId);
    value.catch(() => this.#cached.delete(projectId));
    this.#cached.set(projectId, { at: this.now(), value });
    return value;
  }

  invalidate(): void {
    this.#cached.clear();
  }
}

/** Each project's log settings (masking, retention). */
export class ProjectLogSettings extends ProjectCache<LogSettings> {}

/** Each project's request contract and the order of its text fields. */
export class ProjectRequestShapes extends ProjectCache<RequestShape> {}
