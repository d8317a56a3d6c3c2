/**
 * Advanced — a governed lifecycle, checked from the governance stores: the published policy
 * versions, review requests and their decisions (a council's standing from council.ts), waivers,
 * the endpoint's refusals and the Govern playbook's progress. A refused training or deployment
 * leaves no record (the control is refused before anything is written), so "a gate blocked
 * something" reads what does: a reviewer's rejection or request for changes, and the requests the
 * endpoint refused because a version lost its approval.
 */
import type { DebriefSection, MissionDefinition, StepResult } from '../mission';
import type { RiskTier } from '../../governance/riskQuestions';
import type { CouncilStatus } from '../../governance/council';
import { counted } from '../../words';

/** The seeded project the mission governs: a routing model whose answers decide how fast people reach help. */
export const ADVANCED_PROJECT = {
  name: 'Practice: governed hardship routing',
  description:
    'An energy supplier routes customers’ messages to Billing, Technical Issue or General Inquiry. Billing messages about unpaid bills reach the hardship team, ' +
    'which can pause a disconnection: how fast a household gets there depends on this model.',
  decisions: 'Messages predicted Billing with confidence ≥ 0.8 go straight to the billing and hardship queue; the rest wait for an agent to triage them.',
  seed: 'practice-governed-1',
  messages: 900,
} as const;

export interface AdvancedFacts {
  notes: Record<string, string>;
  /** The current risk assessment's tier; null when never assessed. */
  riskTier: RiskTier | null;
  /** Every published policy version, oldest first: the names of the gates guarding training and deployment. */
  policies: { version: number; name: string; modelGates: string[]; deployGates: string[] }[];
  /** Each review request and where it stands (a council's standing for a council gate). */
  reviews: { gate: string; council: boolean; subject: string; status: CouncilStatus; summary: string; at: string }[];
  /** Decisions that held something back: rejections and requests for changes. */
  refusals: { gate: string; subject: string; outcome: 'reject' | 'request-changes'; by: string; comment: string; at: string }[];
  /** Predict requests the endpoint refused because the serving version lost a gate's approval. */
  refusedRequests: { count: number; lastAt: string | null };
  waivers: { gate: string; subject: string; owner: string; reason: string; at: string; expiresAt: string }[];
  /** The Govern stage's playbook: items done, all items, and the ones still open. */
  playbook: { done: number; total: number; open: string[] };
}

const ok = (evidence: string): StepResult => ({ done: true, evidence });
const no = (missing?: string): StepResult => ({ done: false, ...(missing ? { missing } : {}) });
const day = (iso: string) => iso.slice(0, 10);

function bothGates(facts: AdvancedFacts): StepResult {
  const both = [...facts.policies].reverse().find((p) => p.modelGates.length && p.deployGates.length);
  if (both) return ok(`Policy v${both.version} “${both.name}” guards training (${both.modelGates.join(', ')}) and deployment (${both.deployGates.join(', ')}).`);
  const last = facts.policies.at(-1);
  if (last) return no(`Policy v${last.version} guards ${last.modelGates.length ? 'training' : 'deployment'} only: add a gate before ${last.modelGates.length ? 'deployment' : 'training'} and publish again.`);
  return no();
}

function blocked(facts: AdvancedFacts): StepResult {
  const lines: string[] = [];
  const refusal = facts.refusals.at(-1);
  if (refusal) lines.push(`${refusal.gate} ${refusal.outcome === 'reject' ? 'rejected' : 'asked for changes to'} ${refusal.subject} (${refusal.by}: ${refusal.comment}).`);
  if (facts.refusedRequests.count) lines.push(`The endpoint refused ${counted(facts.refusedRequests.count, 'request')} because a version lost its approval.`);
  return lines.length ? ok(lines.join(' ')) : no();
}

function councilReviewed(facts: AdvancedFacts): StepResult {
  const council = facts.reviews.filter((r) => r.council);
  const settled = [...council].reverse().find((r) => r.status !== 'pending');
  if (facts.riskTier !== 'high') {
    return no(facts.riskTier ? `The project is assessed ${facts.riskTier}-risk: answer the risk questionnaire for what this service does to people.` : 'The project’s risk tier is not assessed yet.');
  }
  if (settled) return ok(`${settled.gate} on ${settled.subject}: ${settled.summary}`);
  if (council.length) return no(`${council.at(-1)!.gate} on ${council.at(-1)!.subject}: ${council.at(-1)!.summary}`);
  return no();
}

function waived(facts: AdvancedFacts): StepResult {
  const w = facts.waivers.at(-1);
  if (!w) return no();
  return ok(`${w.gate} waived for ${w.subject} until ${day(w.expiresAt)}; ${w.owner} answers for it: ${w.reason}`);
}

function playbookFollowed(facts: AdvancedFacts): StepResult {
  const { done, total, open } = facts.playbook;
  if (total > 0 && done === total) return ok(`All ${total} items of the Govern playbook are done.`);
  return no(`${done} of ${total} playbook items done; still open: ${open.join('; ')}.`);
}

function debrief(facts: AdvancedFacts): DebriefSection[] {
  const policy = facts.policies.at(-1);
  const trail = [
    policy ? `Policy in force: v${policy.version} “${policy.name}”, ${counted(policy.modelGates.length + policy.deployGates.length, 'gate')}.` : 'No policy was published.',
    `Risk tier: ${facts.riskTier ?? 'not assessed'}.`,
    ...facts.reviews.map((r) => `Review of ${r.subject} for ${r.gate} (${day(r.at)}): ${r.summary}`),
    ...facts.refusals.map((r) => `${r.by} ${r.outcome === 'reject' ? 'rejected' : 'asked for changes to'} ${r.subject} for ${r.gate}: ${r.comment}`),
    ...facts.waivers.map((w) => `Waiver of ${w.gate} for ${w.subject}, ${day(w.at)} to ${day(w.expiresAt)}, owned by ${w.owner}: ${w.reason}`),
  ];
  return [{ heading: 'Your governance trail', lines: trail }];
}

export const ADVANCED_MISSION: MissionDefinition<AdvancedFacts> = {
  id: 'advanced',
  title: 'A governed lifecycle',
  level: 'Advanced',
  goal:
    'A model already trained on customers’ messages is about to decide which of them reach the team that can stop a service being cut off. Put governance around it: ' +
    'assess its risk, publish a policy that gates both training and deployment, let a gate stop something, have a council review the high-risk version, ' +
    'grant a waiver that ends, and follow the Govern playbook to the end.',
  deliverables: ['A risk tier with the answers behind it', 'A published policy with a gate before training and one before deployment', 'Decisions, a council review and a waiver with reasons', 'The audit trail of all of it'],
  steps: [
    {
      id: 'policy-both-gates',
      title: 'Publish a policy with a gate before training and one before deployment',
      where: { kind: 'stage', stage: 'govern', view: 'policy' },
      linkText: 'Open Govern → Policy',
      hint: 'Start from a template (Standard or High-risk both have a gate at each stage), adjust it, and publish it.',
      check: bothGates,
    },
    {
      id: 'gate-blocked',
      title: 'Let a gate stop something',
      where: { kind: 'stage', stage: 'govern' },
      linkText: 'Open Govern → Gates',
      hint: 'Request a review of the version and have its reviewer reject it or ask for changes (Govern → Gates); or, once a deployed version’s approval is rejected, send it a request and watch the endpoint refuse it.',
      check: blocked,
    },
    {
      id: 'council-review',
      title: 'Have a council review the high-risk version',
      where: { kind: 'stage', stage: 'govern' },
      linkText: 'Open Govern → Gates',
      hint: 'Answer the risk questionnaire (Govern → Risk tier) for what this service does to people; the High-risk policy has a council gate. Name a person for each council role (Govern → People), request the review, and have each member sign for their role.',
      check: councilReviewed,
    },
    {
      id: 'waiver',
      title: 'Grant a waiver with an owner and an expiry',
      where: { kind: 'stage', stage: 'govern' },
      linkText: 'Open Govern → Gates',
      hint: 'On a gate that is not met, grant a waiver: who answers for the risk, why, and until when.',
      check: waived,
    },
    {
      id: 'playbook',
      title: 'Follow the Govern playbook to the end',
      where: { kind: 'stage', stage: 'govern' },
      linkText: 'Open Govern → Gates and its playbook',
      hint: 'Every item is checked from the project’s records except the re-review calendar, which you tick once someone owns the dates.',
      check: playbookFollowed,
    },
  ],
  prompts: [{ key: 'tradeoffs', label: 'Which gate would you drop if reviews slowed the team down, and what would you lose?', hint: 'Name the gate, the risk it covers and who would carry it.' }],
  debrief,
};
