/**
 * What the built-in sample project is framed as: the beginner practice project, an
 * end-to-end support-ticket classifier. The canvas is written as a learner would fill it in.
 */
import type { CanvasFields } from '../lifecycle/canvas';
import type { CrispDmPhase } from '../lifecycle/crispDm';

export const SAMPLE_PROJECT = {
  name: 'Support ticket triage',
  description:
    'Route incoming support tickets to the Billing, Technical Issue or General Inquiry queue automatically, so customers reach the right team on the first try.',
  seed: 'support-tickets-v1',
  ticketCount: 1200,
  /** What one row is called in this project. */
  rowWord: 'ticket',
} as const;

export const SAMPLE_CRISP_PHASE: CrispDmPhase = 'data-understanding';

export const SAMPLE_CANVAS: CanvasFields = {
  valueProposition:
    'Support agents spend the first minutes of every ticket deciding which queue it belongs to, and about one ticket in seven is routed to the wrong team and waits again. Routing tickets on arrival gets customers to the right team faster and frees agents for answering.',
  predictionTask:
    'Multi-class classification: given a ticket’s subject and body, predict its queue — Billing, Technical Issue or General Inquiry — with a confidence.',
  decisions:
    'Tickets predicted with confidence ≥ 0.8 go straight to the predicted queue; the rest go to a triage queue where an agent picks the team. Agents can move any ticket, and every move is recorded.',
  dataCollection:
    'Agents’ final queue assignment is the label. Moves between queues after auto-routing are logged as corrections and join the next training set.',
  dataSources:
    'Historical tickets from the help desk export (subject, body, channel, customer tier, creation time) with the queue that resolved them: about 1,200 tickets over 90 days.',
  impactSimulation:
    'Before go-live, replay the held-out test tickets: at least 90 % must land in the right queue, and misrouted Billing tickets (refund requests) are the costliest error, so their recall is watched separately.',
  makingPredictions:
    'In real time, when a ticket is created, through a REST endpoint; a prediction must return in under 200 ms at the 99th percentile.',
  buildingModels:
    'A TF-IDF + logistic regression baseline first, then a small neural network as challenger. Retrain monthly, or sooner when monitoring shows drift; a new model replaces the champion only if it beats it on the same test set.',
  features:
    'Words and word pairs of the subject and body (TF-IDF); channel and customer tier kept as metadata for slice analysis.',
  monitoring:
    'Technical: endpoint latency (p50/p99), error rate and availability. Quality: share of low-confidence predictions, agents’ correction rate per queue, and drift of the ticket vocabulary against the training data.',
};
