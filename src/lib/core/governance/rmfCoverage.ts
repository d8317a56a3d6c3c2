/**
 * How far a project's stored evidence covers a chosen set of NIST AI RMF 1.0 subcategories.
 * The catalogue (rmfCatalogue.ts) names each subcategory by its id with our own one-line
 * summary and judges it from `RmfFacts` — counts and states the database gathered once
 * (db/rmfFacts.ts). A teaching aid: "covered" means the app holds evidence of that kind, not
 * that an organisation meets the framework.
 */
import type { StageId } from '$lib/core/lifecycle/stages';
import type { RiskTier } from './riskQuestions';

export const RMF_FUNCTIONS = ['GOVERN', 'MAP', 'MEASURE', 'MANAGE'] as const;
export type RmfFunction = (typeof RMF_FUNCTIONS)[number];

export type RmfLevel = 'covered' | 'partly' | 'not-covered';

/** A governance document's best status so far (draft < in review < approved); null when none exists. */
export type DocumentState = 'draft' | 'in-review' | 'approved' | null;

export interface RmfFacts {
  policy: { name: string; version: number; gates: number; reReviewDays: number } | null;
  /** People of the project, and how many of the policy's deciding roles someone holds. */
  people: { count: number; decidingRoles: number; rolesHeld: number };
  riskTier: RiskTier | null;
  canvas: { filled: number; boxes: number };
  criteria: number;
  data: { checkRuns: number; ethicsAnswers: number; slices: number };
  /** The furthest any datasheet / model-card document of the project got (archived ones do not count). */
  documents: { datasheet: DocumentState; modelCard: DocumentState };
  /** Model versions with owner text in their (generated) model card. */
  modelCardsWritten: number;
  runs: { evaluated: number; withSlices: number; beatBaseline: number };
  registeredVersions: number;
  serving: { deployed: boolean; deployments: number; rollbacks: number; canRollBack: boolean; deprecatedOrRetired: number };
  monitoring: { healthChecks: number; predictions: number; driftReports: number };
  decisions: { approvals: number; rejectionsOrChanges: number; waivers: number };
  auditEntries: number;
}

/** Where in the app a piece of evidence is made. */
export type RmfLink = { stage: StageId; view?: string } | { page: 'inventory' };

export interface RmfJudgement {
  level: RmfLevel;
  /** What the app holds, one phrase each ("Standard policy v1 published"). */
  evidence: string[];
  /** What to do next when not fully covered. */
  next: string | null;
  link: RmfLink;
}

export interface RmfSubcategory {
  /** "GOVERN 1.1" — the framework's id. */
  id: string;
  fn: RmfFunction;
  /** Our own short wording of what the subcategory asks. */
  summary: string;
  judge: (facts: RmfFacts) => RmfJudgement;
}

export interface RmfCoverageRow {
  id: string;
  fn: RmfFunction;
  summary: string;
  judgement: RmfJudgement;
}

export interface RmfFunctionSummary {
  fn: RmfFunction;
  covered: number;
  partly: number;
  total: number;
  rows: RmfCoverageRow[];
}

/** Judges every subcategory of the catalogue, grouped by function in framework order. */
export function rmfCoverage(catalogue: readonly RmfSubcategory[], facts: RmfFacts): RmfFunctionSummary[] {
  return RMF_FUNCTIONS.map((fn) => {
    const rows = catalogue.filter((s) => s.fn === fn).map((s) => ({ id: s.id, fn, summary: s.summary, judgement: s.judge(facts) }));
    return {
      fn,
      covered: rows.filter((r) => r.judgement.level === 'covered').length,
      partly: rows.filter((r) => r.judgement.level === 'partly').length,
      total: rows.length,
      rows,
    };
  });
}

/** A judgement from the pieces of evidence present: all → covered, some → partly, none → not covered. */
export function judged(link: RmfLink, parts: readonly { ok: boolean; evidence: string; todo: string }[]): RmfJudgement {
  const present = parts.filter((p) => p.ok);
  const missing = parts.filter((p) => !p.ok);
  const level: RmfLevel = missing.length === 0 ? 'covered' : present.length === 0 ? 'not-covered' : 'partly';
  return { level, evidence: present.map((p) => p.evidence), next: missing.length ? missing.map((p) => p.todo).join(' ') : null, link };
}
