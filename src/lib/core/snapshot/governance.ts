/**
 * The governance section of a snapshot (schema version 2): the published policy versions and
 * the draft being edited, the people and their roles, and the append-only review requests,
 * decisions and waivers — the same shapes the governance core reads. Version 3 adds the risk
 * assessments, the governed documents (every version), template fills and playbook ticks, as
 * the database stores them but for their project, and a decision's signature (signing.ts).
 * Each list is one *kind*: an older document gets an empty list of each kind it lacked (by
 * its numbered migration), the export and the import go through the kinds, so carrying a new
 * kind of governance record is one entry in GOVERNANCE_KINDS and {@link GovernanceItems}, its
 * `$defs` in the published schema, its table on the db side and a numbered migration.
 *
 * The draft travels too: it governs nothing, but it is work someone was doing on the project.
 * So does the Data Ethics Review's evidence (check runs, "reviewed" marks, written answers): an
 * approval is judged on it, and without it an approved review would read "not yet" again.
 */
import type { PolicyDraft, PublishedPolicy } from '../governance/policyVersions';
import type { Decision, Person, ReviewRequest, Waiver } from '../governance/records';
import type { SubjectRef } from '../governance/subjects';
import type { CheckReview, DatasetCheckSummary, EthicsAnswers } from '../governance/facts';
import type { RiskAnswers } from '../governance/riskTier';
import type { RiskTier } from '../governance/riskQuestions';
import { validateRiskAnswers } from '../governance/riskTier';
import { validatePolicyData } from '../governance/policyDocument';
import { formatProblem } from '../documents/problems';
import type { JsonValue } from './json';
import { pointer, preview } from './problems';

export type SnapshotPolicyVersion = Omit<PublishedPolicy, 'status'>;
export type SnapshotPolicyDraft = Omit<PolicyDraft, 'status'> & { updatedAt: string };
/** The review evidence as stored per dataset version, with its own id (and the person for a mark or answers). */
export type SnapshotCheckRun = DatasetCheckSummary & { id: string; datasetVersionId: string };
export type SnapshotCheckReview = CheckReview & { id: string; datasetVersionId: string; personId: string };
export type SnapshotEthicsAnswers = EthicsAnswers & { id: string; datasetVersionId: string; personId: string };

/** Who did something, when no role is involved (null: nobody was named). */
export interface SnapshotByPerson {
  personId: string;
  name: string;
}

/**
 * The schema v3 records, shaped as db/records.ts stores them without their project (the core
 * cannot import the db): the export assigns the stored records to these types, so TypeScript
 * finds a field missing here. Kinds and statuses are checked by the published schema's enums
 * (tests/unit/snapshot/schemaFile.test.ts keeps those equal to records.ts's lists).
 */
export interface SnapshotRiskAssessment {
  id: string;
  answers: RiskAnswers;
  tier: RiskTier;
  by: SnapshotByPerson | null;
  at: string;
}
export interface SnapshotGovernedDocument {
  id: string;
  kind: string;
  /** The model version, dataset version or project the document is about. */
  subjectId: string;
  version: number;
  status: string;
  fields: Record<string, string>;
  parentId: string | null;
  createdAt: string;
  transitions: { status: string; at: string; by: SnapshotByPerson | null; note: string }[];
}
export interface SnapshotTemplateFill {
  id: string;
  templateId: string;
  fields: Record<string, string>;
  at: string;
  by: SnapshotByPerson | null;
}
export interface SnapshotPlaybookTick {
  /** `${projectId}:${itemId}`, the project being the snapshot's. */
  id: string;
  itemId: string;
  done: boolean;
  at: string;
  by: SnapshotByPerson | null;
}

/** What one item of each kind is. */
export interface GovernanceItems {
  policyVersions: SnapshotPolicyVersion;
  people: Person;
  reviewRequests: ReviewRequest;
  decisions: Decision;
  waivers: Waiver;
  checkRuns: SnapshotCheckRun;
  checkReviews: SnapshotCheckReview;
  ethicsAnswers: SnapshotEthicsAnswers;
  riskAssessments: SnapshotRiskAssessment;
  documents: SnapshotGovernedDocument;
  templateFills: SnapshotTemplateFill;
  playbookTicks: SnapshotPlaybookTick;
}

/** Every kind of governance record a snapshot carries, in the document's order. */
export const GOVERNANCE_KINDS = [
  'policyVersions', 'people', 'reviewRequests', 'decisions', 'waivers', 'checkRuns', 'checkReviews', 'ethicsAnswers',
  'riskAssessments', 'documents', 'templateFills', 'playbookTicks',
] as const satisfies readonly (keyof GovernanceItems)[];
export type GovernanceKind = (typeof GOVERNANCE_KINDS)[number];

export type SnapshotGovernance = { [K in GovernanceKind]: GovernanceItems[K][] } & { policyDraft: SnapshotPolicyDraft | null };

/** No governance: an empty list of every kind, no draft. */
export function emptyGovernance(): SnapshotGovernance {
  return { ...(Object.fromEntries(GOVERNANCE_KINDS.map((kind) => [kind, []])) as unknown as { [K in GovernanceKind]: GovernanceItems[K][] }), policyDraft: null };
}

/** The ids a subject names (dataset or model version, and the run). */
export function subjectIds(s: SubjectRef): string[] {
  return s.kind === 'dataset-version' ? [s.datasetVersionId] : [s.modelVersionId, s.runId];
}

/**
 * Checks the schema cannot express: policy documents valid (the policy's own validator) and
 * numbered once; ids unique within each kind; every record naming a published version, a person
 * of the project and, for a decision, a request about the same gate and object. Subjects may name
 * versions deleted since (records are append-only), so they are not required to resolve; the
 * review evidence is stored *on* a dataset version, so it must name one of `datasetVersions`
 * (the snapshot's) and have been made on that version's rows (its content hash). Risk answers
 * must fit the questionnaire; a document version is numbered once in its line and edited from a
 * version of the same line; a playbook tick is the snapshot's project's.
 */
export function checkGovernance(
  g: SnapshotGovernance,
  projectId: string,
  datasetVersions: ReadonlyMap<string, { number: number; contentHash: string }>,
  fail: (path: string, message: string) => void,
): void {
  const versions = new Map<number, string>();
  g.policyVersions.forEach((p, i) => {
    const at = pointer('/governance/policyVersions', i);
    if (versions.has(p.version)) fail(pointer(at, 'version'), `repeats policy version ${p.version}.`);
    versions.set(p.version, p.hash);
    const checked = validatePolicyData(p.data as unknown as JsonValue);
    if (!checked.ok) fail(pointer(at, 'data'), checked.problems.map(formatProblem).join(' '));
  });
  if (g.policyDraft && versions.has(g.policyDraft.version)) fail('/governance/policyDraft/version', `repeats published policy version ${g.policyDraft.version}.`);
  const requests = new Map(g.reviewRequests.map((r) => [r.id, r]));
  /** Checks each item of the kind after its id (unique within the kind). */
  const eachOnce = <T extends { id: string }>(kind: GovernanceKind, items: readonly T[], check: (item: T, at: string) => void) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const at = pointer(`/governance/${kind}`, i);
      if (seen.has(item.id)) fail(pointer(at, 'id'), `repeats the id ${preview(item.id)}.`);
      seen.add(item.id);
      check(item, at);
    });
  };
  // The person who acted need not be among people: they may have been removed since; the record keeps their name.
  const underPolicy = <T extends { id: string; policy: { version: number; hash: string } }>(kind: 'reviewRequests' | 'decisions' | 'waivers', items: readonly T[]) =>
    eachOnce(kind, items, (item, at) => {
      if (versions.get(item.policy.version) !== item.policy.hash) fail(pointer(at, 'policy'), `names policy v${item.policy.version} with a hash no version among policyVersions has.`);
    });
  eachOnce('people', g.people, () => {});
  underPolicy('reviewRequests', g.reviewRequests);
  underPolicy('decisions', g.decisions);
  underPolicy('waivers', g.waivers);
  g.decisions.forEach((d, i) => {
    const request = requests.get(d.requestId);
    const at = pointer('/governance/decisions', i);
    if (!request) fail(pointer(at, 'requestId'), `names no review request of this snapshot (${preview(d.requestId)}).`);
    else if (request.gateId !== d.gateId || subjectIds(request.subject).join() !== subjectIds(d.subject).join()) fail(at, 'decides another gate or object than its request names.');
  });
  g.waivers.forEach((w, i) => {
    if (!(Date.parse(w.expiresAt) > Date.parse(w.at))) fail(pointer('/governance/waivers', i, 'expiresAt'), 'must be after the waiver was granted (at).');
  });
  const evidence = (kind: 'checkRuns' | 'checkReviews' | 'ethicsAnswers', items: readonly { id: string; datasetVersionId: string; contentHash: string; personId?: string }[]) =>
    eachOnce(kind, items, (item, at) => {
      const version = datasetVersions.get(item.datasetVersionId);
      if (!version) fail(pointer(at, 'datasetVersionId'), `names no dataset version of this snapshot (${preview(item.datasetVersionId)}).`);
      else if (version.contentHash !== item.contentHash) fail(pointer(at, 'contentHash'), `must be the content hash of the dataset version it names (v${version.number}).`);
    });
  evidence('checkRuns', g.checkRuns);
  evidence('checkReviews', g.checkReviews);
  evidence('ethicsAnswers', g.ethicsAnswers);
  eachOnce('riskAssessments', g.riskAssessments, (a, at) => {
    const checked = validateRiskAnswers(a.answers, pointer(at, 'answers'));
    if (!checked.ok) for (const p of checked.problems) fail(p.path, p.message);
  });
  const documents = new Map(g.documents.map((d) => [d.id, d]));
  const numbered = new Set<string>();
  eachOnce('documents', g.documents, (d, at) => {
    const line = `${d.kind}\u0000${d.subjectId}\u0000${d.version}`;
    if (numbered.has(line)) fail(pointer(at, 'version'), `repeats version ${d.version} of the ${d.kind} of ${preview(d.subjectId)}.`);
    numbered.add(line);
    if (d.parentId === null) return;
    const parent = documents.get(d.parentId);
    if (!parent) fail(pointer(at, 'parentId'), `names no document version of this snapshot (${preview(d.parentId)}).`);
    else if (parent.kind !== d.kind || parent.subjectId !== d.subjectId) fail(pointer(at, 'parentId'), 'names a version of another document (kind or subject).');
  });
  eachOnce('templateFills', g.templateFills, () => {});
  eachOnce('playbookTicks', g.playbookTicks, (t, at) => {
    if (t.id !== `${projectId}:${t.itemId}`) fail(pointer(at, 'id'), `must be "<project id>:<item id>" of this snapshot (${preview(`${projectId}:${t.itemId}`)}).`);
  });
}
