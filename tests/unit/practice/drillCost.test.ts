import { describe, expect, it } from 'vitest';
import { checkMission } from '$lib/core/practice/catalogue';
import type { DrillCostFacts, RouteFacts } from '$lib/core/practice/missions/drillCost';

const route = (name: string, answers: number, withOutcome: number, by: string): RouteFacts => ({ route: name, requests: answers, answers, withOutcome, accuracy: withOutcome ? 0.9 : null, answeredBy: [by] });

const complete: DrillCostFacts = {
  notes: { recommendation: 'Serve the costly version to enterprise only: +34K a month against +20K for all.' },
  currency: 'USD',
  tradeOff: { first: 'Router v1', second: 'Router v2', firstNet: 1_000_000, secondNet: 1_020_000, routedNet: 1_034_000, best: 'routed', segments: 3, routedTo: 'tier = enterprise' },
  routing: { words: 'By tier: enterprise → Router v2; other requests → Router v1.', versions: 2 },
  routes: [route('tier=enterprise', 12, 6, 'Router v2'), route('default', 40, 20, 'Router v1')],
};

const stepsOf = (facts: DrillCostFacts) => Object.fromEntries(checkMission({ mission: 'drill-cost', facts }).steps.map((s) => [s.step.id, s]));

describe('drill 2 — more accurate, twice the cost', () => {
  it('ticks every step from a finished drill, each with the learner’s own figures', () => {
    const progress = checkMission({ mission: 'drill-cost', facts: complete });
    expect([progress.done, progress.total, progress.complete]).toEqual([5, 5, true]);
    const steps = stepsOf(complete);
    expect(steps['trade-off'].evidence).toBe('Router v1 nets 1,000,000 USD a month, Router v2 1,020,000 USD, routing by segment 1,034,000 USD; best: routing by segment (tier = enterprise to Router v2)');
    expect(steps.routing.evidence).toBe(complete.routing!.words);
    expect(steps.traffic.evidence).toBe('tier=enterprise: 12 answers by Router v2; default: 40 answers by Router v1');
    expect(steps.quality.evidence).toBe('tier=enterprise: 90.0 % on 6 outcomes; default: 90.0 % on 20 outcomes');
    expect(progress.sections.map((s) => s.heading)).toEqual(['Your trade-off', 'What you deployed and what it answered', 'The answer the drill looks for']);
  });

  it('leaves each step open, saying what is missing, when its own fact is missing', () => {
    const open = (facts: Partial<DrillCostFacts>, id: string) => {
      const step = stepsOf({ ...complete, ...facts })[id];
      expect(step.done).toBe(false);
      return step.missing;
    };
    expect(open({ tradeOff: null }, 'trade-off')).toBe('No figures kept from the cost calculator yet.');
    expect(open({ tradeOff: { ...complete.tradeOff!, segments: 1 } }, 'trade-off')).toContain('give at least two');
    expect(open({ routing: null }, 'routing')).toBe('The active deployment serves one version to every request.');
    expect(open({ routing: { words: 'x', versions: 1 } }, 'routing')).toBe('Every route goes to the same version.');
    expect(open({ routing: null }, 'traffic')).toBe('Deploy with segment routing first.');
    expect(open({ routes: [route('tier=enterprise', 4, 4, 'Router v2'), route('default', 40, 20, 'Router v1')] }, 'traffic')).toContain('1 of 2 routes have 5 answers');
    expect(open({ routes: [route('tier=enterprise', 12, 4, 'Router v2'), route('default', 40, 20, 'Router v1')] }, 'quality')).toBe('1 of 2 routes have 5 outcomes.');
    expect(open({ notes: { recommendation: 'ship it' } }, 'recommendation')).toBe('7 of at least 40 characters written.');
    expect(open({ notes: {} }, 'recommendation')).toBe('0 of at least 40 characters written.');
  });

  it('an untouched drill has nothing done and debriefs plainly', () => {
    const progress = checkMission({ mission: 'drill-cost', facts: { notes: {}, currency: 'USD', tradeOff: null, routing: null, routes: [] } });
    expect(progress.done).toBe(0);
    expect(progress.sections[1].lines).toEqual(['The active deployment does not route by segment.']);
  });
});
