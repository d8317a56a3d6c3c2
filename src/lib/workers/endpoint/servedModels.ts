import { createPredictor, type Predictor } from '$lib/core/serving/inference';
import type { ModelToServe } from '$lib/db/modelFiles';
import type { ModelVersionRecord } from '$lib/db/records';

export interface LoadedModel {
  version: ModelVersionRecord;
  predictor: Predictor;
}

/**
 * The served-model cache: each version's predictor (pure-JS inference) is built once, on its
 * first request. A load that fails is forgotten, so the next request tries again.
 */
export class ServedModels {
  #loaded = new Map<string, Promise<LoadedModel>>();

  constructor(private readonly read: (versionId: string) => Promise<ModelToServe | undefined>) {}

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
}
