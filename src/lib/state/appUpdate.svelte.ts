/**
 * The app's service worker from the page: registers it, notices a new version waiting, and swaps
 * to it only when the person accepts and no job runs (core/offline/update.ts); reports the
 * offline copy's state for the Storage page.
 */
import { updateStep } from '$lib/core/offline/update';
import { onJobsChange, runningJobs } from '$lib/workers/runningJobs';
import { OFFLINE_STATUS, SKIP_WAITING, type OfflineStatus } from '$lib/workers/offlineProtocol';
import { askToKeepData } from './persistRequest';

class AppUpdate {
  /** A new version is installed and waits for the person (or already runs in another tab). */
  ready = $state(false);
  /** The jobs an accepted update waits for; empty when it does not wait. */
  waitingFor = $state.raw<string[]>([]);
  #registration: ServiceWorkerRegistration | null = null;
  #accepted = false;
  #unwatchJobs: (() => void) | null = null;

  async register(): Promise<void> {
    const container = navigator.serviceWorker;
    const registration = await container.register('/sw.js', { type: 'module', scope: '/' });
    this.#registration = registration;
    // The worker this page's code came from (null on a first visit).
    let loadedWith = container.controller;
    container.addEventListener('controllerchange', () => {
      // Ours: the accepted version took over, so load its page. Another tab's acceptance puts a
      // new worker under this page's old code: say so. Neither is the first install claiming the
      // page, nor a newly activated worker re-claiming the page it already serves.
      if (this.#accepted) location.reload();
      else if (loadedWith && container.controller !== loadedWith) this.ready = true;
      loadedWith ??= container.controller;
    });
    const watch = (worker: ServiceWorker | null) => {
      if (!worker) return;
      const check = () => {
        // Installed while an older version controls this page: it waits for the person.
        if (worker.state === 'installed' && container.controller) this.ready = true;
      };
      check();
      worker.addEventListener('statechange', check);
    };
    watch(registration.waiting);
    watch(registration.installing);
    registration.addEventListener('updatefound', () => watch(registration.installing));
    // Browsers look for a new sw.js on navigations; a tab left open all day also looks when it
    // comes back into view or back online.
    const look = () => void registration.update().catch(() => undefined);
    addEventListener('online', look);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && look());
    addEventListener('appinstalled', () => void askToKeepData('install'));
  }

  /** The person's "reload": now if no job runs (or `confirmed`), else once the jobs end. */
  accept(confirmed = false): void {
    const step = updateStep(runningJobs(), confirmed);
    if (step.kind === 'wait') {
      this.waitingFor = step.jobs;
      this.#unwatchJobs ??= onJobsChange(() => {
        const next = updateStep(runningJobs(), false);
        if (next.kind === 'apply') this.accept();
        else this.waitingFor = next.jobs;
      });
      return;
    }
    this.#unwatchJobs?.();
    this.#unwatchJobs = null;
    this.waitingFor = [];
    const waiting = this.#registration?.waiting;
    if (!waiting) {
      location.reload(); // the new version is already active (accepted in another tab)
      return;
    }
    this.#accepted = true;
    waiting.postMessage({ type: SKIP_WAITING });
  }

  /** Stops waiting for jobs: the banner offers the reload again. */
  cancelWait(): void {
    this.#unwatchJobs?.();
    this.#unwatchJobs = null;
    this.waitingFor = [];
  }

  /** The offline copy as the worker controlling this page sees it; null when no worker does. */
  async offlineStatus(): Promise<OfflineStatus | null> {
    const controller = globalThis.navigator?.serviceWorker?.controller;
    if (!controller) return null;
    const channel = new MessageChannel();
    const answer = new Promise<OfflineStatus>((resolve) => (channel.port1.onmessage = (event) => resolve(event.data as OfflineStatus)));
    controller.postMessage({ type: OFFLINE_STATUS }, [channel.port2]);
    return answer;
  }
}

export const appUpdate = new AppUpdate();
