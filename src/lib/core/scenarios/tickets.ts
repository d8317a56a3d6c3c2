/**
 * Seeded support-ticket generator for the beginner project (end-to-end ticket classifier).
 *
 * Output is a deterministic function of the options: the same seed gives deep-equal tickets, a
 * different seed gives different ones. Only the seeded RNG from `../random` is used.
 *
 * ## What the data looks like
 * - **Labels** (target shares of the label column; a 1,200-ticket sample lands within about
 *   ±3 points): Technical Issue ≈ 40 %, Billing ≈ 35 %, General Inquiry ≈ 25 %.
 * - **Wording**: dozens of subject and body templates per class with inline alternatives and slot
 *   fillers (products, plans, amounts, invoice numbers, error codes, browsers, devices, …), shared
 *   greetings, openers, generic sentences and sign-offs; lengths from one-liners to several
 *   sentences; chat messages are short and informal, phone tickets are agent call notes.
 * - **Noise and ambiguity**, so the task is realistic rather than trivially separable. A TF-IDF +
 *   logistic-regression baseline on a 70/30 split of `subject + ' ' + body` scores about 92–93 %
 *   (0.90–0.94 over 20 seeds at the default 1,200 tickets; see tests/unit/scenarios):
 *   - ~22 % *mixed-signal* tickets: the main issue plus a side remark in another class's words
 *     (a billing ticket that also cannot log in, a technical ticket about the invoice page, a
 *     general question that asks about pricing); some of them carry the other class's subject.
 *   - ~3 % *vague* tickets ("please call me about my account"): the label is what the agent
 *     found later; the text barely hints at it.
 *   - ~4 % *borderline label choices* (documented label noise): a mixed ticket whose label is
 *     the side issue, because that is what the human agent decided to file it under. The label
 *     column keeps the target shares; only the text is swapped to the other class's main issue.
 *   - ~12 % generic subjects ("Question", "Urgent") and ~18 % of tickets with 1–3 seeded
 *     character-level typos in the customer's text (swapped, dropped, doubled or
 *     neighbouring-key letters), plus a few in subjects.
 * - **Time**: `createdAt` spread over `days` days from `start`, weekdays and business hours
 *   (UTC) weighted up; tickets are sorted ascending by `createdAt` and numbered `T-000001`, ….
 * - **Channel / tier**: email ≈ 40 %, web form ≈ 28 %, chat ≈ 22 %, phone ≈ 10 % (enterprise
 *   customers phone and email more, free users use the web form and chat); tier free ≈ 45 %,
 *   pro ≈ 38 %, enterprise ≈ 17 %, with enterprise filing more technical tickets and free users
 *   more general inquiries.
 */
import { createRng, pick, pickWeighted, randomInt, type Rng } from '../random';
import {
  AGENTS,
  BROWSERS,
  CHAT_GREETINGS,
  CLASS_VOCABULARY,
  COMPANIES,
  COUNTRIES,
  CURRENCIES,
  DEVICES,
  ERRORS,
  FEATURES,
  FIRST_NAMES,
  GENERIC_SENTENCES,
  GENERIC_SUBJECTS,
  GREETINGS,
  INTEGRATIONS,
  LANGUAGES,
  LAST_INITIALS,
  MONTHS,
  OPENERS,
  OPERATING_SYSTEMS,
  PAYMENT_METHODS,
  PHONE_PREFIXES,
  PLANS,
  PLANS_BY_TIER,
  PRICE_POINTS,
  PRODUCTS,
  REGIONS,
  SEAT_COUNTS,
  SIGNOFFS,
  SLOT_NAMES,
  VAGUE_BODIES,
  type SlotName,
  type VocabClass,
} from './ticketVocabulary';

export const TICKET_LABELS = ['Billing', 'Technical Issue', 'General Inquiry'] as const;
export type TicketLabel = (typeof TICKET_LABELS)[number];
export const TICKET_CHANNELS = ['email', 'web form', 'chat', 'phone'] as const;
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export const CUSTOMER_TIERS = ['free', 'pro', 'enterprise'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export interface Ticket {
  /** `T-000001`, … in `createdAt` order. */
  id: string;
  subject: string;
  body: string;
  label: TicketLabel;
  /** ISO 8601, UTC (`2026-01-05T09:14:27.000Z`). */
  createdAt: string;
  channel: string;
  tier: string;
}

export interface TicketGeneratorOptions {
  /** Number of tickets; default 1200. */
  count?: number;
  /** Seed; default `'support-tickets-v1'`. */
  seed?: string | number;
  /** First instant of the period, ISO 8601; default `'2026-01-05T00:00:00Z'`. */
  start?: string;
  /** Length of the period in days; default 90. */
  days?: number;
  /** Relative weight of each label (default `TICKET_LABEL_SHARES`), e.g. more Billing after a pricing change. */
  labelShares?: Readonly<Record<TicketLabel, number>>;
}

export const DEFAULT_TICKET_OPTIONS = {
  count: 1200,
  seed: 'support-tickets-v1',
  start: '2026-01-05T00:00:00Z',
  days: 90,
} as const satisfies Required<Omit<TicketGeneratorOptions, 'labelShares'>>;

/** Target share of each label in the output. */
export const TICKET_LABEL_SHARES: Readonly<Record<TicketLabel, number>> = {
  Billing: 0.35,
  'Technical Issue': 0.4,
  'General Inquiry': 0.25,
};

/** Rates of the noise and ambiguity mechanisms described in the module comment. */
export const TICKET_NOISE = {
  /** Label is the side issue of a mixed ticket (a borderline call by the agent). */
  borderlineLabel: 0.04,
  /** Text is a vague, low-information request. */
  vague: 0.03,
  /** Main issue plus a side remark in another class's vocabulary. */
  mixedSignal: 0.22,
  /** Share of mixed tickets whose subject comes from the side issue. */
  mixedSubjectFromSide: 0.2,
  /** Generic subject line ("Question", "Urgent"). */
  genericSubject: 0.12,
  /** Tickets with 1–3 character-level typos. */
  typo: 0.18,
} as const;

const LABEL_OF: Record<VocabClass, TicketLabel> = {
  billing: 'Billing',
  technical: 'Technical Issue',
  general: 'General Inquiry',
};
const CLASSES: readonly VocabClass[] = ['billing', 'technical', 'general'];
const CLASS_WEIGHTS = CLASSES.map((c) => TICKET_LABEL_SHARES[LABEL_OF[c]]);

/** Which other class a side remark most plausibly comes from. */
const SIDE_CLASS: Record<VocabClass, { classes: VocabClass[]; weights: number[] }> = {
  billing: { classes: ['technical', 'general'], weights: [0.6, 0.4] },
  technical: { classes: ['billing', 'general'], weights: [0.55, 0.45] },
  general: { classes: ['billing', 'technical'], weights: [0.55, 0.45] },
};

const TIER_BY_CLASS: Record<VocabClass, number[]> = {
  // free, pro, enterprise
  billing: [0.4, 0.45, 0.15],
  technical: [0.4, 0.36, 0.24],
  general: [0.6, 0.31, 0.09],
};
const CHANNEL_BY_TIER: Record<CustomerTier, number[]> = {
  // email, web form, chat, phone
  free: [0.34, 0.36, 0.27, 0.03],
  pro: [0.42, 0.26, 0.22, 0.1],
  enterprise: [0.48, 0.12, 0.12, 0.28],
};

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

type Part = string | { slot: SlotName } | { alt: Part[][] };
type Template = Part[];

const SLOT_SET: ReadonlySet<string> = new Set(SLOT_NAMES);

function compileFlat(text: string, source: string): Template {
  const parts: Template = [];
  const re = /\{([a-z0-9]+)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!SLOT_SET.has(m[1])) throw new Error(`ticket template "${source}": unknown slot {${m[1]}}`);
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push({ slot: m[1] as SlotName });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Compiles `{slot}` and `[a|b]` syntax (see ticketVocabulary.ts) into parts. */
function compileTemplate(text: string): Template {
  const parts: Template = [];
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('[', i);
    if (open < 0) {
      parts.push(...compileFlat(text.slice(i), text));
      break;
    }
    const close = text.indexOf(']', open);
    if (close < 0) throw new Error(`ticket template "${text}": unclosed [`);
    if (open > i) parts.push(...compileFlat(text.slice(i, open), text));
    const inner = text.slice(open + 1, close);
    if (inner.includes('[')) throw new Error(`ticket template "${text}": nested [`);
    parts.push({ alt: inner.split('|').map((a) => compileFlat(a, text)) });
    i = close + 1;
  }
  return parts;
}

interface TopicTemplates {
  subjects: Template[];
  core: Template[];
}

interface ClassTemplates {
  topics: TopicTemplates[];
  details: Template[];
  mentions: Template[];
}

interface Compiled {
  classes: Record<VocabClass, ClassTemplates>;
  greetings: Template[];
  signoffs: Template[];
  openers: Template[];
  phonePrefixes: Template[];
  genericSubjects: Template[];
  genericSentences: Template[];
  vagueBodies: Template[];
}

let compiled: Compiled | undefined;

function getCompiled(): Compiled {
  if (compiled) return compiled;
  const all = (list: readonly string[]) => list.map(compileTemplate);
  const cls = (c: VocabClass): ClassTemplates => {
    const v = CLASS_VOCABULARY[c];
    return {
      topics: v.topics.map((topic) => ({ subjects: all(topic.subjects), core: all(topic.core) })),
      details: all(v.details),
      mentions: all(v.mentions),
    };
  };
  compiled = {
    classes: { billing: cls('billing'), technical: cls('technical'), general: cls('general') },
    greetings: all(GREETINGS),
    signoffs: all(SIGNOFFS),
    openers: all(OPENERS),
    phonePrefixes: all(PHONE_PREFIXES),
    genericSubjects: all(GENERIC_SUBJECTS),
    genericSentences: all(GENERIC_SENTENCES),
    vagueBodies: all(VAGUE_BODIES),
  };
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Slots
// ---------------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const CENTS = ['00', '00', '00', '99', '50', '40'] as const;
const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomChars(rng: Rng, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(rng() * alphabet.length)];
  return s;
}

const CURRENCY_SYMBOLS = ['$', '€', '£'] as const;
const CURRENCY_SYMBOL_WEIGHTS = [0.7, 0.2, 0.1] as const;

function formatAmount(rng: Rng, symbol: string): string {
  if (rng() < 0.5) return symbol + pick(rng, PRICE_POINTS);
  const whole = randomInt(rng, 5, 3200);
  const grouped = whole >= 1000 ? `${Math.floor(whole / 1000)},${String(whole % 1000).padStart(3, '0')}` : String(whole);
  return `${symbol}${grouped}.${pick(rng, CENTS)}`;
}

function formatDate(rng: Rng, ms: number): string {
  const d = new Date(ms);
  const month = MONTHS[d.getUTCMonth()];
  const day = d.getUTCDate();
  switch (randomInt(rng, 0, 4)) {
    case 0:
      return `${month} ${day}`;
    case 1:
      return `${day} ${month}`;
    case 2:
      return d.toISOString().slice(0, 10);
    case 3:
      return `${month.slice(0, 3)} ${day}`;
    default:
      return `${d.getUTCMonth() + 1}/${day}`;
  }
}

/** Per-ticket slot values: a slot keeps its value within one ticket. */
class SlotContext {
  private values = new Map<SlotName, string>();
  private symbol: string | undefined;
  constructor(
    private readonly rng: Rng,
    private readonly createdAtMs: number,
    private readonly tier: CustomerTier,
  ) {}

  get(slot: SlotName): string {
    let v = this.values.get(slot);
    if (v === undefined) {
      v = this.draw(slot);
      this.values.set(slot, v);
    }
    return v;
  }

  /** One currency per ticket. */
  private currencySymbol(): string {
    this.symbol ??= pickWeighted(this.rng, CURRENCY_SYMBOLS, CURRENCY_SYMBOL_WEIGHTS);
    return this.symbol;
  }

  private draw(slot: SlotName): string {
    const rng = this.rng;
    switch (slot) {
      case 'product':
        return pick(rng, PRODUCTS);
      case 'plan': {
        const byTier = PLANS_BY_TIER[this.tier];
        return pickWeighted(rng, byTier.plans, byTier.weights);
      }
      case 'plan2': {
        const plan = this.get('plan');
        let p = pick(rng, PLANS);
        while (p === plan) p = pick(rng, PLANS);
        return p;
      }
      case 'amount':
        return formatAmount(rng, this.currencySymbol());
      case 'amount2': {
        const amount = this.get('amount');
        let a = formatAmount(rng, this.currencySymbol());
        while (a === amount) a = formatAmount(rng, this.currencySymbol());
        return a;
      }
      case 'invoice':
        return rng() < 0.6
          ? `INV-${this.get('year')}-${String(randomInt(rng, 1, 99999)).padStart(6, '0')}`
          : `#${randomInt(rng, 10000, 99999)}`;
      case 'card':
        return String(randomInt(rng, 0, 9999)).padStart(4, '0');
      case 'error':
        return pick(rng, ERRORS);
      case 'browser':
        return pick(rng, BROWSERS);
      case 'version':
        return rng() < 0.5 ? String(randomInt(rng, 110, 128)) : `${randomInt(rng, 2, 7)}.${randomInt(rng, 0, 19)}.${randomInt(rng, 0, 9)}`;
      case 'device':
        return pick(rng, DEVICES);
      case 'os':
        return pick(rng, OPERATING_SYSTEMS);
      case 'feature':
        return pick(rng, FEATURES);
      case 'integration':
        return pick(rng, INTEGRATIONS);
      case 'n':
        return String(randomInt(rng, 2, 30));
      case 'seats':
        return String(pick(rng, SEAT_COUNTS));
      case 'fewer':
        return String(randomInt(rng, 1, Number(this.get('seats')) - 1));
      case 'days':
        return String(randomInt(rng, 3, 21));
      case 'date':
        return formatDate(rng, this.createdAtMs - randomInt(rng, 1, 25) * DAY_MS);
      case 'month':
        return MONTHS[new Date(this.createdAtMs - randomInt(rng, 0, 35) * DAY_MS).getUTCMonth()];
      case 'year': {
        const y = new Date(this.createdAtMs).getUTCFullYear();
        return String(rng() < 0.7 ? y : y - 1);
      }
      case 'email': {
        const name = this.get('name').split(/[\s\n]/)[0].toLowerCase();
        const company = this.get('company').toLowerCase().replace(/[^a-z]+/g, '');
        return rng() < 0.75 ? `${name}@${company}.com` : `${name}.${randomInt(rng, 1, 99)}@mail.example`;
      }
      case 'name':
        return rng() < 0.4 ? `${pick(rng, FIRST_NAMES)} ${pick(rng, LAST_INITIALS)}` : pick(rng, FIRST_NAMES);
      case 'agent':
        return pick(rng, AGENTS);
      case 'company':
        return pick(rng, COMPANIES);
      case 'country':
        return pick(rng, COUNTRIES);
      case 'currency':
        return pick(rng, CURRENCIES);
      case 'txn':
        return `ch_${randomChars(rng, BASE36, 12)}`;
      case 'reqid':
        return `req_${randomChars(rng, '0123456789abcdef', 10)}`;
      case 'language':
        return pick(rng, LANGUAGES);
      case 'region':
        return pick(rng, REGIONS);
      case 'paymethod':
        return pick(rng, PAYMENT_METHODS);
      case 'ticketref':
        return `#${randomInt(rng, 10000, 99999)}`;
    }
  }
}

function render(rng: Rng, ctx: SlotContext, template: Template): string {
  let s = '';
  for (const part of template) {
    if (typeof part === 'string') s += part;
    else if ('slot' in part) s += ctx.get(part.slot);
    else s += render(rng, ctx, pick(rng, part.alt));
  }
  return s;
}

/** Renders one of `templates`. */
function fill(rng: Rng, ctx: SlotContext, templates: readonly Template[]): string {
  return render(rng, ctx, pick(rng, templates));
}

/**
 * Renders one of `templates` not yet in `used` (a few draws), or returns undefined so that a
 * ticket never repeats a sentence.
 */
function fillFresh(rng: Rng, ctx: SlotContext, templates: readonly Template[], used: Set<Template>): string | undefined {
  for (let tries = 0; tries < 4; tries++) {
    const template = pick(rng, templates);
    if (!used.has(template)) {
      used.add(template);
      return render(rng, ctx, template);
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Typos
// ---------------------------------------------------------------------------------------------

const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS: Record<string, string> = {};
for (let r = 0; r < KEY_ROWS.length; r++) {
  const row = KEY_ROWS[r];
  for (let c = 0; c < row.length; c++) {
    NEIGHBOURS[row[c]] = (row[c - 1] ?? '') + (row[c + 1] ?? '');
  }
}

function typoWord(rng: Rng, w: string): string {
  const i = randomInt(rng, 1, w.length - 2);
  switch (randomInt(rng, 0, 3)) {
    case 0: // swap adjacent letters
      return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2);
    case 1: // drop a letter
      return w.slice(0, i) + w.slice(i + 1);
    case 2: // double a letter
      return w.slice(0, i) + w[i] + w.slice(i);
    default: {
      // neighbouring key
      const near = NEIGHBOURS[w[i].toLowerCase()];
      return near ? w.slice(0, i) + pick(rng, near.split('')) + w.slice(i + 1) : w;
    }
  }
}

/** Applies `k` character-level typos to random words of 4+ letters. */
export function addTypos(rng: Rng, text: string, k: number): string {
  const words = text.split(' ');
  for (let t = 0; t < k; t++) {
    for (let attempt = 0; attempt < 6; attempt++) {
      const j = Math.floor(rng() * words.length);
      if (/^[A-Za-z]{4,}$/.test(words[j])) {
        words[j] = typoWord(rng, words[j]);
        break;
      }
    }
  }
  return words.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Time
// ---------------------------------------------------------------------------------------------

/** Relative weight of each UTC hour: busy 8–17, quiet at night. */
const HOUR_WEIGHTS = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.8, 1.3, 1.7, 1.8, 1.7, 1.4, 1.6, 1.7, 1.6, 1.4, 1.1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2,
];
const HOUR_CUMULATIVE = (() => {
  const total = HOUR_WEIGHTS.reduce((s, w) => s + w, 0);
  let acc = 0;
  return HOUR_WEIGHTS.map((w) => (acc += w / total));
})();
const WEEKEND_WEIGHT = 0.35;

/** A whole-second instant in [start, start + days), weekdays and business hours weighted up. */
function drawInstant(rng: Rng, startMs: number, days: number): number {
  const periodMs = days * DAY_MS;
  const firstMidnight = Math.floor(startMs / DAY_MS) * DAY_MS; // hours are UTC hours
  const dayCount = Math.ceil((startMs + periodMs - firstMidnight) / DAY_MS);
  for (let attempt = 0; attempt < 64; attempt++) {
    const dayStart = firstMidnight + Math.floor(rng() * dayCount) * DAY_MS;
    const weekday = new Date(dayStart).getUTCDay();
    if ((weekday === 0 || weekday === 6) && rng() >= WEEKEND_WEIGHT) continue;
    const u = rng();
    let hour = 0;
    while (hour < 23 && HOUR_CUMULATIVE[hour] < u) hour++;
    const ms = Math.floor((dayStart + hour * 3_600_000 + rng() * 3_600_000) / 1000) * 1000;
    if (ms >= startMs && ms < startMs + periodMs) return ms;
  }
  // Very short periods (a fraction of a day): uniform.
  return startMs + Math.floor(rng() * periodMs);
}

// ---------------------------------------------------------------------------------------------
// Tickets
// ---------------------------------------------------------------------------------------------

type Kind = 'pure' | 'mixed' | 'borderline' | 'vague';

function otherClass(rng: Rng, c: VocabClass): VocabClass {
  const side = SIDE_CLASS[c];
  return pickWeighted(rng, side.classes, side.weights);
}

function capitalize(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}

function buildTicket(rng: Rng, label: VocabClass, createdAtMs: number, tier: CustomerTier, channel: TicketChannel) {
  const t = getCompiled();
  const ctx = new SlotContext(rng, createdAtMs, tier);
  const used = new Set<Template>();

  // What the text is about: the main class and, for mixed tickets, a side class.
  let kind: Kind = 'pure';
  let main = label;
  let side: VocabClass | undefined;
  const r = rng();
  if (r < TICKET_NOISE.borderlineLabel) {
    kind = 'borderline';
    side = label;
    main = otherClass(rng, label);
  } else if (r < TICKET_NOISE.borderlineLabel + TICKET_NOISE.vague) {
    kind = 'vague';
  } else if (r < TICKET_NOISE.borderlineLabel + TICKET_NOISE.vague + TICKET_NOISE.mixedSignal) {
    kind = 'mixed';
    side = otherClass(rng, label);
  }
  const mainT = t.classes[main];
  const topic = pick(rng, mainT.topics);

  // Subject.
  let subject: string;
  if (kind === 'vague' || rng() < TICKET_NOISE.genericSubject) subject = fill(rng, ctx, t.genericSubjects);
  else if (side && rng() < TICKET_NOISE.mixedSubjectFromSide) subject = fill(rng, ctx, pick(rng, t.classes[side].topics).subjects);
  else subject = fill(rng, ctx, topic.subjects);

  // Body sentences.
  const sentences: string[] = [];
  if (kind === 'vague') {
    sentences.push(fill(rng, ctx, t.vagueBodies));
    if (rng() < 0.3) sentences.push(fill(rng, ctx, t.genericSentences));
  } else {
    const short = channel === 'chat' || channel === 'phone';
    // Number of sentences about the main issue: one-liners to several sentences.
    const coreCount = pickWeighted(rng, [1, 2, 3, 4], short ? [0.55, 0.3, 0.12, 0.03] : [0.28, 0.35, 0.25, 0.12]);
    if (!short && rng() < 0.25) sentences.push(fill(rng, ctx, t.openers));
    const first = pick(rng, topic.core);
    used.add(first);
    sentences.push(render(rng, ctx, first));
    for (let k = 1; k < coreCount; k++) {
      const u = rng();
      const pool = u < 0.6 ? mainT.details : u < 0.75 ? topic.core : u < 0.85 ? pick(rng, mainT.topics).core : t.genericSentences;
      const sentence = fillFresh(rng, ctx, pool, used) ?? fillFresh(rng, ctx, mainT.details, used);
      if (sentence) sentences.push(sentence);
    }
    if (side) {
      const mention = fill(rng, ctx, t.classes[side].mentions);
      if (sentences.length > 1 && rng() < 0.3) sentences.splice(randomInt(rng, 1, sentences.length - 1), 0, mention);
      else sentences.push(mention);
    }
    const closing = !short && rng() < 0.3 ? fillFresh(rng, ctx, t.genericSentences, used) : undefined;
    if (closing) sentences.push(closing);
  }

  // Typos go into what the customer wrote, not into agent-written call-note prefixes.
  let body = sentences.join(' ');
  if (rng() < TICKET_NOISE.typo) body = addTypos(rng, body, randomInt(rng, 1, 3));
  if (channel === 'chat') {
    if (rng() < 0.4) body = body.toLowerCase();
    if (rng() < 0.5) body = body.replace(/[.]$/, '');
    if (rng() < 0.4) {
      const greeting = pick(rng, CHAT_GREETINGS);
      body = `${greeting}${/[!?,]$/.test(greeting) ? '' : ','} ${body}`;
    }
  } else if (channel === 'phone') {
    body = fill(rng, ctx, t.phonePrefixes) + body;
  } else {
    const formal = channel === 'email' ? 0.75 : 0.35;
    if (rng() < formal) body = `${fill(rng, ctx, t.greetings)}\n\n${body}`;
    if (rng() < formal) body = `${body}\n\n${fill(rng, ctx, t.signoffs)}`;
  }

  if (rng() < TICKET_NOISE.typo / 4) subject = addTypos(rng, subject, 1);
  if (channel === 'chat' && rng() < 0.3) subject = subject.toLowerCase();

  return { subject: capitalize(subject), body: capitalize(body) };
}

function assertOptions(count: number, startMs: number, days: number, start: string): void {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`generateTickets: count must be a non-negative integer, got ${count}`);
  if (!Number.isFinite(startMs)) throw new RangeError(`generateTickets: start is not a valid ISO date: ${start}`);
  if (!(days > 0) || !Number.isFinite(days)) throw new RangeError(`generateTickets: days must be positive, got ${days}`);
}

/**
 * Generates labelled support tickets, sorted by `createdAt`. Deterministic in the options.
 * About 100k tickets per second on a laptop-class CPU.
 */
export function generateTickets(options: TicketGeneratorOptions = {}): Ticket[] {
  const count = options.count ?? DEFAULT_TICKET_OPTIONS.count;
  const seed = options.seed ?? DEFAULT_TICKET_OPTIONS.seed;
  const start = options.start ?? DEFAULT_TICKET_OPTIONS.start;
  const days = options.days ?? DEFAULT_TICKET_OPTIONS.days;
  const startMs = Date.parse(start);
  assertOptions(count, startMs, days, start);

  const rng = createRng(seed);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) times[i] = drawInstant(rng, startMs, days);
  times.sort();

  const digits = Math.max(6, String(count).length);
  const shares = options.labelShares;
  const weights = shares ? CLASSES.map((c) => shares[LABEL_OF[c]]) : CLASS_WEIGHTS;
  const tickets: Ticket[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const label = pickWeighted(rng, CLASSES, weights);
    const tier = pickWeighted(rng, CUSTOMER_TIERS, TIER_BY_CLASS[label]);
    const channel = pickWeighted(rng, TICKET_CHANNELS, CHANNEL_BY_TIER[tier]);
    const { subject, body } = buildTicket(rng, label, times[i], tier, channel);
    tickets[i] = {
      id: `T-${String(i + 1).padStart(digits, '0')}`,
      subject,
      body,
      label: LABEL_OF[label],
      createdAt: new Date(times[i]).toISOString(),
      channel,
      tier,
    };
  }
  return tickets;
}
