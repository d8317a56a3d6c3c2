import { createPredictor, type Predictor } from '$lib/core/serving/inference';
import { mayUseVersion, type UseDecision } from '$lib/core/registry/retirement';
import type { ModelToServe } from '$lib/db/modelFiles';
import type { ModelVersionRecord } from '$lib/db/records';
import { DEPLOYMENT_TTL_MS } from './activeDeployments';

export interface LoadedModel {
  version: ModelVersionRecord;
  predictor: Predictor;
}

/**
 * The served-model cache: each version's predictor (pure-JS inference) is built once, on its
 * first request. A load that fails is forgotten, so the next request tries again. Whether a
 * version may still answer (retirement) is asked of its record, re-read at most every
 * DEPLOYMENT_TTL_MS (at once after `invalidate`), since a deprecation changes no predictor.
 */
export class ServedModels {
  #loaded = new Map<string, Promise<LoadedModel>>();
  #records = new Map<string, { at: number; record: Promise<ModelVersionRecord | undefined> }>();

  constructor(
    private readonly read: (versionId: string) => Promise<ModelToServe | undefined>,
    private readonly readVersion: (versionId: string) => Promise<ModelVersionRecord | undefined>,
    /** Monotonic milliseconds, for the age of a cached record. */
    private readonly now: () => number,
  ) {}

  get(versionId: string): Promise<LoadedModel> {
    let entry = this.#loaded.get(versionId);
    if (!entry) {
      entry = this.read(versionId).then((served) => {
        if (!served) throw new Error('The deployed model version is missing from the registry.');
        const predictor = createPredictor({ model: served.files as never, vectorizer: served.files.vectorizer, classes: served.classes });
        return { version: served.version, predictor };
      });
      entry.catch(() => this.#loaded.delete(versionId));
      this.#loaded.set(versionId, entry);
    }
    return entry;
  }

  /**
   * May the version answer at `wallMs` (ms since the epoch), and with which headers
   * (core/registry/retirement.ts)? A missing record is allowed here: `get` then fails with its 500.
   */
  async serving(versionId: string, wallMs: number): Promise<UseDecision> {
    let cached = this.#records.get(versionId);
    if (!cached || this.now() - cached.at > DEPLOYMENT_TTL_MS) {
      cached = { at: this.now(), record: this.readVersion(versionId) };
      cached.record.catch(() => this.#records.delete(versionId));
      this.#records.set(versionId, cached);
    }
    const record = await cached.record;
    return record ? mayUseVersion(record, 'serve', wallMs) : { allowed: true, headers: {} };
  }

  /** Forget the cached version records (after a deprecation, a retirement or a deployment). */
  invalidate(): void {
    this.#records.clear();
  }
}
