import { CURRENT_SCHEMA_VERSION, requestPersistentStorage, storageStatus, type StorageStatus } from '$lib/db';
import { probeBackend } from '$lib/workers/computeClient';
import type { BackendReport } from '$lib/workers/computeProtocol';

/** What this browser gives the app: storage and the compute backend. */
export class SystemState {
  storage = $state.raw<StorageStatus | null>(null);
  backend = $state.raw<BackendReport | null>(null);
  backendError = $state<string | null>(null);
  checkingBackend = $state(false);
  readonly schemaVersion = CURRENT_SCHEMA_VERSION;
  readonly appVersion = __APP_VERSION__;

  async refreshStorage(): Promise<void> {
    this.storage = await storageStatus();
  }

  async persist(): Promise<void> {
    await requestPersistentStorage();
    await this.refreshStorage();
  }

  async checkBackend(): Promise<void> {
    this.checkingBackend = true;
    this.backendError = null;
    try {
      this.backend = await probeBackend('webgl');
    } catch (error) {
      this.backendError = error instanceof Error ? error.message : String(error);
    } finally {
      this.checkingBackend = false;
    }
  }
}
