/**
 * What an MLflow export is made from: plain facts of one project, shaped like the stored records
 * (a RunRecord, ModelVersionRecord or AliasEventRecord fits as it is), and what it is made into:
 * files under `mlruns/`.
 */
import type { RetirementFields } from '../../registry/retirement';
import type { SerializedModel } from '../../models/serialize';
import type { ModelVersionFacts, ParamValue } from '../../registry/modelVersionDocument';

export interface MlflowProjectInput {
  id: string;
  name: string;
  description: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
}

export interface MlflowRunInput {
  id: string;
  /** 1, 2, … within the project. */
  number: number;
  /** When the run finished and was stored, ISO 8601. */
  createdAt: string;
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  family: string;
  params: Readonly<Record<string, ParamValue>>;
  seed: string | number;
  backend: string;
  /** Flat, e.g. "test.accuracy". */
  metrics: Readonly<Record<string, number>>;
  /** Per-epoch series, e.g. loss. */
  curves: Readonly<Record<string, readonly number[]>>;
  /** Durations in ms (`totalMs` dates the start), and counts such as epochs. */
  timings: Readonly<Record<string, number>>;
  appVersion: string;
  /** '' when unknown (an imported model). */
  datasetVersionId: string;
  datasetVersionNumber?: number;
  classes?: readonly string[];
  fallbackReason?: string | null;
  warnings?: readonly string[];
  /** The run's report (RunEvaluation); written as `artifacts/evaluation.json` without example texts. */
  evaluation?: unknown;
  importedFrom?: { fileName: string; exportedBy: string };
}

/** `deprecated` / `retired` become the tags lifecycle_lab.deprecated / lifecycle_lab.retired. */
export interface MlflowModelVersionInput extends RetirementFields {
  id: string;
  modelName: string;
  version: number;
  runId: string;
  datasetVersionId: string;
  createdAt: string;
  description: string;
  tags: Readonly<Record<string, string>>;
  aliases: readonly string[];
  archived: boolean;
  appVersion: string;
}

export interface MlflowAliasEventInput {
  modelName: string;
  alias: string;
  fromVersionId: string | null;
  toVersionId: string | null;
  at: string;
  by: string;
  reason: string;
}

/** A run's trained model, written under `artifacts/model/`. */
export interface MlflowRunArtifacts {
  model: SerializedModel;
  /** The fitted vectorizer (`TfidfVectorizer.toJSON()`). */
  vectorizer: unknown;
  /**
   * Facts of the model version registered from this run, when there is one: they make
   * `MODEL_CARD.md` and `lifecycle-lab.json`, so the folder is a complete model package.
   */
  version?: ModelVersionFacts | null;
}

export interface MlflowExportInput {
  project: MlflowProjectInput;
  runs: readonly MlflowRunInput[];
  modelVersions: readonly MlflowModelVersionInput[];
  aliasEvents?: readonly MlflowAliasEventInput[];
  /** Model files by run id; runs without an entry get no `artifacts/model/`. */
  artifacts?: ReadonlyMap<string, MlflowRunArtifacts>;
  /** Who exports: `user_id` and `mlflow.user` of the runs. Default "lifecycle-lab". */
  user?: string;
  /**
   * The absolute folder the person will unzip into (so `mlruns/` lands in it): artifact URIs are
   * then absolute `file://` URIs; blank or absent, relative "./mlruns" (artifactRoot.ts).
   */
  unzipFolder?: string;
}

/** One file of the export, its path starting with `mlruns/`. */
export interface MlflowFile {
  path: string;
  data: string | Uint8Array;
  /** False for incompressible data (weights). Default true. */
  compress?: boolean;
}

export interface MlflowExport {
  files: MlflowFile[];
  /** What could not be written as it is (renamed models or keys, skipped aliases), for the user. */
  warnings: string[];
}
