/**
 * CRISP-DM, the cross-industry process for data mining: six phases that the app maps onto its
 * own lifecycle stages so learners can see both vocabularies side by side.
 */
import type { StageId } from './stages';

export const CRISP_DM_PHASES = [
  'business-understanding',
  'data-understanding',
  'data-preparation',
  'modeling',
  'evaluation',
  'deployment',
] as const;

export type CrispDmPhase = (typeof CRISP_DM_PHASES)[number];

export const CRISP_DM_INFO: Record<CrispDmPhase, { title: string; summary: string }> = {
  'business-understanding': {
    title: 'Business understanding',
    summary: 'Pin down the business goal, turn it into a prediction problem and agree how success is measured.',
  },
  'data-understanding': {
    title: 'Data understanding',
    summary: 'Collect a first sample, explore it and find quality problems before relying on it.',
  },
  'data-preparation': {
    title: 'Data preparation',
    summary: 'Clean, label, select and transform the data into the table the model will learn from.',
  },
  modeling: {
    title: 'Modeling',
    summary: 'Try modelling techniques, starting from a simple baseline, and tune their settings.',
  },
  evaluation: {
    title: 'Evaluation',
    summary: 'Check the model against the business success criteria, not just the training metrics.',
  },
  deployment: {
    title: 'Deployment',
    summary: 'Put the model where decisions are made, then plan its monitoring and maintenance.',
  },
};

/**
 * Which lifecycle stage does the work of each phase. CRISP-DM stops at deployment; the app's
 * Monitor and Govern stages have no CRISP-DM counterpart.
 */
export const CRISP_DM_STAGE: Record<CrispDmPhase, StageId> = {
  'business-understanding': 'frame',
  'data-understanding': 'data',
  'data-preparation': 'data',
  modeling: 'model',
  evaluation: 'model',
  deployment: 'deploy',
};
