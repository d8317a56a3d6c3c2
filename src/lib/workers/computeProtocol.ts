/** Messages of the compute worker (TF.js), carried by rpc.ts. */

export type BackendName = 'webgl' | 'cpu';

export interface BackendReport {
  /** The backend TF.js really uses after initialisation. */
  backend: BackendName;
  /** Why the CPU is used when WebGL was asked for; null when WebGL runs. */
  fallbackReason: string | null;
  webglVersion: number | null;
  /** GPU renderer string; "SwiftShader" means WebGL emulated in software. */
  renderer: string | null;
  /** A 64×64 matrix product checked against plain arithmetic: max absolute difference. */
  checkMaxError: number;
  checkMs: number;
  /** Tensors alive after the check minus before it; 0 means no leak. */
  tensorsLeaked: number;
  tfVersion: string;
}

export type ComputeRequest = { type: 'probe'; preferred: BackendName };
