import { describe, expect, it } from 'vitest';
import { chooseBackend, measurementKey, type BackendMeasurement } from '$lib/core/compute/backendChoice';

const ok = { productError: 1e-7, gradientError: 2e-7, ok: true };
const cpu = (ms: number): BackendMeasurement => ({ backend: 'cpu', available: true, ms, reason: null, kernelCheck: ok });
const webgl = (ms: number, extra: Partial<BackendMeasurement> = {}): BackendMeasurement => ({ backend: 'webgl', available: true, ms, reason: null, kernelCheck: ok, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)', ...extra });

describe('chooseBackend', () => {
  it('takes the faster backend and says so with both timings', () => {
    expect(chooseBackend([cpu(21), webgl(480)])).toEqual({ backend: 'cpu', by: 'measurement', reason: 'CPU: 21 ms per training step against 480 ms on WebGL (SwiftShader).' });
    const gpu = chooseBackend([cpu(21), webgl(4, { renderer: 'NVIDIA GeForce RTX 3060' })]);
    expect(gpu).toEqual({ backend: 'webgl', by: 'measurement', reason: 'WebGL: 4.0 ms per training step against 21 ms on CPU.' });
  });

  it('gives a tie within 10 % to the CPU', () => {
    expect(chooseBackend([cpu(20), webgl(18.5)]).backend).toBe('cpu');
    expect(chooseBackend([cpu(20), webgl(18.5)]).reason).toMatch(/within 10 %/);
    expect(chooseBackend([cpu(20), webgl(17.9)]).backend).toBe('webgl');
  });

  it('never chooses a backend whose kernel check failed, however fast', () => {
    const wrong = webgl(1, { kernelCheck: { productError: 0.3, gradientError: 0.1, ok: false } });
    const decision = chooseBackend([cpu(50), wrong]);
    expect(decision.backend).toBe('cpu');
    expect(decision.reason).toMatch(/WebGL \(SwiftShader\) computes the sparse product wrongly/);
  });

  it('takes the CPU with the reason when WebGL is unavailable or could not be measured', () => {
    const off: BackendMeasurement = { backend: 'webgl', available: false, ms: null, reason: 'WebGL is not available in this browser', kernelCheck: null };
    expect(chooseBackend([cpu(30), off])).toEqual({ backend: 'cpu', by: 'measurement', reason: 'CPU: 30 ms per training step; WebGL is unavailable: WebGL is not available in this browser.' });
    const noKernel = webgl(0, { ms: null, kernelCheck: null, reason: "the sparse kernel failed: Kernel 'CsrMatMul' not registered for backend 'webgl'" });
    expect(chooseBackend([cpu(30), noKernel]).reason).toMatch(/WebGL \(SwiftShader\) could not be measured: the sparse kernel failed: Kernel 'CsrMatMul' not registered/);
  });

  it('lets a timing stopped early lose to a finished one', () => {
    const decision = chooseBackend([cpu(5), webgl(650, { stoppedEarly: true })]);
    expect(decision).toEqual({ backend: 'cpu', by: 'measurement', reason: 'CPU: 5.0 ms per training step against WebGL (SwiftShader), stopped after 650 ms.' });
  });

  it('lets a person’s choice win, unless that backend is known not to work', () => {
    expect(chooseBackend([cpu(21), webgl(480)], 'webgl')).toEqual({ backend: 'webgl', by: 'person', reason: 'WebGL chosen for this run.' });
    expect(chooseBackend([cpu(90), webgl(4)], 'cpu')).toEqual({ backend: 'cpu', by: 'person', reason: 'CPU chosen for this run.' });
    expect(chooseBackend([], 'webgl').backend).toBe('webgl');
    const off: BackendMeasurement = { backend: 'webgl', available: false, ms: null, reason: 'no context', kernelCheck: null };
    expect(chooseBackend([cpu(21), off], 'webgl')).toMatchObject({ backend: 'cpu', by: 'person', reason: 'WebGL was chosen for this run, but WebGL is unavailable: no context; CPU used instead.' });
  });

  it('falls back to the CPU when nothing could be measured', () => {
    expect(chooseBackend([])).toMatchObject({ backend: 'cpu', by: 'measurement' });
  });
});

describe('measurementKey', () => {
  it('differs by user agent, renderer and build', () => {
    const keys = new Set([
      measurementKey('UA', 'R', '1.0.0'),
      measurementKey('UA2', 'R', '1.0.0'),
      measurementKey('UA', 'R2', '1.0.0'),
      measurementKey('UA', 'R', '1.0.1'),
      measurementKey('UA', null, '1.0.0'),
    ]);
    expect(keys.size).toBe(5);
  });
});
