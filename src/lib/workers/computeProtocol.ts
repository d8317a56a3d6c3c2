/**
 * Messages between the page and the compute worker (TF.js). Every request carries an id;
 * the reply echoes it so the wrapper can match replies and drop stale ones.
 */

export type BackendName = 'webgl' | 'cpu';

export interface BackendReport {
  /** The backend TF.js really uses after initialisation. */
  backend: BackendName;
  /** Why the CPU is used when WebGL was asked for; null when WebGL runs. */
  fallbackReason: string | null;
  webglVersion: number | null;
  /** GPU renderer string; "SwiftShader" means WebGL emulated in software. */
  renderer: string | null;
  /** A 64×64 matrix product checked against the CPU result: max absolute difference. */
  checkMaxError: number;
  checkMs: number;
  /** Tensors alive after the check; must equal the count before it (no leak). */
  tensorsLeaked: number;
  tfVersion: string;
}

export type ComputeRequest = { type: 'probe'; id: number; preferred: BackendName };

export type ComputeReply =
  | { type: 'probe'; id: number; report: BackendReport }
  | { type: 'error'; id: number; message: string };
