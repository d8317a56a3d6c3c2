/**
 * Starts TF.js on the backend `chooseBackend` picks: measured at first use (a representative
 * training step on the CPU and on WebGL, which in a worker runs through OffscreenCanvas and is
 * emulated in software where there is no GPU), the measurement cached per device and build in the
 * settings table, or the backend a person chose for the run.
 */
import * as tf from '@tensorflow/tfjs';
import { checkCsrKernel } from '$lib/core/models/kernelCheck';
import { chooseBackend, measurementKey, type BackendDecision, type BackendMeasurement, type BackendPreference, type ComputeBackend } from '$lib/core/compute/backendChoice';
import { timeTrainingStep } from '$lib/core/compute/trainingStep';
import type { LifecycleDatabase } from '$lib/db/database';
import { nowIso } from '$lib/clock';
import { measuredBackends, type MeasuredBackends } from './measuredBackends';

export interface BackendChoice extends BackendDecision {
  /** Why WebGL was not used when a person chose it (or when its context was lost); null otherwise. */
  fallbackReason: string | null;
}

/**
 * WebGL's measurement (start, kernel check, steps) stops once it took this many times what the
 * CPU's steps took: it has lost by then. Based on the CPU's warm step, not its whole measurement,
 * which a busy machine inflates (cold JIT) enough to let SwiftShader finish and win on a warm
 * step it only reaches after seconds of shader compiles.
 */
const WEBGL_DEADLINE_FACTOR = 4;
/** …but never before this, ms, so a real GPU compiling its shaders once is not cut short. */
const WEBGL_MIN_DEADLINE_MS = 1000;
/** Steps `timeTrainingStep` runs by default (2 warm-up + 5 timed). */
const STEPS = 7;

let cache: LifecycleDatabase | null = null;
let measured: Promise<MeasuredBackends> | null = null;
/** Set once the WebGL context was lost: WebGL is not chosen again in this worker. */
let webglLost: string | null = null;

/** Keeps the measurement in this database (the compute worker's own connection). */
export function useMeasurementCache(db: LifecycleDatabase): void {
  cache = db;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Switches TF.js to `backend`; the reason when it cannot start. */
async function activate(backend: ComputeBackend): Promise<string | null> {
  // Must precede the first backend initialisation: headless and GPU-less machines only
  // offer WebGL through SwiftShader, which TF.js otherwise refuses.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  if (tf.getBackend() === backend) return null;
  try {
    // setBackend resolves false instead of throwing when the backend cannot start.
    if ((await tf.setBackend(backend)) && tf.getBackend() === backend) {
      await tf.ready();
      return null;
    }
    return `${backend === 'webgl' ? 'WebGL' : backend} is not available in this browser`;
  } catch (error) {
    return `it failed to start: ${errorText(error)}`;
  }
}

/** The GPU renderer, read from a throw-away context (cheaper than starting TF.js's WebGL backend). */
function deviceRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/**
 * Kernel check, then the timed step, on one backend; failures become reasons, never errors. Past
 * `deadlineMs` from the start (SwiftShader spends seconds compiling shaders) the timing is skipped or cut short.
 */
async function measureOne(backend: ComputeBackend, deadlineMs: number): Promise<BackendMeasurement> {
  const started = performance.now();
  const problem = await activate(backend);
  if (problem) return { backend, available: false, ms: null, reason: problem, kernelCheck: null };
  const renderer = backend === 'webgl' ? webglInfo().renderer : null;
  const base = { backend, available: true, renderer };
  let kernelCheck;
  try {
    kernelCheck = await checkCsrKernel();
  } catch (error) {
    return { ...base, ms: null, reason: `the sparse kernel failed: ${errorText(error)}`, kernelCheck: null };
  }
  if (!kernelCheck.ok) return { ...base, ms: null, reason: 'the sparse kernel check failed', kernelCheck };
  const spent = performance.now() - started;
  if (spent > deadlineMs) return { ...base, ms: spent, stoppedEarly: true, reason: null, kernelCheck };
  try {
    const timing = await timeTrainingStep({ now: () => performance.now(), deadlineMs: deadlineMs - spent });
    return { ...base, ms: timing.stoppedEarly ? performance.now() - started : timing.ms, stoppedEarly: timing.stoppedEarly, reason: null, kernelCheck };
  } catch (error) {
    return { ...base, ms: null, reason: `the training step failed: ${errorText(error)}`, kernelCheck };
  }
}

/** The CPU first, then WebGL with a deadline a few times the CPU's steps; leaves TF.js on the backend it found. */
async function measureAll(): Promise<BackendMeasurement[]> {
  const before = tf.getBackend() as ComputeBackend | undefined;
  const cpu = await measureOne('cpu', Infinity);
  const webgl = await measureOne('webgl', cpu.ms === null ? Infinity : Math.max(WEBGL_MIN_DEADLINE_MS, WEBGL_DEADLINE_FACTOR * STEPS * cpu.ms));
  await activate(before === 'webgl' && webgl.available ? 'webgl' : 'cpu');
  return [cpu, webgl];
}

/** This device's measurement: from the cache, or measured now (`again`: always measured). */
export function backendMeasurements(again = false): Promise<MeasuredBackends> {
  if (!measured || again) {
    const key = measurementKey(typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent, deviceRenderer(), __APP_VERSION__);
    const next = measuredBackends(cache, key, measureAll, { again, nowIso });
    // A failed measurement is tried again next time rather than remembered.
    next.catch(() => void (measured === next && (measured = null)));
    measured = next;
  }
  return measured;
}

/**
 * Starts TF.js for one job: 'auto' takes the measured choice, a backend name is a person's choice
 * for the run. A WebGL that cannot start (or lost its context earlier) gives the CPU, saying why.
 */
export async function startBackend(preference: BackendPreference): Promise<BackendChoice> {
  const known = preference === 'auto' ? (await backendMeasurements()).measurements : [];
  let decision = chooseBackend(known, preference);
  let fallbackReason: string | null = decision.backend !== preference && preference !== 'auto' ? decision.reason : null;
  if (decision.backend === 'webgl') {
    const problem = webglLost ?? (await activate('webgl'));
    if (problem === null) return { ...decision, fallbackReason };
    fallbackReason = `WebGL was not used: ${problem}.`;
    decision = { backend: 'cpu', by: decision.by, reason: `${decision.reason} ${fallbackReason}` };
  }
  const problem = await activate('cpu');
  if (problem) throw new Error(`TensorFlow.js could not start on the CPU: ${problem}`);
  return { ...decision, fallbackReason };
}

/** Whether an error means the GPU context went away (driver reset, too many contexts, tab in background). */
export function isContextLost(error: unknown): boolean {
  const message = errorText(error);
  if (/context (was )?lost|CONTEXT_LOST/i.test(message)) return true;
  const gl = (tf.getBackend() === 'webgl' ? (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl : null) ?? null;
  return gl?.isContextLost() ?? false;
}

/** Moves TF.js to the CPU for the rest of this worker's life, recording why; `by` is who chose the run's backend. */
export async function fallBackToCpu(reason: string, by: BackendDecision['by'] = 'measurement'): Promise<BackendChoice> {
  webglLost = reason;
  await activate('cpu');
  return { backend: 'cpu', by, reason, fallbackReason: reason };
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
