import { CURRENT_SCHEMA_VERSION, storageStatus, type StorageStatus } from '$lib/db';
import { appUpdate } from './appUpdate.svelte';
import type { OfflineStatus } from '$lib/workers/offlineProtocol';
import { askToKeepData, lastPersistAnswer, type PersistAnswer } from './persistRequest';
import { measureBackends } from '$lib/workers/computeClient';
import type { BackendReport } from '$lib/workers/computeProtocol';

/** What this browser gives the app: storage and the compute backends, as measured here. */
export class SystemState {
  storage = $state.raw<StorageStatus | null>(null);
  backends = $state.raw<BackendReport | null>(null);
  backendError = $state<string | null>(null);
  measuring = $state(false);
  readonly schemaVersion = CURRENT_SCHEMA_VERSION;
  readonly appVersion = __APP_VERSION__;

  /** The app's last request to keep its data, and the browser's answer. */
  persistAnswer = $state.raw<PersistAnswer | null>(null);

  /** The offline copy as the controlling service worker reports it; null when none controls the page. */
  offline = $state.raw<OfflineStatus | null>(null);
  offlineRead = $state(false);

  async refreshOffline(): Promise<void> {
    this.offline = await appUpdate.offlineStatus().catch(() => null);
    this.offlineRead = true;
  }

  /** Reads the offline copy now and again whenever a (new) service worker takes over the page. */
  watchOffline(): () => void {
    void this.refreshOffline();
    const container = globalThis.navigator?.serviceWorker;
    const again = () => void this.refreshOffline();
    container?.addEventListener('controllerchange', again);
    return () => container?.removeEventListener('controllerchange', again);
  }

  async refreshStorage(): Promise<void> {
    this.storage = await storageStatus();
    this.persistAnswer = lastPersistAnswer();
  }

  async persist(): Promise<void> {
    await askToKeepData('asked');
    await this.refreshStorage();
  }

  /** The stored measurement of this device (measured now if there is none); `again` measures now regardless. */
  async measure(again = false): Promise<void> {
    this.measuring = true;
    this.backendError = null;
    try {
      this.backends = await measureBackends(again);
    } catch (error) {
      this.backendError = error instanceof Error ? error.message : String(error);
    } finally {
      this.measuring = false;
    }
  }
}
