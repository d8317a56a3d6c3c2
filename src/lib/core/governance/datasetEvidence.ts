/**
 * Evidence of the Data Ethics Review, judged from a dataset version's facts. A check run or a
 * person's mark counts only for the rows it was made on (same content hash): after a relabel
 * every item asks for the checks and the review again.
 */
import type { CheckReview, DatasetCheckSummary, DatasetVersionFacts, ReviewedCheck } from './facts';
import type { EvidenceSource, EvidenceState, EvidenceStatus } from './evidenceState';
import { counted } from '../words';

type Verdict = { status: EvidenceStatus; reason: string };

export interface DatasetEvidenceItem {
  title: string;
  checkedBy: EvidenceState['checkedBy'];
  source: EvidenceSource;
  judge: (facts: DatasetVersionFacts) => Verdict;
}

const CHECKS: EvidenceSource = { stage: 'data', view: 'checks' };
const REVIEW: EvidenceSource = { stage: 'govern', view: 'reviews' };

/** The check run on exactly these rows, or why there is none. */
function checksOf(facts: DatasetVersionFacts): DatasetCheckSummary | Verdict {
  if (!facts.checks) return { status: 'not-yet', reason: `The data checks have not run on v${facts.number}: open Data → Checks.` };
  if (facts.checks.contentHash !== facts.contentHash) {
    return { status: 'not-yet', reason: `The data checks ran on other rows, not on v${facts.number} as it is now: run them again.` };
  }
  return facts.checks;
}

const isVerdict = <T extends object>(x: T | Verdict): x is Verdict => 'status' in x;

/** A person's mark of `check` on these rows; a mark on other rows is named as stale. */
function reviewOf(facts: DatasetVersionFacts, check: ReviewedCheck): CheckReview | Verdict {
  const marks = facts.reviews.filter((r) => r.check === check);
  const current = marks.find((r) => r.contentHash === facts.contentHash);
  if (current) return current;
  return marks.length > 0
    ? { status: 'not-yet', reason: `Reviewed on earlier rows, not on v${facts.number}: stale — review again.` }
    : { status: 'not-yet', reason: `Not marked reviewed on v${facts.number} yet.` };
}

/** Checks ran on these rows and a person marked them reviewed. */
function reviewedCheck(check: ReviewedCheck, found: (c: DatasetCheckSummary) => string): DatasetEvidenceItem['judge'] {
  return (facts) => {
    const checks = checksOf(facts);
    if (isVerdict(checks)) return checks;
    const review = reviewOf(facts, check);
    if (isVerdict(review)) return { status: 'not-yet', reason: `${found(checks)}. ${review.reason}` };
    return { status: 'pass', reason: `${found(checks)}; reviewed by ${review.by}.` };
  };
}

export const DATASET_EVIDENCE = {
  'pii-clear': {
    title: 'No unmasked personal data',
    checkedBy: 'machine',
    source: CHECKS,
    judge(facts) {
      const checks = checksOf(facts);
      if (isVerdict(checks)) return checks;
      const { scanned, textsWithPii } = checks.pii;
      if (textsWithPii > 0) return { status: 'fail', reason: `${counted(textsWithPii, 'text')} of ${scanned.toLocaleString('en')} contain personal data: mask it in a new version.` };
      return { status: 'pass', reason: `${facts.piiMasked ? 'Masked; none' : 'None'} found in ${counted(scanned, 'text')}.` };
    },
  },
  'class-balance-reviewed': {
    title: 'Class balance checked and reviewed',
    checkedBy: 'both',
    source: CHECKS,
    judge: reviewedCheck('class-balance', (c) => `${counted(c.imbalanceWarnings, 'imbalance warning')}`),
  },
  'class-mix-reviewed': {
    title: 'Class mix per segment checked and reviewed',
    checkedBy: 'both',
    source: CHECKS,
    judge: reviewedCheck('class-mix', (c) => `${counted(c.flaggedSegments, 'segment')} with a different class mix`),
  },
  'split-leakage': {
    title: 'No leakage between splits',
    checkedBy: 'machine',
    source: CHECKS,
    judge(facts) {
      const checks = checksOf(facts);
      if (isVerdict(checks)) return checks;
      if (!facts.hasSplit || checks.leakedRows === null) return { status: 'not-yet', reason: `v${facts.number} is not split into train, validation and test yet.` };
      if (checks.leakedRows > 0) return { status: 'fail', reason: `${counted(checks.leakedRows, 'row')} share their text with a row in another split.` };
      return { status: 'pass', reason: 'No identical texts across splits.' };
    },
  },
  'label-conflicts-reviewed': {
    title: 'Near-duplicate label conflicts reviewed',
    checkedBy: 'both',
    source: CHECKS,
    judge(facts) {
      const checks = checksOf(facts);
      if (isVerdict(checks)) return checks;
      const conflicts = checks.nearDuplicateConflicts + checks.sameTextConflicts;
      if (conflicts === 0 && checks.nearDuplicatesComplete) return { status: 'pass', reason: 'No similar texts with different labels.' };
      return reviewedCheck('label-conflicts', () =>
        checks.nearDuplicatesComplete ? `${counted(conflicts, 'label conflict')} found` : `${counted(conflicts, 'label conflict')} found before the search stopped`,
      )(facts);
    },
  },
  'ethics-answers': {
    title: 'Intended use, who could be harmed, consent',
    checkedBy: 'person',
    source: REVIEW,
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
} satisfies Record<string, DatasetEvidenceItem>;

export type DatasetEvidenceId = keyof typeof DATASET_EVIDENCE;
