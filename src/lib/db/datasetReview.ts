/**
 * The Data Ethics Review's evidence, stored per dataset version (schema v10): the runs of the data
 * checks, people's "reviewed" marks and the written answers. All three are append-only — a new
 * mark or answer is a new record and the newest wins — so what a review was approved on stays
 * readable, and each write is audited in its own transaction. The governance core decides what may
 * be recorded (attestations.ts); a refusal leaves the database as it was.
 */
import Dexie from 'dexie';
import type { LifecycleDatabase } from './database';
import type { CheckReviewRecord, CheckRunRecord, DatasetVersionRecord, EthicsAnswersRecord } from './records';
import { REVIEWED_CHECKS, type DatasetCheckSummary, type DatasetVersionFacts } from '$lib/core/governance/facts';
import { answerQuestions, markReviewed, REVIEWED_CHECK_NAMES, type EthicsQuestion } from '$lib/core/governance/attestations';
import { counted } from '$lib/core/words';
import { requireDatasetVersion } from './datasets';
import { accepted, personOf } from './governance';
import { appendAudit } from './audit';
import { newId, nowIso } from './ids';

type Stored = CheckRunRecord | CheckReviewRecord | EthicsAnswersRecord;

/** The newest check run stored for the version, if any (one index step: `[datasetVersionId+at]`). */
export function latestCheckRun(db: LifecycleDatabase, versionId: string): Promise<CheckRunRecord | undefined> {
  return db.checkRuns.where('[datasetVersionId+at]').between([versionId, Dexie.minKey], [versionId, Dexie.maxKey]).last();
}

/** The summary as the core reads it (without where it is stored). */
function summaryOf({ id: _i, projectId: _p, datasetVersionId: _v, ...summary }: CheckRunRecord): DatasetCheckSummary {
  return summary;
}

const sameFindings = (a: DatasetCheckSummary, b: DatasetCheckSummary) => JSON.stringify({ ...a, at: '' }) === JSON.stringify({ ...b, at: '' });

/**
 * Stores a run of the data checks on the version. Opening Data → Checks runs them, so a run that
 * found exactly what the newest stored one found (same rows, same counts) is not stored again:
 * the trail records what changed, not every visit. Returns the stored run that stands.
 */
export async function recordCheckRun(db: LifecycleDatabase, versionId: string, summary: DatasetCheckSummary): Promise<CheckRunRecord> {
  return db.transaction('rw', [db.datasetVersions, db.checkRuns, db.auditLog], async () => {
    const version = await requireDatasetVersion(db, versionId);
    if (summary.contentHash !== version.contentHash) throw new Error(`These checks ran on other rows than v${version.number}: run them again.`);
    const newest = await latestCheckRun(db, versionId);
    if (newest && sameFindings(summaryOf(newest), summary)) return newest;
    const run: CheckRunRecord = { id: newId(), projectId: version.projectId, datasetVersionId: version.id, ...summary };
    await db.checkRuns.add(run);
    const conflicts = summary.nearDuplicateConflicts + summary.sameTextConflicts;
    await appendAudit(db, {
      projectId: version.projectId,
      action: 'data.checks',
      detail: `Data checks on v${version.number}: ${counted(summary.imbalanceWarnings, 'imbalance warning')}, ${counted(summary.flaggedSegments, 'flagged segment')}, ${counted(conflicts, 'label conflict')}, ${counted(summary.pii.textsWithPii, 'text')} with personal data`,
      refs: { datasetVersionId: version.id, contentHash: version.contentHash, checkRunId: run.id },
    });
    return run;
  });
}

async function attestedVersion(db: LifecycleDatabase, versionId: string) {
  const version = await requireDatasetVersion(db, versionId);
  const run = await latestCheckRun(db, versionId);
  return { version, attested: { number: version.number, contentHash: version.contentHash, checks: run ? summaryOf(run) : null } };
}

/** Records that a person of the project looked at one of the reviewed checks on the version's rows. */
export async function markCheckReviewed(
  db: LifecycleDatabase,
  input: { datasetVersionId: string; check: string; personId: string; note: string },
): Promise<CheckReviewRecord> {
  return db.transaction('rw', [db.datasetVersions, db.checkRuns, db.people, db.checkReviews, db.auditLog], async () => {
    const { version, attested } = await attestedVersion(db, input.datasetVersionId);
    const by = await personOf(db, version.projectId, input.personId);
    const mark = accepted(markReviewed(attested, { check: input.check, by, note: input.note, at: nowIso() }));
    const record: CheckReviewRecord = { id: newId(), projectId: version.projectId, datasetVersionId: version.id, personId: by.id, ...mark };
    await db.checkReviews.add(record);
    await appendAudit(db, {
      projectId: version.projectId,
      actor: by.name,
      action: 'governance.check.reviewed',
      detail: `${by.name} reviewed the ${REVIEWED_CHECK_NAMES[mark.check]} on v${version.number}${mark.note ? ` — ${mark.note}` : ''}`,
      refs: { datasetVersionId: version.id, contentHash: version.contentHash, check: mark.check, markId: record.id },
    });
    return record;
  });
}

/** Saves a person's answers to the review's questions for the version (partial answers are kept). */
export async function saveEthicsAnswers(
  db: LifecycleDatabase,
  input: { datasetVersionId: string; personId: string; answers: Record<EthicsQuestion, string> },
): Promise<EthicsAnswersRecord> {
  return db.transaction('rw', [db.datasetVersions, db.people, db.ethicsAnswers, db.auditLog], async () => {
    const version = await requireDatasetVersion(db, input.datasetVersionId);
    const by = await personOf(db, version.projectId, input.personId);
    const answers = accepted(answerQuestions(version, { answers: input.answers, by, at: nowIso() }));
    const record: EthicsAnswersRecord = { id: newId(), projectId: version.projectId, datasetVersionId: version.id, personId: by.id, ...answers };
    await db.ethicsAnswers.add(record);
    const answered = [answers.intendedUse, answers.whoCouldBeHarmed, answers.consent].filter((a) => a !== '').length;
    await appendAudit(db, {
      projectId: version.projectId,
      actor: by.name,
      action: 'governance.ethics.answers',
      detail: `${by.name} answered ${answered} of 3 Data Ethics Review questions for v${version.number}`,
      refs: { datasetVersionId: version.id, contentHash: version.contentHash, answersId: record.id },
    });
    return record;
  });
}

/** Every stored check run, mark and answer of the project (a few small records per version). */
export interface StoredReviewEvidence {
  runs: CheckRunRecord[];
  marks: CheckReviewRecord[];
  answers: EthicsAnswersRecord[];
}

export async function readReviewEvidence(db: LifecycleDatabase, projectId: string): Promise<StoredReviewEvidence> {
  const [runs, marks, answers] = await Promise.all([
    db.checkRuns.where('projectId').equals(projectId).toArray(),
    db.checkReviews.where('projectId').equals(projectId).toArray(),
    db.ethicsAnswers.where('projectId').equals(projectId).toArray(),
  ]);
  return { runs, marks, answers };
}

/**
 * The review evidence the facts of a version carry, picked along its lineage (`lineage[0]` is the
 * version, then its parent, …): for the check run, the answers and the marks of each check, the
 * newest of the nearest version that has any. After a relabel the new version thus shows its
 * parent's marks — made on other rows — which the evidence reads as "stale — review again".
 */
export function reviewEvidenceAlong(stored: StoredReviewEvidence, lineage: readonly DatasetVersionRecord[]): Pick<DatasetVersionFacts, 'checks' | 'reviews' | 'answers'> {
  const nearest = <T extends Stored>(records: T[]): T[] => {
    for (const v of lineage) {
      const mine = records.filter((r) => r.datasetVersionId === v.id);
      if (mine.length) return mine.sort((a, b) => b.at.localeCompare(a.at));
    }
    return [];
  };
  const run = nearest(stored.runs)[0];
  const answer = nearest(stored.answers)[0];
  return {
    checks: run ? summaryOf(run) : null,
    reviews: REVIEWED_CHECKS.flatMap((check) => nearest(stored.marks.filter((m) => m.check === check)).map(({ check, contentHash, by, at, note }) => ({ check, contentHash, by, at, note }))),
    answers: answer ? { contentHash: answer.contentHash, intendedUse: answer.intendedUse, whoCouldBeHarmed: answer.whoCouldBeHarmed, consent: answer.consent, by: answer.by, at: answer.at } : null,
  };
}
