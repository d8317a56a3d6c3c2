import { describe, expect, it } from 'vitest';
import { POLICY_TEMPLATE_IDS, policyTemplate } from '$lib/core/governance/templates';
import { canonicalJson } from '$lib/core/governance/canonicalJson';

describe('policy templates', () => {
  it('Light has one deployment gate', () => {
    const light = policyTemplate('light');
    expect(light.gates.map((g) => [g.stage, g.deciderRole])).toEqual([['deploy', 'approver']]);
  });

  it('Standard has a Data Ethics Review before training and a Performance SLA before deployment', () => {
    const standard = policyTemplate('standard');
    expect(standard.gates.map((g) => [g.name, g.stage])).toEqual([
      ['Data Ethics Review', 'model'],
      ['Performance SLA', 'deploy'],
    ]);
    expect(standard.gates[0].evidence).toEqual(['pii-clear', 'class-balance-reviewed', 'class-mix-reviewed', 'split-leakage', 'label-conflicts-reviewed', 'ethics-answers']);
    expect(standard.gates[1].evidence).toEqual(['criteria-pass', 'slices-above-floor', 'latency-p99', 'baseline-beaten']);
  });

  it('High-risk is Standard plus a model-card approval and a council review, re-reviewed more often', () => {
    const standard = policyTemplate('standard');
    const high = policyTemplate('high-risk');
    expect(high.gates.slice(0, 2)).toEqual(standard.gates);
    expect(high.gates.slice(2).map((g) => [g.id, g.deciderRole])).toEqual([
      ['model-card-approval', 'ethics-reviewer'],
      ['council-review', 'product-owner'],
    ]);
    expect(high.gates[3].council).toEqual({ roles: ['product-owner', 'engineering-lead', 'legal-counsel', 'ethics-reviewer'], quorum: 4 });
    expect(high.roles.map((r) => r.id)).toEqual(['ethics-reviewer', 'engineering-lead', 'product-owner', 'legal-counsel']);
    expect(high.reReview.days).toBeLessThan(standard.reReview.days);
  });

  it('gives a fresh copy each time and words that fit any project', () => {
    const a = policyTemplate('standard');
    a.gates[0].evidence.pop();
    expect(policyTemplate('standard').gates[0].evidence).toHaveLength(6);
    for (const id of POLICY_TEMPLATE_IDS) expect(canonicalJson(policyTemplate(id))).not.toMatch(/ticket|support/i);
  });
});
