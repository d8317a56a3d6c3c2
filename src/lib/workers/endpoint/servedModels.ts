import { createPredictor, type Predictor } from '$lib/core/serving/inference';
import { mayUseVersion, type UseDecision } from '$lib/core/registry/retirement';
import type { ModelToServe } from '$lib/db/modelFiles';
import type { ModelVersionRecord } from '$lib/db/records';
import { GATE_NOT_APPROVED } from '$lib/core/serving/api';
import { verdictAt, type GateInputs } from '$lib/db/governanceGate';
import { DEPLOYMENT_TTL_MS } from './activeDeployments';

/** Whether a version may answer: retirement's decision, or the policy's refusal (403 gate_not_approved). */
export type ServingDecision = UseDecision | { allowed: false; code: typeof GATE_NOT_APPROVED.code; reason: string };

/** A cached read and when it was made (monotonic ms). */
type Cached<T> = { at: number; value: Promise<T> };

export interface LoadedModel {
  version: ModelVersionRecord;
  predictor: Predictor;
}

/**
 * The served-model cache: each version's predictor (pure-JS inference) is built once, on its
 * first request. A load that fails is forgotten, so the next request tries again. Whether a
 * version may still answer (retirement, and the policy's gates) is asked of its record and its
 * gate inputs, re-read at most every DEPLOYMENT_TTL_MS (at once after `invalidate`), since
 * neither changes a predictor. The gates are asked per request at its time, so a waiver or an
 * approval runs out on time even from the cache.
 */
export class ServedModels {
  #loaded = new Map<string, Promise<LoadedModel>>();
  #records = new Map<string, Cached<ModelVersionRecord | undefined>>();
  #gates = new Map<string, Cached<GateInputs>>();

  constructor(
    private readonly read: (versionId: string) => Promise<ModelToServe | undefined>,
    private readonly readVersion: (versionId: string) => Promise<ModelVersionRecord | undefined>,
    /** What the policy's `serve` decision reads about a version (db/governanceGate.ts). */
    private readonly readGate: (versionId: string) => Promise<GateInputs>,
    /** Monotonic milliseconds, for the age of a cached record. */
    private readonly now: () => number,
  ) {}

  /** `read(id)` from `cache` while younger than DEPLOYMENT_TTL_MS; a failed read is forgotten. */
  #fresh<T>(cache: Map<string, Cached<T>>, id: string, read: (id: string) => Promise<T>): Promise<T> {
    let cached = cache.get(id);
    if (!cached || this.now() - cached.at > DEPLOYMENT_TTL_MS) {
      cached = { at: this.now(), value: read(id) };
      cached.value.catch(() => cache.delete(id));
      cache.set(id, cached);
    }
    return cached.value;
  }

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
   * May the version answer at `wallMs` (ms since the epoch), and with which headers? Retirement
   * first (core/registry/retirement.ts), then, unless it runs as a `shadow` (its scores answer
   * nobody), the policy's `serve` decision (core/governance/mayProceed.ts). A missing record is
   * allowed here: `get` then fails with its 500.
   */
  async serving(versionId: string, wallMs: number, role: 'serve' | 'shadow' = 'serve'): Promise<ServingDecision> {
    const record = await this.#fresh(this.#records, versionId, this.readVersion);
    const use = record ? mayUseVersion(record, 'serve', wallMs) : ({ allowed: true, headers: {} } as const);
    if (!use.allowed || role === 'shadow') return use;
    const verdict = verdictAt(await this.#fresh(this.#gates, versionId, this.readGate), 'serve', wallMs);
    return verdict.allowed ? use : { allowed: false, code: GATE_NOT_APPROVED.code, reason: verdict.reasons.join(' ') };
  }

  /** Forget the cached version records and gate inputs (after a deployment, a retirement or a governance decision). */
  invalidate(): void {
    this.#records.clear();
    this.#gates.clear();
  }
}
