import { describe, expect, it } from 'vitest';
import { checkArtefacts, formatDelay, type ArtefactInput } from '$lib/core/monitor/artefactChecks';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const predictAt = (ms: number, status = 200) => ({ at: iso(ms), route: '/api/v1/predict', status });

/** A window [T0, T0 + 1 h) with the hour before it as the previous window. */
function input(over: Partial<ArtefactInput> = {}): ArtefactInput {
  return { from: T0, to: T0 + HOUR, requests: [], predictions: [], probes: [], ...over };
}

describe('"Is it real?": monitoring artefacts before a quality drop', () => {
  it('compares predict requests per hour with the window before, flagging a halving or doubling', () => {
    const before = Array.from({ length: 10 }, (_, i) => predictAt(T0 - HOUR + i * 60_000));
    const steady = Array.from({ length: 12 }, (_, i) => predictAt(T0 + i * 60_000));
    const report = checkArtefacts(input({ requests: [...before, ...steady, { at: iso(T0), route: '/api/v1/health', status: 200 }] }));
    expect(report.volume).toEqual({ perHour: 12, previousPerHour: 10 });
    expect(report.checks[0]).toMatchObject({ id: 'volume', status: 'ok', finding: expect.stringContaining('(×1.20)') });
    const halved = checkArtefacts(input({ requests: [...before, ...steady.slice(0, 5)] }));
    expect(halved.checks[0].status).toBe('look');
    const doubled = checkArtefacts(input({ requests: [...before, ...Array.from({ length: 20 }, (_, i) => predictAt(T0 + i * 1000))] }));
    expect(doubled.checks[0].status).toBe('look');
    // Exactly ÷2 is already a look; a 24-hour window divides by 24.
    expect(checkArtefacts({ ...input({ requests: [predictAt(T0 - 1), predictAt(T0 - 2), predictAt(T0 + 1)] }) }).checks[0].status).toBe('look');
    const day = checkArtefacts({ from: T0, to: T0 + 24 * HOUR, requests: [predictAt(T0 + 5)], predictions: [], probes: [] });
    expect(day.volume.perHour).toBeCloseTo(1 / 24, 10);
    // Nothing the day before: nothing to compare with, so no finding.
    expect(day.checks[0]).toMatchObject({ status: 'ok', finding: expect.stringContaining('nothing to compare with') });
  });

  it('finds minutes with answered requests but no logged predictions, and healthy probes the log lacks', () => {
    const requests = [predictAt(T0 + 30_000), predictAt(T0 + 90_000), predictAt(T0 + 150_000, 422), { at: iso(T0 + 5_000), route: '/api/v1/health', status: 200 }];
    const predictions = [{ at: iso(T0 + 31_000) }];
    const probes = [{ at: iso(T0 + 4_000), ok: true }, { at: iso(T0 + 600_000), ok: true }, { at: iso(T0 + 700_000), ok: false }];
    const report = checkArtefacts(input({ requests, predictions, probes }));
    // Minute 1 answered (200) without a logged prediction; minute 2's request was refused (422), so no prediction is expected.
    expect(report.logging).toEqual({ minutesWithoutLogs: 1, probesWithoutLogs: 1, firstGapAt: iso(T0 + 60_000) });
    expect(report.checks[1]).toMatchObject({ status: 'look', finding: expect.stringContaining('1 minute with answered requests but no logged prediction (first 2026-03-02 10:01 UTC)') });
    expect(checkArtefacts(input({ requests: requests.slice(0, 1), predictions })).checks[1].status).toBe('ok');
  });

  it('measures the outcome delay (median) and the share of predictions still waiting', () => {
    const at = (s: number) => iso(T0 + s * 1000);
    const predictions = [
      { at: at(0), outcome: 'a', outcomeAt: at(10) },
      { at: at(0), outcome: 'a', outcomeAt: at(30) },
      { at: at(0), outcome: 'b', outcomeAt: at(90) },
      { at: at(0), outcome: 'b' }, // graded before outcome times were kept: counted, no delay
      { at: at(5) },
      { at: at(6), route: 'shadow' }, // a shadow score is not a prediction anyone waits on
    ];
    const report = checkArtefacts(input({ predictions }));
    expect(report.outcomes).toEqual({ predictions: 5, withOutcome: 4, pendingShare: 0.2, medianDelayMs: 30_000 });
    expect(report.checks[2]).toMatchObject({ status: 'ok', finding: '4 of 5 predictions have an outcome (80 %); outcomes arrive a median 30 s after the prediction.' });
    const waiting = checkArtefacts(input({ predictions: [...predictions, { at: at(7) }, { at: at(8) }, { at: at(9) }, { at: at(9) }] }));
    expect(waiting.outcomes.pendingShare).toBeCloseTo(5 / 9, 10);
    expect(waiting.checks[2]).toMatchObject({ status: 'look', finding: expect.stringContaining('read from the few that arrived') });
    expect(checkArtefacts(input()).outcomes).toEqual({ predictions: 0, withOutcome: 0, pendingShare: null, medianDelayMs: null });
  });

  it('formats delays in the unit that reads best', () => {
    expect([formatDelay(4_400), formatDelay(270_000), formatDelay(2.5 * HOUR), formatDelay(72 * HOUR)]).toEqual(['4 s', '4.5 min', '2.5 h', '3.0 days']);
  });
});
