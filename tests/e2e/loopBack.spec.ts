import { test, expect, openSample } from './fixtures';
import { deploySampleModel, goToStage, splitSample, trainAndRegister, waiveSampleGate } from './lifecycle';
import { confirmCollection, deployVersion, expectRefusedWithoutSubject, openMonitorView, previewCollection, qualityOnDashboard, saveSuggestedContract, sendTraffic } from './loop';

test('the regression drill: quality drops after a v2 trained on broken data, it is real, v2 is rolled back, the data diff shows the bug, and a request contract refuses requests without a subject', async ({ page, watch }) => {
  test.setTimeout(300_000);
  // The contract refuses a request with 422 on purpose; Chromium logs it.
  watch.allow.push(/Failed to load resource: the server responded with a status of 422/);
  await openSample(page);
  await deploySampleModel(page);

  // Tickets as they should be, every true label sent back: how the dashboard reads before the bug.
  const bug = { source: 'newly generated: upstream pipeline bug', feedbackPercent: 100, feedbackDelayS: 0 };
  await sendTraffic(page, { ...bug, count: 100, changeAfter: 100, seed: 'drill-before' });
  const before = await qualityOnDashboard(page, 100);

  // The upstream bug starts (subjects dropped, bodies cut); v2 is trained on the traffic it broke and takes all traffic.
  await sendTraffic(page, { ...bug, count: 101, changeAfter: 0, seed: 'drill-bug' });
  await previewCollection(page);
  const collected = await confirmCollection(page);
  await splitSample(page);
  await waiveSampleGate(page, 'Data Ethics Review', `dataset v${collected + 1}`, 'the drill trains on the broken data on purpose');
  await trainAndRegister(page, 2, '3');
  await waiveSampleGate(page, 'Performance SLA', 'Ticket router v2', 'the drill deploys the broken version on purpose');
  await deployVersion(page, 'Ticket router v2', 'trained on the newest data');
  await sendTraffic(page, { ...bug, count: 102, changeAfter: 0, seed: 'drill-after' });

  // Quality dropped: accuracy where the outcome is known and the share decided automatically.
  const after = await qualityOnDashboard(page, 303);
  expect(after.accuracy).toBeLessThan(before.accuracy);
  expect(after.automaticShare).toBeLessThan(before.automaticShare);
  // Is it real? Volume, logging and outcome delay are not the cause.
  const checks = page.getByRole('list', { name: 'Monitoring artefact checks' }).getByRole('listitem');
  await expect(checks).toHaveCount(3);
  for (const check of ['Request volume', 'Logging gaps', 'Outcome delay']) await expect(checks.filter({ hasText: `${check}: fine —` })).toHaveCount(1);

  // Roll back in one click, then diff the two versions' training data.
  await goToStage(page, 'Deploy');
  await page.getByRole('button', { name: 'Roll back to the previous deployment' }).click();
  await expect(page.getByText(/The endpoint serves Ticket router v1 \(@champion\)/)).toBeVisible();
  await page.getByLabel('Compare Ticket router v1').check();
  await page.getByLabel('Compare Ticket router v2').check();
  await page.getByRole('link', { name: 'Diff their training data' }).click();
  const shape = page.getByRole('table', { name: 'Text length and missing fields' });
  const cells = async (row: string) => (await shape.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').allTextContents()).map((c) => c.trim());
  await expect(shape.getByRole('row', { name: /^subject missing/ })).toBeVisible({ timeout: 60_000 });
  const [lengthBefore, lengthAfter] = (await cells('Mean text length')).map((c) => Number.parseFloat(c.replace(/,/g, '')));
  expect(lengthAfter).toBeLessThan(lengthBefore);
  const subject = await cells('subject missing');
  expect(subject[0]).toBe('0.0 %');
  expect(Number.parseFloat(subject[1])).toBeGreaterThan(0);

  // The fix for good: a request contract suggested from v1's training data refuses a ticket without a subject.
  await saveSuggestedContract(page, 'Ticket router v1');
  await expectRefusedWithoutSubject(page);
  await openMonitorView(page, 'Dashboard');
  const violations = page.getByRole('region', { name: 'Request contract violations' });
  await expect(violations.getByRole('status')).toHaveText('1 request refused with 422 in this window (subject: 1).');
});
