/**
 * Seeded traffic scenarios for the Deploy page's traffic generator: a catalogue of what can happen
 * to the tickets a client application sends, each a pure function of (count, seed, change point).
 * A replay sends each ticket's named fields (subject, body, channel, tier) and, later, its true
 * label as feedback.
 *
 * - `steady`: today's tickets (tickets.ts), nothing changes;
 * - `launch`: from the change point on, tickets about a newly launched product (scenarioLaunch.ts)
 *   take a share growing linearly to `LAUNCH_FINAL_SHARE` by the last request;
 * - `pricing`: from the change point on, Billing's share of tickets doubles (35 % → 70 %);
 * - `pipeline-bug`: from the change point on, an upstream bug drops the subject and cuts bodies
 *   to `BUG_BODY_CHARS` characters.
 */
import { createRng, type Rng } from '../random';
import { codePointLength } from '../data/explore';
import { generateTickets, TICKET_LABEL_SHARES, type Ticket, type TicketLabel } from './tickets';
import { launchTicketText } from './scenarioLaunch';

/** Share of launch tickets at the last request of a `launch` replay. */
export const LAUNCH_FINAL_SHARE = 0.6;
/** Body length (characters) the pipeline bug cuts to. */
export const BUG_BODY_CHARS = 80;

export const TRAFFIC_SCENARIOS = [
  { id: 'steady', name: 'Steady', description: 'Tickets like the historical ones; nothing changes.' },
  { id: 'launch', name: 'New product launch', description: 'A new product with its own words appears in a growing share of tickets.' },
  { id: 'pricing', name: 'Pricing change', description: 'Billing’s share of tickets doubles.' },
  { id: 'pipeline-bug', name: 'Upstream pipeline bug', description: `The subject line is dropped and bodies are cut at ${BUG_BODY_CHARS} characters.` },
] as const;
export type TrafficScenarioId = (typeof TRAFFIC_SCENARIOS)[number]['id'];

export interface ScenarioOptions {
  scenario: TrafficScenarioId;
  count: number;
  seed: string | number;
  /** Requests sent before the change starts (0 = from the first); ignored by `steady`. */
  changeAfter: number;
}

/** What one request of a replay sends, and the truth that arrives later. */
export interface ScenarioRequest {
  /** The request's named fields: `subject` is absent when the pipeline bug dropped it. */
  fields: { subject?: string; body: string; channel: string; tier: string };
  label: TicketLabel;
  /** The ticket's generator id, sent as the caller's `ref`. */
  ref: string;
  /** Changed by the scenario (a launch ticket, a cut one, one drawn with the doubled Billing share). */
  changed: boolean;
}

/** Label shares with Billing's doubled and the others scaled to fill the rest. */
export function pricingShares(): Record<TicketLabel, number> {
  const billing = TICKET_LABEL_SHARES.Billing * 2;
  const rest = 1 - TICKET_LABEL_SHARES.Billing;
  return { Billing: billing, 'Technical Issue': (TICKET_LABEL_SHARES['Technical Issue'] / rest) * (1 - billing), 'General Inquiry': (TICKET_LABEL_SHARES['General Inquiry'] / rest) * (1 - billing) };
}

/** The first `chars` code points of `text` (a cut never splits a character). */
function cut(text: string, chars: number): string {
  return codePointLength(text) <= chars ? text : Array.from(text).slice(0, chars).join('');
}

const request = (t: Ticket, changed: boolean): ScenarioRequest => ({
  fields: { subject: t.subject, body: t.body, channel: t.channel, tier: t.tier },
  label: t.label,
  ref: t.id,
  changed,
});

/** The share of launch tickets at request `i` of `count` with the change after `changeAfter`. */
export function launchShareAt(i: number, count: number, changeAfter: number): number {
  if (i < changeAfter) return 0;
  const span = Math.max(1, count - 1 - changeAfter);
  return LAUNCH_FINAL_SHARE * Math.min(1, (i - changeAfter + 1) / (span + 1));
}

const launchRequest = (rng: Rng, t: Ticket): ScenarioRequest => request({ ...t, ...launchTicketText(rng, t.label) }, true);

/** The ticket as the broken pipeline forwards it: no subject, the body cut (also what the regression drill's broken export holds). */
export function brokenRequest(t: Ticket): ScenarioRequest {
  return { fields: { body: cut(t.body, BUG_BODY_CHARS), channel: t.channel, tier: t.tier }, label: t.label, ref: t.id, changed: true };
}

/**
 * Which requests get their true label as feedback: each with probability `share`, seeded, so a
 * replay's feedback is reproducible too.
 */
export function feedbackPlan(count: number, share: number, seed: string | number): boolean[] {
  const rng = createRng(`${seed}:feedback`);
  return Array.from({ length: count }, () => rng() < share);
}

/** The requests of a replay, in sending order. Deterministic in the options. */
export function scenarioTraffic(options: ScenarioOptions): ScenarioRequest[] {
  const { scenario, count, seed } = options;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`scenarioTraffic: count must be a non-negative integer, got ${count}`);
  const changeAfter = Math.max(0, Math.min(count, Math.floor(options.changeAfter)));
  // Every scenario starts from the same tickets, so replays differ only by what the scenario changes.
  const base = generateTickets({ count, seed });
  if (scenario === 'steady') return base.map((t) => request(t, false));
  if (scenario === 'pricing') {
    const after = generateTickets({ count: count - changeAfter, seed: `${seed}:pricing-after`, labelShares: pricingShares() });
    return [...base.slice(0, changeAfter).map((t) => request(t, false)), ...after.map((t) => request(t, true))];
  }
  if (scenario === 'pipeline-bug') {
    return base.map((t, i) => (i < changeAfter ? request(t, false) : brokenRequest(t)));
  }
  const rng = createRng(`${seed}:launch-draws`);
  return base.map((t, i) => (rng() < launchShareAt(i, count, changeAfter) ? launchRequest(rng, t) : request(t, false)));
}
