/**
 * The content hash a sign-off of a model version covers. A model version record holds no hash
 * of its own — only ids (the version, its run) that an import renews — so a signature over ids
 * alone would say nothing about what is served. This is SHA-256 of the canonical JSON of the
 * run's files: the topology, the weight specs, the SHA-256 of the weight bytes and the fitted
 * vectorizer. It changes with any retrain and survives an export/import of the same files.
 */
import { canonicalJson, sha256Hex } from './canonicalJson';
import { hexOf } from '../hex';

/** A run's model files as stored (db RunArtifactRecord) or read back from a snapshot. */
export interface HashableModelFiles {
  modelTopology: unknown;
  weightSpecs: unknown;
  /** The little-endian TF.js weight buffer. */
  weightData: ArrayBuffer | Uint8Array;
  vectorizer: unknown;
}

/** SHA-256 hex of the model files' canonical form (weights by their own SHA-256). */
export async function modelFilesHash(files: HashableModelFiles, subtle = globalThis.crypto.subtle): Promise<string> {
  // A view of a stored ArrayBuffer; a Uint8Array (e.g. decoded base64) is copied, as its buffer may be shared.
  const bytes = new Uint8Array(files.weightData);
  const weights = hexOf(new Uint8Array(await subtle.digest('SHA-256', bytes)));
  const { modelTopology, weightSpecs, vectorizer } = files;
  return sha256Hex(canonicalJson({ modelTopology, weightSpecs, weightData: weights, vectorizer }));
}
