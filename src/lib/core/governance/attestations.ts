/**
 * What a person attests for the Data Ethics Review of one dataset version: a "reviewed" mark on a
 * check, and the written answers. Each is made on exactly the rows it names (the version's content
 * hash), a mark only after the checks ran on those rows; the evidence (datasetEvidence.ts) then judges
 * whether it still speaks for the version. These decide what may be recorded; the database asks
 * them inside the transaction that writes.
 */
import type { Checked, Person } from './records';
import { REVIEWED_CHECKS, type CheckReview, type DatasetCheckSummary, type EthicsAnswers, type ReviewedCheck } from './facts';

/** The version as the attestation sees it: its rows' hash and the newest check run stored for it. */
export interface AttestedVersion {
  number: number;
  contentHash: string;
  checks: DatasetCheckSummary | null;
}

/** The questions of the review, in the order the form asks them. */
export const ETHICS_QUESTIONS = [
  { key: 'intendedUse', label: 'Intended use', hint: 'What the model built from this data will be used for, and by whom.' },
  { key: 'whoCouldBeHarmed', label: 'Who could be harmed', hint: 'Who is affected by a wrong or unfair prediction, and how.' },
  { key: 'consent', label: 'Consent for the data', hint: 'How the people in the data agreed to this use, or why it is allowed.' },
] as const;
export type EthicsQuestion = (typeof ETHICS_QUESTIONS)[number]['key'];

/** How each reviewed check is named in sentences ("Mark class balance reviewed"). */
export const REVIEWED_CHECK_NAMES: Record<ReviewedCheck, string> = {
  'class-balance': 'class balance',
  'class-mix': 'class mix per segment',
  'label-conflicts': 'label conflicts',
};

/** The longest note or answer kept, in characters. */
export const MAX_ATTESTATION_LENGTH = 4000;

function checksRanOn(version: AttestedVersion): string | null {
  if (!version.checks) return `The data checks have not run on v${version.number} yet: run them before reviewing.`;
  if (version.checks.contentHash !== version.contentHash) return `The stored checks were made on other rows than v${version.number}: run them again before reviewing.`;
  return null;
}

const tooLong = (what: string) => `The ${what} is longer than ${MAX_ATTESTATION_LENGTH.toLocaleString('en')} characters.`;

export function isReviewedCheck(check: string): check is ReviewedCheck {
  return (REVIEWED_CHECKS as readonly string[]).includes(check);
}

/** A mark "`by` looked at `check` on these rows", or why it cannot be recorded. */
export function markReviewed(version: AttestedVersion, input: { check: string; by: Person; note: string; at: string }): Checked<CheckReview> {
  if (!isReviewedCheck(input.check)) return { ok: false, reason: `“${input.check}” is not a check a person reviews (${REVIEWED_CHECKS.join(', ')}).` };
  const notRun = checksRanOn(version);
  if (notRun) return { ok: false, reason: notRun };
  const note = input.note.trim();
  if (note.length > MAX_ATTESTATION_LENGTH) return { ok: false, reason: tooLong('note') };
  return { ok: true, record: { check: input.check, contentHash: version.contentHash, by: input.by.name, at: input.at, note } };
}

/**
 * The answers `by` gives for these rows, or why they cannot be recorded. Partial answers are
 * kept (the evidence names what is still missing); a save with no answer at all is refused.
 */
export function answerQuestions(
  version: Pick<AttestedVersion, 'contentHash'>,
  input: { answers: Record<EthicsQuestion, string>; by: Person; at: string },
): Checked<EthicsAnswers> {
  const answers = Object.fromEntries(ETHICS_QUESTIONS.map((q) => [q.key, (input.answers[q.key] ?? '').trim()])) as Record<EthicsQuestion, string>;
  if (Object.values(answers).every((a) => a === '')) return { ok: false, reason: 'Write at least one answer before saving.' };
  const long = ETHICS_QUESTIONS.find((q) => answers[q.key].length > MAX_ATTESTATION_LENGTH);
  if (long) return { ok: false, reason: tooLong(`answer to “${long.label}”`) };
  return { ok: true, record: { contentHash: version.contentHash, ...answers, by: input.by.name, at: input.at } };
}
