import type { LogSettings } from '$lib/core/monitor/logSettings';
import { DEPLOYMENT_TTL_MS } from './activeDeployments';

/**
 * Each project's log settings (masking, retention), read at most every DEPLOYMENT_TTL_MS like the
 * deployments, so a prediction costs no extra database read; the page's invalidation message
 * after a change makes the next request read them again.
 */
export class ProjectLogSettings {
  #cached = new Map<string, { at: number; settings: Promise<LogSettings> }>();

  constructor(
    private readonly read: (projectId: string) => Promise<LogSettings>,
    private readonly now: () => number,
  ) {}

  of(projectId: string): Promise<LogSettings> {
    const hit = this.#cached.get(projectId);
    if (hit && this.now() - hit.at <= DEPLOYMENT_TTL_MS) return hit.settings;
    const settings = this.read(projectId);
    settings.catch(() => this.#cached.delete(projectId));
    this.#cached.set(projectId, { at: this.now(), settings });
    return settings;
  }

  invalidate(): void {
    this.#cached.clear();
  }
}
