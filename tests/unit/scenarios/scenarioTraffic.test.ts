import { describe, expect, it } from 'vitest';
import { BUG_BODY_CHARS, feedbackPlan, LAUNCH_FINAL_SHARE, pricingShares, scenarioTraffic } from '$lib/core/scenarios/scenarioTraffic';
import { generateTickets, TICKET_LABEL_SHARES } from '$lib/core/scenarios/tickets';
import { LAUNCH_WORDS } from '$lib/core/scenarios/scenarioLaunch';

const share = (xs: readonly boolean[]) => xs.filter(Boolean).length / xs.length;
const words = (text: string) => text.toLowerCase().match(/\b\w\w+\b/g) ?? [];

describe('traffic scenarios', () => {
  it('are deterministic in their seed', () => {
    for (const scenario of ['steady', 'launch', 'pricing', 'pipeline-bug'] as const) {
      const a = scenarioTraffic({ scenario, count: 200, seed: 's', changeAfter: 50 });
      expect(scenarioTraffic({ scenario, count: 200, seed: 's', changeAfter: 50 }), scenario).toEqual(a);
      expect(scenarioTraffic({ scenario, count: 200, seed: 't', changeAfter: 50 }), scenario).not.toEqual(a);
      expect(a).toHaveLength(200);
    }
  });

  it('steady sends the fields of today’s tickets, nothing changed', () => {
    const steady = scenarioTraffic({ scenario: 'steady', count: 100, seed: 's', changeAfter: 0 });
    expect(steady.every((r) => !r.changed && r.fields.subject && r.fields.body && r.fields.channel && r.fields.tier)).toBe(true);
  });

  it('launch: unseen words only from the change point, in a share growing to the final share', () => {
    const count = 3000;
    const launch = scenarioTraffic({ scenario: 'launch', count, seed: 's', changeAfter: 1000 });
    const isLaunch = launch.map((r) => r.changed);
    expect(isLaunch.slice(0, 1000).some(Boolean)).toBe(false);
    const early = share(isLaunch.slice(1000, 1500));
    const late = share(isLaunch.slice(2500));
    expect(early).toBeGreaterThan(0.02);
    expect(early).toBeLessThan(0.15);
    expect(late).toBeGreaterThan(LAUNCH_FINAL_SHARE * 0.75);
    expect(late).toBeLessThanOrEqual(LAUNCH_FINAL_SHARE + 0.05);
    // Launch tickets carry the launch's words; the history never does.
    const launchWords = new Set<string>(LAUNCH_WORDS);
    expect(launch.filter((r) => r.changed).every((r) => words(`${r.fields.subject} ${r.fields.body}`).some((w) => launchWords.has(w)))).toBe(true);
    const history = new Set(generateTickets({ count: 5000, seed: 'history' }).flatMap((t) => words(`${t.subject} ${t.body}`)));
    expect(LAUNCH_WORDS.filter((w) => history.has(w))).toEqual([]);
  });

  it('pricing: Billing’s share doubles after the change point', () => {
    expect(pricingShares().Billing).toBeCloseTo(TICKET_LABEL_SHARES.Billing * 2, 10);
    expect(Object.values(pricingShares()).reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    const pricing = scenarioTraffic({ scenario: 'pricing', count: 4000, seed: 's', changeAfter: 2000 });
    const billing = (rs: typeof pricing) => share(rs.map((r) => r.label === 'Billing'));
    const before = billing(pricing.slice(0, 2000));
    const after = billing(pricing.slice(2000));
    expect(before).toBeGreaterThan(0.31);
    expect(before).toBeLessThan(0.39);
    expect(after / before).toBeGreaterThan(1.8);
    expect(after / before).toBeLessThan(2.2);
  });

  it('pipeline bug: after the change point no subject and bodies of at most 80 characters', () => {
    const bug = scenarioTraffic({ scenario: 'pipeline-bug', count: 300, seed: 's', changeAfter: 120 });
    const steady = scenarioTraffic({ scenario: 'steady', count: 300, seed: 's', changeAfter: 120 });
    expect(bug.slice(0, 120).every((r) => r.fields.subject && !r.changed)).toBe(true);
    expect(bug.slice(0, 120).some((r) => r.fields.body.length > BUG_BODY_CHARS)).toBe(true);
    for (const [i, r] of bug.slice(120).entries()) {
      expect(r.fields).not.toHaveProperty('subject');
      expect(Array.from(r.fields.body).length).toBeLessThanOrEqual(BUG_BODY_CHARS);
      expect(steady[120 + i].fields.body.startsWith(r.fields.body)).toBe(true);
    }
  });

  it('gives feedback to the chosen share of requests, reproducibly', () => {
    const plan = feedbackPlan(5000, 0.3, 'x');
    expect(feedbackPlan(5000, 0.3, 'x')).toEqual(plan);
    expect(share(plan)).toBeGreaterThan(0.28);
    expect(share(plan)).toBeLessThan(0.32);
    expect(feedbackPlan(10, 0, 'x').some(Boolean)).toBe(false);
    expect(feedbackPlan(10, 1, 'x').every(Boolean)).toBe(true);
  });
});
