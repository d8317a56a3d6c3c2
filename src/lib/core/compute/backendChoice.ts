/**
 * Which TF.js backend trains: the one that ran a representative training step fastest on this
 * device, unless a person chose one for the run. Measured, because "a GPU is faster" is false
 * where WebGL is emulated in software (SwiftShader): there one step of the default trainer took
 * 20–30× the CPU's time (notes on issue 18). Every path that starts TF.js asks this function.
 */
import type { KernelCheck } from '../models/kernelCheck';

export type ComputeBackend = 'cpu' | 'webgl';
/** 'auto': the measured choice; a backend name: a person's choice for this run. */
export type BackendPreference = 'auto' | ComputeBackend;

/** One backend as measured on this device. */
export interface BackendMeasurement {
  backend: ComputeBackend;
  /** Whether the backend started at all. */
  available: boolean;
  /** Median time of one training step, ms; null when it could not be measured (see `reason`). */
  ms: number | null;
  /** True when the timing was stopped because it already took far longer than the CPU's: `ms` is then the time spent, not a step. */
  stoppedEarly?: boolean;
  /** Why it is unavailable or was not measured; null when measured. */
  reason: string | null;
  /** The sparse kernel against dense TF.js on that backend (core/models/kernelCheck.ts). */
  kernelCheck: KernelCheck | null;
  /** The GPU renderer (WebGL), e.g. "SwiftShader" for software emulation. */
  renderer?: string | null;
}

export interface BackendDecision {
  backend: ComputeBackend;
  /** 'measurement': the faster on this device; 'person': chosen for the run. */
  by: 'measurement' | 'person';
  /** The reason in words, e.g. "CPU: 21 ms per training step against 480 ms on WebGL (SwiftShader)". */
  reason: string;
}

/** WebGL must be more than this much faster than the CPU to be chosen: the CPU has no GPU context to lose. */
export const TIE_SHARE = 0.1;

const NAMES: Record<ComputeBackend, string> = { cpu: 'CPU', webgl: 'WebGL' };

export function backendLabel(backend: ComputeBackend | string): string {
  return NAMES[backend as ComputeBackend] ?? backend;
}

/** The backend with its renderer when that says something ("WebGL (SwiftShader)"). */
function named(m: BackendMeasurement): string {
  const renderer = m.renderer && /swiftshader/i.test(m.renderer) ? 'SwiftShader' : null;
  return renderer ? `${backendLabel(m.backend)} (${renderer})` : backendLabel(m.backend);
}

/** "21 ms", "4.2 ms", "1,250 ms". */
export function msText(ms: number): string {
  return `${ms >= 10 ? Math.round(ms).toLocaleString('en') : ms.toFixed(1)} ms`;
}

/** "480 ms on WebGL (SwiftShader)", or "WebGL (SwiftShader), stopped after 650 ms". */
function against(m: BackendMeasurement): string {
  return m.stoppedEarly ? `${named(m)}, stopped after ${msText(m.ms ?? 0)}` : `${msText(m.ms ?? 0)} on ${named(m)}`;
}

/** Time per step for ranking: a timing stopped early lost to every finished one. */
const rank = (m: BackendMeasurement) => (m.stoppedEarly ? 1e12 + (m.ms ?? 0) : (m.ms ?? Infinity));

/** Why a backend cannot be chosen, or null when it can. */
export function unusable(m: BackendMeasurement): string | null {
  if (!m.available) return `${named(m)} is unavailable: ${m.reason ?? 'it did not start'}`;
  if (m.kernelCheck && !m.kernelCheck.ok) return `${named(m)} computes the sparse product wrongly (error ${m.kernelCheck.productError.toExponential(1)})`;
  if (m.ms === null) return `${named(m)} could not be measured: ${m.reason ?? 'no timing'}`;
  return null;
}

/**
 * The backend to train on. An available backend a person chose wins; otherwise the faster usable
 * one, a tie (within TIE_SHARE) going to the CPU; a backend whose kernel check failed is never
 * chosen. With nothing usable the CPU is the answer (TF.js always has it), saying why.
 */
export function chooseBackend(measurements: readonly BackendMeasurement[], preference: BackendPreference = 'auto'): BackendDecision {
  const of = (b: ComputeBackend) => measurements.find((m) => m.backend === b);
  if (preference !== 'auto') {
    const chosen = of(preference);
    // Unmeasured is fine for a person's choice; a known failure is not.
    const problem = chosen && (!chosen.available || (chosen.kernelCheck && !chosen.kernelCheck.ok)) ? unusable(chosen) : null;
    if (!problem) return { backend: preference, by: 'person', reason: `${backendLabel(preference)} chosen for this run.` };
    const other: ComputeBackend = preference === 'cpu' ? 'webgl' : 'cpu';
    return { backend: other, by: 'person', reason: `${backendLabel(preference)} was chosen for this run, but ${problem}; ${backendLabel(other)} used instead.` };
  }
  const usable = measurements.filter((m) => unusable(m) === null);
  const problems = measurements.map(unusable).filter((p): p is string => p !== null);
  if (usable.length === 0) {
    return { backend: 'cpu', by: 'measurement', reason: `CPU, since no backend could be measured (${problems.join('; ') || 'no measurements'}).` };
  }
  const cpu = usable.find((m) => m.backend === 'cpu');
  const best = usable.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  const winner = cpu && best !== cpu && rank(best) >= rank(cpu) * (1 - TIE_SHARE) ? cpu : best;
  const others = usable.filter((m) => m !== winner);
  const versus = others.map(against).join(', ');
  const tie = winner === cpu && others.some((m) => rank(m) < rank(cpu)) ? ' (within 10 %: the CPU has no GPU context to lose)' : '';
  const left = problems.length ? `; ${problems.join('; ')}` : '';
  const step = winner.stoppedEarly ? `stopped after ${msText(winner.ms ?? 0)}` : `${msText(winner.ms ?? 0)} per training step`;
  const reason = `${named(winner)}: ${step}${versus ? ` against ${versus}` : ''}${tie}${left}.`;
  return { backend: winner.backend, by: 'measurement', reason };
}

/** The cache key of a measurement: it holds for one browser, GPU and app build. */
export function measurementKey(userAgent: string, renderer: string | null, buildVersion: string): string {
  return `${userAgent} | ${renderer ?? 'no WebGL'} | ${buildVersion}`;
}
