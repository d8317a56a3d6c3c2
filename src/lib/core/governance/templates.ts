/**
 * Policies to start from, as data: *Light* (one deployment check), *Standard* (a Data Ethics
 * Review before training and a Performance SLA before deployment) and *High-risk* (Standard plus
 * a model-card approval and a council review by four roles, all of whom must sign). Picking one
 * gives a draft to edit and publish.
 */
import type { GovernancePolicyData, PolicyGate, PolicyRole } from './policy';

const ROLES = {
  approver: { id: 'approver', name: 'Approver', description: 'Decides whether a model version may be deployed.' },
  ethics: { id: 'ethics-reviewer', name: 'Ethics reviewer', description: 'Reviews the data before a model learns from it: personal data, bias, consent.' },
  engineering: { id: 'engineering-lead', name: 'Engineering lead', description: 'Checks that a model version meets its performance targets before it serves.' },
  product: { id: 'product-owner', name: 'Product owner', description: 'Answers for what the model is for and who it affects; sits on the review council.' },
  legal: { id: 'legal-counsel', name: 'Legal counsel', description: 'Checks the legal duties a model version carries (data protection, discrimination, sector rules); sits on the review council.' },
} satisfies Record<string, PolicyRole>;

const DATA_ETHICS_REVIEW: PolicyGate = {
  id: 'data-ethics-review',
  name: 'Data Ethics Review',
  description: 'Before training on a dataset version: personal data, class balance, segments, leakage and label conflicts checked, and the ethics questions answered.',
  stage: 'model',
  evidence: ['pii-clear', 'class-balance-reviewed', 'class-mix-reviewed', 'split-leakage', 'label-conflicts-reviewed', 'ethics-answers'],
  deciderRole: ROLES.ethics.id,
};

const PERFORMANCE_SLA: PolicyGate = {
  id: 'performance-sla',
  name: 'Performance SLA',
  description: 'Before a model version serves: success criteria met on test, no slice below its floor, p99 latency within target, the baseline beaten.',
  stage: 'deploy',
  evidence: ['criteria-pass', 'slices-above-floor', 'latency-p99', 'baseline-beaten'],
  deciderRole: ROLES.engineering.id,
};

const LIGHT_CHECK: PolicyGate = {
  id: 'deployment-check',
  name: 'Deployment check',
  description: 'Before a model version serves: its success criteria pass and it beats the baseline.',
  stage: 'deploy',
  evidence: ['criteria-pass', 'baseline-beaten'],
  deciderRole: ROLES.approver.id,
};

const MODEL_CARD_APPROVAL: PolicyGate = {
  id: 'model-card-approval',
  name: 'Model card approval',
  description: 'Before a model version serves: its owner has written the model card and a reviewer approves it.',
  stage: 'deploy',
  evidence: ['model-card-approved'],
  deciderRole: ROLES.ethics.id,
};

const COUNCIL_REVIEW: PolicyGate = {
  id: 'council-review',
  name: 'Council review',
  description: 'Before a high-risk model version serves: product, engineering, legal and ethics each sign off on its evidence and its card.',
  stage: 'deploy',
  evidence: ['criteria-pass', 'slices-above-floor', 'model-card-written'],
  deciderRole: ROLES.product.id,
  council: { roles: [ROLES.product.id, ROLES.engineering.id, ROLES.legal.id, ROLES.ethics.id], quorum: 4 },
};

export const POLICY_TEMPLATE_IDS = ['light', 'standard', 'high-risk'] as const;
export type PolicyTemplateId = (typeof POLICY_TEMPLATE_IDS)[number];

const TEMPLATES: Record<PolicyTemplateId, GovernancePolicyData> = {
  light: {
    name: 'Light',
    description: 'One check before a model version serves. For experiments and internal tools.',
    template: 'light',
    roles: [ROLES.approver],
    gates: [LIGHT_CHECK],
    reReview: { days: 180, graceDays: 30 },
    sliceFloor: { metric: 'accuracy', min: 0.7, minExamples: 30 },
  },
  standard: {
    name: 'Standard',
    description: 'A Data Ethics Review before training and a Performance SLA before deployment.',
    template: 'standard',
    roles: [ROLES.ethics, ROLES.engineering],
    gates: [DATA_ETHICS_REVIEW, PERFORMANCE_SLA],
    reReview: { days: 90, graceDays: 14 },
    sliceFloor: { metric: 'accuracy', min: 0.8, minExamples: 30 },
  },
  'high-risk': {
    name: 'High-risk',
    description: 'Standard, plus an approved model card and a council review before deployment, and more frequent re-reviews.',
    template: 'high-risk',
    roles: [ROLES.ethics, ROLES.engineering, ROLES.product, ROLES.legal],
    gates: [DATA_ETHICS_REVIEW, PERFORMANCE_SLA, MODEL_CARD_APPROVAL, COUNCIL_REVIEW],
    reReview: { days: 30, graceDays: 7 },
    sliceFloor: { metric: 'accuracy', min: 0.85, minExamples: 30 },
  },
};

/** A fresh copy of a template's policy data, to edit as a draft. */
export function policyTemplate(id: PolicyTemplateId): GovernancePolicyData {
  return structuredClone(TEMPLATES[id]);
}
