import { describe, expect, it } from 'vitest';
import { normalizeSegmentRouting, requestSegment, routeBySegment, routedVersionIds, segmentRoutingErrors, type SegmentRouting } from '$lib/core/serving/segmentRouting';
import { segmentRouteStats } from '$lib/core/monitor/segmentRouteStats';
import { emptyEndpointCounters, mergeEndpointCounters, recordRequest, renderEndpointMetrics } from '$lib/core/serving/prometheus';

const routing: SegmentRouting = { field: 'tier', routes: [{ value: 'enterprise', modelVersionId: 'big' }, { value: 'pro', modelVersionId: 'big' }] };

describe('segment routing', () => {
  it('sends each value to its route and everything else to the served version, the same way every time', () => {
    for (let i = 0; i < 3; i++) {
      expect(routeBySegment(routing, 'small', 'enterprise')).toEqual({ modelVersionId: 'big', route: 'tier=enterprise' });
      expect(routeBySegment(routing, 'small', 'pro')).toEqual({ modelVersionId: 'big', route: 'tier=pro' });
      expect(routeBySegment(routing, 'small', 'smb')).toEqual({ modelVersionId: 'small', route: 'default' });
      expect(routeBySegment(routing, 'small', null)).toEqual({ modelVersionId: 'small', route: 'default' });
    }
    // Values compare exactly: a route is a promise about who answers, not a guess.
    expect(routeBySegment(routing, 'small', 'Enterprise').route).toBe('default');
  });

  it('reads the value from the record, then metadata, then the body', () => {
    expect(requestSegment({ text: 'x', tier: ' enterprise ' }, 'tier')).toEqual({ ok: true, value: 'enterprise' });
    expect(requestSegment({ text: 'x', metadata: { tier: 'pro' }, tier: 'smb' }, 'tier')).toEqual({ ok: true, value: 'pro' });
    expect(requestSegment({ fields: { body: 'x', tier: 'pro' }, metadata: { tier: 'smb' } }, 'tier')).toEqual({ ok: true, value: 'pro' });
    expect(requestSegment({ records: [{ body: 'x' }, { body: 'y' }], tier: 'smb' }, 'tier')).toEqual({ ok: true, value: 'smb' });
    expect(requestSegment({ texts: ['x'], tier: 3 }, 'tier')).toEqual({ ok: true, value: null });
    expect(requestSegment({ text: 'x' }, 'tier')).toEqual({ ok: true, value: null });
  });

  it('refuses a batch whose records name different segments, naming the record', () => {
    const mixed = requestSegment({ records: [{ body: 'x', tier: 'pro' }, { body: 'y', tier: 'smb' }] }, 'tier');
    expect(mixed.ok).toBe(false);
    expect(!mixed.ok && mixed.message).toContain('"records[1]" has tier "smb"');
  });

  it('says what is wrong with a routing', () => {
    expect(segmentRoutingErrors(routing, 'small')).toEqual([]);
    expect(segmentRoutingErrors({ field: ' ', routes: [] }, 'small')).toEqual(['Name the request field to route by, e.g. segment.', 'Add at least one route: a value and the version that answers it.']);
    expect(segmentRoutingErrors({ field: 'text', routes: [{ value: 'a', modelVersionId: 'big' }] }, 'small')[0]).toContain('"text" is part of the request');
    expect(segmentRoutingErrors({ field: 'tier', routes: [{ value: 'a', modelVersionId: 'big' }, { value: 'a ', modelVersionId: 'big' }] }, 'small')).toEqual(['Two routes take the value "a".']);
    expect(segmentRoutingErrors({ field: 'tier', routes: [{ value: 'a', modelVersionId: 'small' }] }, 'small')[0]).toContain('Every route goes to the default version');
    expect(normalizeSegmentRouting({ field: ' tier ', routes: [{ value: ' a ', modelVersionId: 'big' }] })).toEqual({ field: 'tier', routes: [{ value: 'a', modelVersionId: 'big' }] });
    expect(routedVersionIds('small', routing)).toEqual(['small', 'big']);
  });
});

describe('per-route counts', () => {
  it('counts requests, answers and accuracy per route, the default last, shadow scores and unrouted logs left out', () => {
    const requests = [{ segmentRoute: 'tier=enterprise' }, { segmentRoute: 'tier=enterprise' }, { segmentRoute: 'default' }, {}];
    const answers = [
      { segmentRoute: 'tier=enterprise', modelVersionId: 'big', label: 'A', outcome: 'A' },
      { segmentRoute: 'tier=enterprise', modelVersionId: 'big', label: 'B', outcome: 'A' },
      { segmentRoute: 'tier=enterprise', modelVersionId: 'big', label: 'A' },
      { segmentRoute: 'default', modelVersionId: 'small', label: 'A', outcome: 'A' },
      { segmentRoute: 'default', route: 'shadow', modelVersionId: 'big', label: 'A', outcome: 'A' },
      { modelVersionId: 'small', label: 'A', outcome: 'B' },
    ];
    expect(segmentRouteStats(requests, answers)).toEqual([
      { route: 'tier=enterprise', requests: 2, answers: 3, withOutcome: 2, correct: 1, accuracy: 0.5, versionIds: ['big'] },
      { route: 'default', requests: 1, answers: 1, withOutcome: 1, correct: 1, accuracy: 1, versionIds: ['small'] },
    ]);
  });

  it('counts /metrics predictions per route and version, and merges stored counters', () => {
    const counters = emptyEndpointCounters();
    recordRequest(counters, { route: '/api/v1/predict', status: 200, durationSeconds: 0.001, predictions: [{ label: 'A', modelVersion: 2 }, { label: 'B', modelVersion: 2 }], segmentRoute: 'tier=enterprise' });
    recordRequest(counters, { route: '/api/v1/predict', status: 200, durationSeconds: 0.001, predictions: [{ label: 'A', modelVersion: 1 }], segmentRoute: 'default' });
    const merged = mergeEndpointCounters(structuredClone(counters), counters);
    const text = renderEndpointMetrics({ ...merged, models: [] });
    expect(text).toContain('lifecycle_lab_routed_predictions_total{route="tier=enterprise",model_version="2"} 4\n');
    expect(text).toContain('lifecycle_lab_routed_predictions_total{route="default",model_version="1"} 2\n');
    expect(renderEndpointMetrics({ ...emptyEndpointCounters(), models: [] })).not.toContain('routed_predictions');
  });
});
