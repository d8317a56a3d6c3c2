/**
 * The beginner mission's data file: ~1,000 labelled historical support tickets from the seeded
 * generator, as a CSV the learner downloads and imports on the Data stage (importing is part of
 * the mission, so the template does not do it). The same seed gives every learner the same file.
 */
import { generateTickets } from '../scenarios/tickets';
import { toCsv } from '../data/csvExport';

export const BEGINNER_TICKETS = { seed: 'practice-beginner-v1', count: 1000, fileName: 'support-tickets.csv' } as const;

export function beginnerTicketsCsv(): string {
  const tickets = generateTickets({ seed: BEGINNER_TICKETS.seed, count: BEGINNER_TICKETS.count });
  return toCsv(
    ['id', 'text', 'label', 'created_at', 'channel', 'tier'],
    tickets.map((t) => [t.id, `${t.subject}\n\n${t.body}`, t.label, t.createdAt, t.channel, t.tier]),
  );
}
