/**
 * Drill — more accurate, twice the cost. The interview question: a new version is 0.5 % more
 * accurate but costs twice as much to run; do you ship it? The expected answer's structure: put
 * money on both sides (losses prevented against extra compute, per month), per segment — a
 * segment's value (what a wrong decision costs there) decides as much as the accuracy gained —,
 * serve the costly version only where it pays (the high-value segment) and the cheap one
 * elsewhere, by routing on the segment, then check on live traffic that each segment is answered
 * by its version and how well.
 *
 * Every step is judged from what is stored: the figures the learner kept from the Deploy page's
 * cost calculator (a mission event: no other store keeps a calculation), the active deployment's
 * segment routing, the endpoint's logs per route, and the written recommendation.
 */
import type { DebriefSection, MissionDefinition, StepResult } from '../mission';

/** The figures the learner kept from the cost calculator (money per month). */
export interface KeptTradeOff {
  first: string;
  second: string;
  firstNet: number;
  secondNet: number;
  routedNet: number;
  best: 'first' | 'second' | 'routed';
  /** Segments given a monthly volume. */
  segments: number;
  /** Segments the calculator sends to the second version when routing ("tier = enterprise"). */
  routedTo: string;
}

/** Requests, answers and accuracy of one route of the active deployment, with the versions' names. */
export interface RouteFacts {
  route: string;
  requests: number;
  answers: number;
  withOutcome: number;
  accuracy: number | null;
  answeredBy: string[];
}

export interface DrillCostFacts {
  notes: Record<string, string>;
  /** The money unit the figures are in ("USD", or the business unit). */
  currency: string;
  tradeOff: KeptTradeOff | null;
  /** The active deployment's segment routing, in words, and how many distinct versions it answers with; null when it does not route. */
  routing: { words: string; versions: number } | null;
  /** Per route of the active deployment, since it started. */
  routes: RouteFacts[];
}

/** The mission event the Deploy page's cost calculator records when the learner keeps its figures (detail: a KeptTradeOff). */
export const COST_TRADE_OFF_EVENT = 'cost-trade-off';

/**
 * The drill's starting figures on the cost trade-off (the learner may change them): a price per
 * 1,000 predictions with the large version at twice the lean one's (a hosted deployment's bill,
 * where the browser's tiny latencies would price both near zero), its 1,000,000 predictions a
 * month across the tiers, and what a wrong decision costs where it matters most — a
 * wrong answer to an enterprise customer risks a contract, one to a free user little. Other
 * decisions are worth the project's business settings.
 */
export const DRILL_COST_INPUTS: {
  priceKind: '1000-predictions';
  /** By version name: the lean version and the large one at twice its price. */
  pricePer1000: Record<string, number>;
  volumes: Record<string, number>;
  worth: Record<string, { valueRight?: number; costWrong?: number }>;
} = {
  priceKind: '1000-predictions',
  pricePer1000: { 'ticket-router v1': 30, 'ticket-router v2': 60 },
  volumes: { 'tier = free': 500_000, 'tier = pro': 300_000, 'tier = enterprise': 200_000 },
  worth: { 'tier = enterprise': { costWrong: 40 } },
};

/** Answers per route that show a route is really taken. */
export const MIN_ROUTE_ANSWERS = 5;
/** Outcomes per route before its accuracy says something. */
export const MIN_ROUTE_OUTCOMES = 5;
/** Shortest written recommendation counted, in characters. */
export const MIN_RECOMMENDATION = 40;

const money = (x: number, currency: string) => `${Math.round(x).toLocaleString('en-US')} ${currency}`;
const done = (evidence: string): StepResult => ({ done: true, evidence });
const notYet = (missing: string): StepResult => ({ done: false, missing });

function tradeOffWords(t: KeptTradeOff, currency: string): string {
  const best = t.best === 'routed' ? `routing by segment (${t.routedTo || 'no segment'} to ${t.second})` : t.best === 'first' ? `${t.first} everywhere` : `${t.second} everywhere`;
  return `${t.first} nets ${money(t.firstNet, currency)} a month, ${t.second} ${money(t.secondNet, currency)}, routing by segment ${money(t.routedNet, currency)}; best: ${best}`;
}

const routeWords = (r: RouteFacts) => `${r.route}: ${r.answers} answers by ${r.answeredBy.join(', ') || '—'}`;

export const DRILL_COST_MISSION: MissionDefinition<DrillCostFacts> = {
  id: 'drill-cost',
  title: 'Drill — more accurate, twice the cost',
  level: 'Interview drill',
  goal:
    'Two versions are registered: a cheap one, and one that is a little more accurate but costs about twice as much per prediction. Decide where each should serve, with money on both sides: the value of the decisions it gets right against its compute, per month and per segment — segments differ in what a wrong decision costs, not only in accuracy. Then deploy both with segment routing and show, on live traffic, that each segment is answered by its version and how well.',
  deliverables: [
    'The monthly net value of each version and of routing by segment, from the measured accuracy per segment and latency',
    'A deployment that routes a request field to the version worth it there',
    'Live traffic answered per route, with accuracy per route from outcomes',
    'A written recommendation with the figures that justify it',
  ],
  steps: [
    {
      id: 'trade-off',
      title: 'Work out the monthly net value of each version and of routing by segment',
      where: { kind: 'stage', stage: 'deploy', view: 'cost' },
      linkText: 'Open Deploy → Cost trade-off',
      hint: 'Compare the two versions and give a compute price; the monthly volume per segment and what a wrong decision costs in each segment start from the drill\'s figures (change them if you disagree). Look at which segment the costlier version pays for itself in, then keep the figures for the mission.',
      check: (f) => {
        if (!f.tradeOff) return notYet('No figures kept from the cost calculator yet.');
        if (f.tradeOff.segments < 2) return notYet(`The kept figures give a volume for ${f.tradeOff.segments} segment; give at least two, so routing has a choice.`);
        return done(tradeOffWords(f.tradeOff, f.currency));
      },
    },
    {
      id: 'routing',
      title: 'Deploy both versions with segment routing: each segment to the version worth it there',
      where: { kind: 'stage', stage: 'deploy' },
      linkText: 'Open Deploy',
      hint: 'In the Deploy form, serve one version, tick "Route by a request field", name the field (e.g. tier) and send a value to the other version.',
      check: (f) => {
        if (!f.routing) return notYet('The active deployment serves one version to every request.');
        if (f.routing.versions < 2) return notYet('Every route goes to the same version.');
        return done(f.routing.words);
      },
    },
    {
      id: 'traffic',
      title: 'Send traffic carrying the segment field and see each segment answered by its version',
      where: { kind: 'stage', stage: 'monitor' },
      linkText: 'Open Monitor → Requests per route',
      hint: `Send generated traffic from the Deploy page (its requests carry the tier); the Monitor page lists requests per route. Each of two routes needs ${MIN_ROUTE_ANSWERS} answers.`,
      check: (f) => {
        const taken = f.routes.filter((r) => r.answers >= MIN_ROUTE_ANSWERS);
        if (!f.routing) return notYet('Deploy with segment routing first.');
        if (taken.length < 2) return notYet(`${taken.length} of 2 routes have ${MIN_ROUTE_ANSWERS} answers (${f.routes.map(routeWords).join('; ') || 'none yet'}).`);
        return done(taken.map(routeWords).join('; '));
      },
    },
    {
      id: 'quality',
      title: 'Measure accuracy per route from outcomes',
      where: { kind: 'stage', stage: 'monitor' },
      linkText: 'Open Monitor',
      hint: `Send true labels back (the traffic form's feedback share, or outcomes on the Monitor page): each of two routes needs ${MIN_ROUTE_OUTCOMES} outcomes.`,
      check: (f) => {
        const known = f.routes.filter((r) => r.withOutcome >= MIN_ROUTE_OUTCOMES && r.accuracy !== null);
        if (known.length < 2) return notYet(`${known.length} of 2 routes have ${MIN_ROUTE_OUTCOMES} outcomes.`);
        return done(known.map((r) => `${r.route}: ${(r.accuracy! * 100).toFixed(1)} % on ${r.withOutcome} outcomes`).join('; '));
      },
    },
    {
      id: 'recommendation',
      title: 'Write your recommendation, with the figures behind it',
      where: { kind: 'mission' },
      linkText: 'Write it below',
      hint: 'Say which version serves where and why, in money a month: losses prevented against extra compute, and what you would watch.',
      check: (f) => {
        const text = (f.notes.recommendation ?? '').trim();
        return text.length >= MIN_RECOMMENDATION ? done(`${text.length} characters written.`) : notYet(`${text.length} of at least ${MIN_RECOMMENDATION} characters written.`);
      },
    },
  ],
  prompts: [
    { key: 'recommendation', label: 'Your recommendation', hint: 'Which version where, the monthly figures, and what would change your mind.' },
  ],
  debrief(f): DebriefSection[] {
    return [
      {
        heading: 'Your trade-off',
        lines: f.tradeOff ? [tradeOffWords(f.tradeOff, f.currency) + '.'] : ['No figures were kept from the cost calculator.'],
      },
      {
        heading: 'What you deployed and what it answered',
        lines: [
          f.routing ? f.routing.words : 'The active deployment does not route by segment.',
          ...f.routes.map((r) => `${routeWords(r)}; ${r.requests} requests; accuracy ${r.accuracy === null ? 'unknown (no outcomes)' : `${(r.accuracy * 100).toFixed(1)} % on ${r.withOutcome} outcomes`}.`),
        ],
      },
      {
        heading: 'The answer the drill looks for',
        lines: [
          'Put money on both sides: 0.5 % more right decisions on 1,000,000 a month at $10 each prevents $50K of losses; twice the compute adds $30K; the net gain is $20K a month.',
          'Route by the value of the segment: a right answer is worth most where a wrong one costs most (e.g. enterprise customers, where a wrong decision risks a contract). Serve the costly version there, where its accuracy gain pays for its compute, and the cheap one everywhere else — a higher net than either version alone.',
          'Then verify on live traffic: each segment answered by its version, accuracy per route from outcomes, and the compute bill against the estimate.',
        ],
      },
    ];
  },
};
