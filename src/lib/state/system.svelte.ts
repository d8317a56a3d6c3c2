import { CURRENT_SCHEMA_VERSION, requestPersistentStorage, storageStatus, type StorageStatus } from '$lib/db';
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

  async refreshStorage(): Promise<void> {
    this.storage = await storageStatus();
  }

  async persist(): Promise<void> {
    await requestPersistentStorage();
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
