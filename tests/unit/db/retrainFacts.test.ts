/**
 * The retraining policy on a served project: facts read from the stores (graded logs, the CBPE
 * estimate, drift reports on the training data, the accuracy criterion), the clock injected
 * through `$lib/clock` (Date, faked), the policy saved with audit, and the PM summary's section.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LifecycleDatabase } from '$lib/db/database';
import { saveCriteria } from '$lib/db/canvas';
import { saveDriftReport } from '$lib/db/driftReports';
import { listAudit } from '$lib/db/audit';
import { retrainStatus, setRetrainPolicy } from '$lib/db/retrainFacts';
import { pmSummaryJob } from '$lib/workers/snapshotJobs';
import { pmSummaryMarkdown } from '$lib/core/snapshot/pmSummaryMarkdown';
import { DEFAULT_RETRAIN_POLICY } from '$lib/core/loop/retrainPolicy';
import { nowMs } from '$lib/clock';
import { expectRefused, freshDbsPerTest } from './testDb';
import { logTexts, servedProject, type ServedProject } from './servedProject';

const open = freshDbsPerTest();
const DAY = 86_400_000;
const T0 = Date.parse('2026-06-01T09:00:00.000Z');
let db: LifecycleDatabase;
let served: ServedProject;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(T0);
  db = open();
  served = await servedProject(db);
  await saveCriteria(db, served.project.id, [{ id: 'acc', metric: 'accuracy', split: 'production', comparator: '>=', threshold: 0.9 }]);
  // 60 answers a day after the training data; every outcome is Billing, which a quarter of them predicted.
  await logTexts(db, served, Array.from({ length: 60 }, (_, i) => `ticket ${i}`), (i) => new Date(T0 + DAY + i * 1000).toISOString(), { outcome: 'Billing' });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('retrainStatus', () => {
  it('is due when the realized and the estimated accuracy miss the criterion, and when drift is flagged', async () => {
    vi.setSystemTime(T0 + 2 * DAY);
    const status = await retrainStatus(db, served.project.id, nowMs());
    expect(status.due).toBe(true);
    expect(status.reasons).toEqual([
      // Confidences 0.45 … 0.75; the reference's bands have no accuracy, so each counts at its mid-point: 0.6.
      'The accuracy estimated from confidences over the last 7 days is 60.0 % (60 answers), short of the criterion "Accuracy on production >= 0.9".',
      'The realized accuracy over the last 7 days is 25.0 % (15 of 60 graded answers right), short of the criterion "Accuracy on production >= 0.9".',
    ]);
    await saveDriftReport(db, {
      id: 'd1', projectId: served.project.id, createdAt: new Date(T0 + 2 * DAY).toISOString(), referenceId: served.version.id,
      currentWindow: { from: '', to: '' }, summary: { driftedColumns: 1, columns: 3, datasetDrift: false }, details: null,
    });
    expect((await retrainStatus(db, served.project.id, nowMs())).reasons[0]).toBe('The newest drift report (2026-06-03 09:00) flags drift: 1 of 3 checks drifted.');
  });

  it('comes due by the clock every N days of new data; the accuracy window moves with the clock', async () => {
    vi.setSystemTime(T0 + 29 * DAY);
    const early = await retrainStatus(db, served.project.id, nowMs());
    expect(early.due).toBe(false);
    expect(early.notes).toContain('The realized accuracy waits for 50 graded answers in the last 7 days (0 so far).');
    vi.setSystemTime(T0 + 30 * DAY);
    const due = await retrainStatus(db, served.project.id, nowMs());
    expect(due.reasons).toEqual([`30 days since Ticket router v1's training data (dataset version ${served.version.number}, 2026-06-01) with 60 predictions logged since: the policy retrains every 30 days.`]);
  });

  it('counts graded logs as new labelled rows', async () => {
    vi.setSystemTime(T0 + 2 * DAY);
    await setRetrainPolicy(db, served.project.id, { ...DEFAULT_RETRAIN_POLICY, everyLabelledRows: 60, onEstimatedAccuracy: false, onRealizedAccuracy: false }, 'Ana', new Date().toISOString());
    expect((await retrainStatus(db, served.project.id, nowMs())).reasons).toEqual(['60 labelled rows are not in Ticket router v1\'s training data: the policy retrains every 60.']);
  });
});

describe('the policy', () => {
  it('is saved with an audit entry; an invalid one is refused whole', async () => {
    await setRetrainPolicy(db, served.project.id, { ...DEFAULT_RETRAIN_POLICY, everyDays: null, onEstimatedAccuracy: false, onRealizedAccuracy: false }, 'Ana', new Date().toISOString());
    expect(await retrainStatus(db, served.project.id, nowMs())).toMatchObject({ due: false, policy: { everyDays: null, everyLabelledRows: 500 } });
    expect((await listAudit(db, served.project.id)).find((e) => e.action === 'loop.retrain-policy')).toMatchObject({
      actor: 'Ana',
      detail: 'Retraining policy: every — days, every 500 new labelled rows; triggers: drift (over 7 days, at least 50 answers)',
    });
    await expectRefused(db, () => setRetrainPolicy(db, served.project.id, { ...DEFAULT_RETRAIN_POLICY, minOutcomes: 0 }, 'Ana', new Date().toISOString()), 'Answers the accuracy triggers need');
  });
});

describe('the PM summary', () => {
  it('says a retrain is due, with its reasons', async () => {
    vi.setSystemTime(T0 + 2 * DAY);
    const markdown = pmSummaryMarkdown(await pmSummaryJob(db, served.project.id));
    expect(markdown).toContain('## Retraining\n\nA retrain is due under the retraining policy:\n- The accuracy estimated from confidences');
    expect(markdown).toContain('- The realized accuracy over the last 7 days is 25.0 %');
  });
});
