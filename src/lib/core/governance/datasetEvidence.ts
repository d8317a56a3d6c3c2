/**
 * Evidence of the Data Ethics Review, judged from a dataset version's facts. A check run or a
 * person's mark counts only for the rows it was made on (same content hash): after a relabel
 * every item asks for the checks and the review again.
 */
import type { CheckReview, DatasetCheckSummary, DatasetVersionFacts, ReviewedCheck } from './facts';
import type { EvidenceSource, EvidenceState, Verdict } from './evidenceState';
import { counted } from '../words';
import { documentApproved } from './documentEvidence';

export interface DatasetEvidenceItem {
  title: string;
  checkedBy: EvidenceState['checkedBy'];
  source: EvidenceSource;
  judge: (facts: DatasetVersionFacts) => Verdict;
}

/** Where the checks run, are marked reviewed and the questions answered. */
const CHECKS: EvidenceSource = { stage: 'data', view: 'checks' };

/** The check run on exactly these rows, or why there is none. */
function checksOf(facts: DatasetVersionFacts): DatasetCheckSummary | Verdict {
  if (!facts.checks) return { status: 'not-yet', reason: `The data checks have not run on v${facts.number}: open Data → Checks.` };
  if (facts.checks.contentHash !== facts.contentHash) {
    return { status: 'not-yet', reason: `The data checks ran on other rows, not on v${facts.number} as it is now: run them again.` };
  }
  return facts.checks;
}

const isVerdict = <T extends object>(x: T | Verdict): x is Verdict => 'status' in x;

/** Where `check` stands on these rows: marked (the newest mark), marked on other rows only, or not marked. */
export function reviewState(facts: Pick<DatasetVersionFacts, 'contentHash' | 'reviews'>, check: ReviewedCheck): { state: 'reviewed' | 'stale'; review: CheckReview } | { state: 'none' } {
  const marks = facts.reviews.filter((r) => r.check === check);
  const current = marks.find((r) => r.contentHash === facts.contentHash);
  if (current) return { state: 'reviewed', review: current };
  return marks.length > 0 ? { state: 'stale', review: marks[0] } : { state: 'none' };
}

/** A person's mark of `check` on these rows; a mark on other rows is named as stale. */
function reviewOf(facts: DatasetVersionFacts, check: ReviewedCheck): CheckReview | Verdict {
  const found = reviewState(facts, check);
  if (found.state === 'reviewed') return found.review;
  return found.state === 'stale'
    ? { status: 'not-yet', reason: `Reviewed on earlier rows, not on v${facts.number}: stale — review again.` }
    : { status: 'not-yet', reason: `Not marked reviewed on v${facts.number} yet.` };
}

/** A judge that needs the check run on exactly these rows; without one it says why not. */
function onChecks(judge: (checks: DatasetCheckSummary, facts: DatasetVersionFacts) => Verdict): DatasetEvidenceItem['judge'] {
  return (facts) => {
    const checks = checksOf(facts);
    return isVerdict(checks) ? checks : judge(checks, facts);
  };
}

/** With the checks run on these rows (which `found` sums up): a pass once a person marked `check` reviewed. */
function reviewed(check: ReviewedCheck, found: string, facts: DatasetVersionFacts): Verdict {
  const review = reviewOf(facts, check);
  if (isVerdict(review)) return { status: 'not-yet', reason: `${found}. ${review.reason}` };
  return { status: 'pass', reason: `${found}; reviewed by ${review.by}.` };
}

export const DATASET_EVIDENCE = {
  'pii-clear': {
    title: 'No unmasked personal data',
    checkedBy: 'machine',
    source: CHECKS,
    judge: onChecks(({ pii: { scanned, textsWithPii } }, facts) => {
      if (textsWithPii > 0) return { status: 'fail', reason: `${counted(textsWithPii, 'text')} of ${scanned.toLocaleString('en')} contain personal data: mask it in a new version.` };
      return { status: 'pass', reason: `${facts.piiMasked ? 'Masked; none' : 'None'} found in ${counted(scanned, 'text')}.` };
    }),
  },
  'class-balance-reviewed': {
    title: 'Class balance checked and reviewed',
    checkedBy: 'both',
    source: CHECKS,
    judge: onChecks((c, facts) => reviewed('class-balance', counted(c.imbalanceWarnings, 'imbalance warning'), facts)),
  },
  'class-mix-reviewed': {
    title: 'Class mix per segment checked and reviewed',
    checkedBy: 'both',
    source: CHECKS,
    judge: onChecks((c, facts) => reviewed('class-mix', `${counted(c.flaggedSegments, 'segment')} with a different class mix`, facts)),
  },
  'split-leakage': {
    title: 'No leakage between splits',
    checkedBy: 'machine',
    source: CHECKS,
    judge: onChecks((checks, facts) => {
      if (!facts.hasSplit || checks.leakedRows === null) return { status: 'not-yet', reason: `v${facts.number} is not split into train, validation and test yet.` };
      if (checks.leakedRows > 0) return { status: 'fail', reason: `${counted(checks.leakedRows, 'row')} share their text with a row in another split.` };
      return { status: 'pass', reason: 'No identical texts across splits.' };
    }),
  },
  'label-conflicts-reviewed': {
    title: 'Near-duplicate label conflicts reviewed',
    checkedBy: 'both',
    source: CHECKS,
    judge: onChecks((checks, facts) => {
      const conflicts = checks.nearDuplicateConflicts + checks.sameTextConflicts;
      if (conflicts === 0 && checks.nearDuplicatesComplete) return { status: 'pass', reason: 'No similar texts with different labels.' };
      const found = `${counted(conflicts, 'label conflict')} found${checks.nearDuplicatesComplete ? '' : ' before the search stopped'}`;
      return reviewed('label-conflicts', found, facts);
    }),
  },
  'ethics-answers': {
    title: 'Intended use, who could be harmed, consent',
    checkedBy: 'person',
    source: CHECKS,
    judge(facts) {
      const a = facts.answers;
      if (!a) return { status: 'not-yet', reason: 'The reviewer has not answered the questions yet.' };
      if (a.contentHash !== facts.contentHash) return { status: 'not-yet', reason: `Answered for earlier rows, not v${facts.number}: stale — answer again.` };
      const missing = [['intended use', a.intendedUse], ['who could be harmed', a.whoCouldBeHarmed], ['consent for the data', a.consent]]
        .filter(([, text]) => text.trim() === '')
        .map(([question]) => question);
      if (missing.length > 0) return { status: 'not-yet', reason: `Still to answer: ${missing.join(', ')}.` };
      return { status: 'pass', reason: `Answered by ${a.by}.` };
    },
  },
  'datasheet-approved': {
    title: 'Datasheet approved as a document',
    checkedBy: 'person',
    source: { stage: 'govern', view: 'documents' },
    judge: (facts) => documentApproved(facts.approvedDocuments, 'datasheet', `v${facts.number}'s datasheet`),
  },
} satisfies Record<string, DatasetEvidenceItem>;

export type DatasetEvidenceId = keyof typeof DATASET_EVIDENCE;
