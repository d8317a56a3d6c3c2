/**
 * Tickets about a newly launched product, the Lumora Halo smart lamp, for the *new product
 * launch* traffic scenario. Their deciding words (deposit, voucher, firmware, pairing, warranty,
 * showroom, …) never occur in the historical tickets of tickets.ts — a test checks it against
 * 5,000 generated ones — so a model trained on those sees little but glue words in them and
 * misroutes many, while one retrained with a few hundred labelled launch tickets learns them
 * (measured with the app's own training in tests/unit/scenarios/scenarioLaunch.test.ts).
 */
import { pick, randomInt, type Rng } from '../random';
import { FIRST_NAMES } from './ticketVocabulary';
import type { TicketLabel } from './tickets';

/** Words of the launch that the historical tickets never use (checked by a test). */
export const LAUNCH_WORDS = [
  'lumora', 'halo', 'preorder', 'deposit', 'voucher', 'cashback', 'instalments', 'surcharge', 'rebate', 'wallet',
  'firmware', 'pairing', 'flickers', 'bluetooth', 'dock', 'mesh', 'calibration', 'dimmer', 'glow', 'overheats',
  'warranty', 'showroom', 'colours', 'compatible', 'accessories', 'retailers', 'stock', 'engraving', 'swatch',
] as const;

interface LaunchClass {
  subjects: readonly string[];
  sentences: readonly string[];
}

const LAUNCH: Readonly<Record<TicketLabel, LaunchClass>> = {
  Billing: {
    subjects: ['Halo preorder deposit', 'Lumora voucher not applied', 'Deposit deducted twice', 'Cashback for my Halo', 'Halo instalments', 'Surcharge on my Halo bundle', 'Halo rebate missing'],
    sentences: [
      'I placed a preorder for the Lumora Halo and the deposit was deducted twice from my wallet.',
      'The cashback promised with the Halo bundle never reached my wallet balance.',
      'My voucher was not accepted for the Halo preorder, so the whole deposit went through.',
      'Is there a way to spread the Halo deposit over instalments?',
      'There is a surcharge on my Halo bundle that nobody mentioned.',
      'Two Halo bulbs went back to the store but the rebate never showed up in my wallet.',
      'The Halo preorder deposit left my wallet two times.',
      'The Halo deposit should sit in my wallet, not on the old card.',
    ],
  },
  'Technical Issue': {
    subjects: ['Halo keeps flickering', 'Halo pairing fails', 'Halo firmware stuck', 'Dock overheats', 'Bluetooth pairing lost', 'Halo dimmer scenes gone', 'Halo calibration never ends'],
    sentences: [
      'The Halo lamp flickers every few seconds since the new firmware.',
      'Pairing the Halo with the dock fails at the bluetooth step and the ring blinks amber.',
      'My Halo bulbs drop off the mesh and the scenes stop working.',
      'The dock overheats and the Halo battery stops charging overnight.',
      'Calibration of the motion sensor never finishes on the Halo hub.',
      'The dimmer on the Halo strip jumps to full glow on its own.',
      'With the new firmware the Halo is gone from bluetooth.',
      'The Halo glow flickers whenever the dock is plugged in.',
    ],
  },
  'General Inquiry': {
    subjects: ['Halo availability', 'Is the Halo compatible?', 'Halo colours', 'Halo warranty question', 'Showroom visit', 'Halo accessories', 'Engraving on the Halo'],
    sentences: [
      'Is there an emerald swatch among the Lumora Halo colours?',
      'Is the Halo lamp compatible with the bulbs I have at home?',
      'When will the Halo be back in stock at retailers near me?',
      'How long is the warranty on the Halo dock and its accessories?',
      'Can I see the Halo in a showroom before I decide?',
      'Is engraving on the Halo ring possible?',
      'Which accessories fit the Halo, and are they in stock yet?',
      'Are the Halo colours the same in every showroom?',
    ],
  },
};

const LABELS = Object.keys(LAUNCH) as TicketLabel[];
const GREETINGS = ['Hi,', 'Hello,', 'Hi team,', 'Good morning,'] as const;

/**
 * How launch customers set the scene: the product lives in the mobile app, so its tickets borrow
 * the app's words, which the historical tickets tie to technical issues — the old model reads
 * them and little else, and routes many billing and general launch tickets as technical.
 */
const CONTEXT = [
  'I set up the Halo in the mobile app last week.',
  'The Halo is linked to my account in the app.',
  'I use the Halo with the app on my phone.',
  'Everything is set up in the app and my account.',
] as const;

/** One launch ticket's subject and body for `label`: often a scene-setting sentence, one or two of its class's sentences, sometimes a greeting and a name. */
export function launchTicketText(rng: Rng, label: TicketLabel): { subject: string; body: string } {
  const c = LAUNCH[label];
  const first = pick(rng, c.sentences);
  const parts = [first];
  if (rng() < 0.45) {
    const second = pick(rng, c.sentences);
    if (second !== first) parts.push(second);
  }
  // Like the history's mixed-signal tickets: a side remark in another class's launch words.
  if (rng() < 0.15) parts.push(pick(rng, LAUNCH[pick(rng, LABELS.filter((l) => l !== label))].sentences));
  if (rng() < 0.6) parts.unshift(pick(rng, CONTEXT));
  let body = parts.join(' ');
  if (rng() < 0.4) body = `${pick(rng, GREETINGS)}\n\n${body}`;
  if (rng() < 0.4) body = `${body}\n\n${pick(rng, ['Thanks', 'Cheers', 'Best'])}, ${pick(rng, FIRST_NAMES)}`;
  const subject = rng() < 0.1 ? `${pick(rng, c.subjects)} (${randomInt(rng, 2, 9)})` : pick(rng, c.subjects);
  return { subject, body };
}
