import type { DeploymentRecord } from '$lib/db/records';
import type { RequestFacts } from './context';

/** How long the endpoint trusts its copy of the active deployments, ms. */
export const DEPLOYMENT_TTL_MS = 2000;

/**
 * The active deployments, read at most every DEPLOYMENT_TTL_MS: a request then costs no database
 * read. The pages tell the service worker at once when they deploy or roll back (`invalidate`).
 */
export class ActiveDeployments {
  #cached: { at: number; list: Promise<DeploymentRecord[]> } | null = null;

  constructor(
    private readonly read: () => Promise<DeploymentRecord[]>,
    private readonly now: () => number,
  ) {}

  /** Every active deployment, the most recently activated first. */
  list(): Promise<DeploymentRecord[]> {
    if (!this.#cached || this.now() - this.#cached.at > DEPLOYMENT_TTL_MS) {
      const list = this.read();
      list.catch(() => (this.#cached = null));
      this.#cached = { at: this.now(), list };
    }
    return this.#cached.list;
  }

  /** Forget the cached list (after a deploy or a rollback). */
  invalidate(): void {
    this.#cached = null;
  }

  /**
   * The deployment that answers `request`: its `?project=`'s, else the most recently activated
   * (the endpoint serves one project at a time). Notes the project and deployment in `facts`.
   */
  async forRequest(request: Request, facts: RequestFacts): Promise<DeploymentRecord | undefined> {
    const projectId = new URL(request.url).searchParams.get('project');
    const deployment = (await this.list()).find((d) => !projectId || d.projectId === projectId);
    if (deployment) {
      facts.projectId = deployment.projectId;
      facts.deploymentId = deployment.id;
    }
    return deployment;
  }
}
