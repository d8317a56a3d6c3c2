import { describe, expect, it } from 'vitest';
import { emptyEndpointCounters, mergeEndpointCounters, recordRequest, renderEndpointMetrics } from '$lib/core/serving/prometheus';

describe('/metrics counts request-contract violations per field', () => {
  it('counts each refused request under the field it named, and keeps counting across stored counters', () => {
    const counters = emptyEndpointCounters();
    recordRequest(counters, { route: '/api/v1/predict', status: 422, durationSeconds: 0.001, violatedField: 'subject' });
    recordRequest(counters, { route: '/api/v1/predict', status: 422, durationSeconds: 0.001, violatedField: 'subject' });
    recordRequest(counters, { route: '/api/v1/predict', status: 422, durationSeconds: 0.001, violatedField: 'body' });
    recordRequest(counters, { route: '/api/v1/predict', status: 200, durationSeconds: 0.001 });
    // Counters stored before contracts existed have no violations list.
    const stored = mergeEndpointCounters({ requests: [], durations: [], predictions: [] }, counters);
    mergeEndpointCounters(stored, { ...emptyEndpointCounters(), violations: [{ field: 'subject', count: 3 }] });
    const text = renderEndpointMetrics({ ...stored, models: [] });
    expect(text).toContain('# TYPE lifecycle_lab_contract_violations_total counter');
    expect(text).toContain('lifecycle_lab_contract_violations_total{field="subject"} 5\n');
    expect(text).toContain('lifecycle_lab_contract_violations_total{field="body"} 1\n');
    expect(text).toContain('lifecycle_lab_requests_total{route="/api/v1/predict",status="422"} 3\n');
  });

  it('leaves the family out until something was refused', () => {
    expect(renderEndpointMetrics({ ...emptyEndpointCounters(), models: [] })).not.toContain('lifecycle_lab_contract_violations_total');
  });
});
