/**
 * Starts TF.js on the best backend available in this context: WebGL (in a worker through
 * OffscreenCanvas, software-emulated where there is no GPU) and the CPU otherwise.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from './computeProtocol';

export interface BackendChoice {
  backend: BackendName;
  fallbackReason: string | null;
}

let started: Promise<BackendChoice> | null = null;

export function startBackend(preferred: BackendName): Promise<BackendChoice> {
  started ??= (async () => {
    // Must precede the first backend initialisation: headless and GPU-less machines only
    // offer WebGL through SwiftShader, which TF.js otherwise refuses.
    tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
    if (preferred === 'webgl') {
      let reason = 'WebGL is not available in this browser.';
      try {
        // setBackend resolves false instead of throwing when the backend cannot start.
        if ((await tf.setBackend('webgl')) && tf.getBackend() === 'webgl') {
          await tf.ready();
          return { backend: 'webgl', fallbackReason: null };
        }
      } catch (error) {
        reason = `WebGL failed to start: ${error instanceof Error ? error.message : String(error)}`;
      }
      await tf.setBackend('cpu');
      await tf.ready();
      return { backend: 'cpu', fallbackReason: reason };
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return { backend: 'cpu', fallbackReason: null };
  })();
  return started;
}

/** Whether an error means the GPU context went away (driver reset, too many contexts, tab in background). */
export function isContextLost(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  if (/context (was )?lost|CONTEXT_LOST/i.test(message)) return true;
  const gl = (tf.getBackend() === 'webgl' ? (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl : null) ?? null;
  return gl?.isContextLost() ?? false;
}

/** Moves TF.js to the CPU for the rest of this worker's life, recording why. */
export async function fallBackToCpu(reason: string): Promise<BackendChoice> {
  await tf.setBackend('cpu');
  await tf.ready();
  const choice: BackendChoice = { backend: 'cpu', fallbackReason: reason };
  started = Promise.resolve(choice);
  return choice;
}

/** WebGL version and renderer of the active backend, when it is WebGL. */
export function webglInfo(): { version: number | null; renderer: string | null } {
  if (tf.getBackend() !== 'webgl') return { version: null, renderer: null };
  const version = tf.env().getNumber('WEBGL_VERSION') || null;
  let renderer: string | null = null;
  try {
    const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } };
    const gl = backend.gpgpu?.gl;
    if (gl) {
      const ext = gl.getExtension('WEBGL_debug_renderer_info');
      renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    }
  } catch {
    renderer = null;
  }
  return { version, renderer };
}
