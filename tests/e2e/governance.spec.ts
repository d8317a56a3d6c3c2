import { readFile } from 'node:fs/promises';
import { test, expect, openSample } from './fixtures';
import { callEndpoint, goToStage, trainAndRegister } from './lifecycle';
import { actAs, decide, gateObject, requestReview, waiveGate } from './governGates';
import { runChecksAndReview } from './dataChecks';
import { tamperWithEntry } from './auditTrail';

const predict = (page: Parameters<typeof callEndpoint>[0]) => callEndpoint(page, '/api/v1/predict', { method: 'POST', body: '{"text":"I was charged twice, please refund"}' });
const govern = async (page: Parameters<typeof goToStage>[0], view: string) => {
  await goToStage(page, 'Govern');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: view, exact: true }).click();
};

/**
 * The advanced practice project as a learner walks it (issue 14): the sample is governed by the
 * Standard policy; every gate refuses with its reason until a person in the gate's role approves
 * the evidence, another person than the one who asked; a relabel makes the approval stale; a
 * waiver expires; retirement; the hash-chained trail, tampered with and restored from a snapshot.
 */
test('governance: the Standard policy blocks training and deploying until its gates are approved, approvals go stale, and the trail survives tampering', async ({ page, watch }) => {
  test.setTimeout(480_000);
  // The endpoint answers 403 and 410 on purpose below; Chromium logs each one.
  watch.allow.push(/Failed to load resource: the server responded with a status of 4\d\d/);
  await openSample(page);

  // Govern → Policy: Standard v1 is in force, with its two gates.
  await govern(page, 'Policy');
  await expect(page.getByTestId('policy-in-force')).toContainText(/v1 “Standard”, published .* by Lifecycle Lab \(sample set-up\)/);
  const gates = page.getByRole('table', { name: 'Gates of v1' });
  await expect(gates.getByRole('row', { name: /Data Ethics Review/ })).toContainText('before training');
  await expect(gates.getByRole('row', { name: /Performance SLA/ })).toContainText('before deploying');

  // Training is refused, on the page and by the worker, with the reason.
  await goToStage(page, 'Data');
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train/)).toBeVisible();
  await goToStage(page, 'Model');
  await expect(page.getByText('Training on this dataset version needs Data Ethics Review: No review requested yet.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Train logistic regression (softmax)' })).toBeDisabled();

  // The evidence (Data → Checks): the sample's texts hold e-mail addresses, masked in a new
  // version, and rows that leak between splits moved; the checks run on it and are reviewed, the questions answered.
  await goToStage(page, 'Data');
  await page.getByRole('navigation', { name: 'Data views' }).getByRole('link', { name: 'Checks' }).click();
  await page.getByRole('button', { name: 'Mask personal data in a new version' }).click();
  await expect(page.getByText('No e-mail addresses, phone numbers or card numbers found in 1,200 texts.')).toBeVisible();
  // Masking made three texts identical across splits: they move into one split, in a new version.
  await page.getByRole('button', { name: 'Move 2 repeated tickets to train in a new version' }).click();
  await expect(page.getByText('No identical texts across splits.')).toBeVisible();
  await runChecksAndReview(page, 'Noor Haddad');
  // Sam asks for the review; Noor, the ethics reviewer, approves it once every item passes.
  await actAs(page, 'Sam Okafor');
  await requestReview(page, 'Data Ethics Review', 'dataset v4', 'Checks run and reviewed');
  const ethics = gateObject(page, 'Data Ethics Review', 'dataset v4');
  const evidence = ethics.getByRole('list', { name: /^Evidence/ });
  await expect(evidence.getByRole('listitem')).toHaveCount(6);
  await expect(evidence.getByRole('listitem').filter({ hasText: /Not yet|Fail/ })).toHaveCount(0);
  // Sam does not hold the ethics reviewer's role (and asked himself): refused, with the reason.
  await decide(page, 'Data Ethics Review', 'dataset v4', 'Approve', '');
  await expect(ethics.getByRole('form', { name: /^Decide/ }).getByRole('alert')).toContainText('asked for this review and cannot decide it');
  await actAs(page, 'Noor Haddad');
  await decide(page, 'Data Ethics Review', 'dataset v4', 'Approve', 'Synthetic data, balanced, no personal data left');
  await expect(ethics.getByTestId('gate-status')).toHaveText('Approved');

  // Training goes through; deploying is refused until the Performance SLA is approved.
  await trainAndRegister(page, 1, '3');
  await goToStage(page, 'Deploy');
  const deployForm = page.getByRole('form', { name: 'Deploy' });
  await expect(deployForm).toContainText('Deploying this version needs Performance SLA: No review requested yet.');
  await expect(deployForm.getByRole('button', { name: 'Deploy', exact: true })).toBeDisabled();
  await requestReview(page, 'Performance SLA', 'Ticket router v1', 'Trained on the approved data');
  await actAs(page, 'Sam Okafor');
  await decide(page, 'Performance SLA', 'Ticket router v1', 'Approve', 'Meets the criteria on test');
  const sla = gateObject(page, 'Performance SLA', 'Ticket router v1');
  await expect(sla.getByTestId('gate-status')).toHaveText('Approved');
  await goToStage(page, 'Deploy');
  await deployForm.getByLabel('Reason').fill('approved baseline');
  await deployForm.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(/The endpoint serves Ticket router v1 \(@champion\)/)).toBeVisible();
  expect((await predict(page)).status).toBe(200);

  // A rejected re-review takes the approval away: the endpoint refuses to serve, with the reason.
  await actAs(page, 'Noor Haddad');
  // A re-review can be asked for while the approval is in force; it holds until the decision.
  const reReview = sla.getByRole('form', { name: /^Request a review/ });
  await expect(reReview).toContainText('A re-review: what is in force now holds until the decision.');
  await reReview.getByLabel('Note for the reviewer (optional)').fill('Quarterly re-review');
  await reReview.getByRole('button', { name: 'Request review' }).click();
  await expect(sla.getByRole('form', { name: /^Decide/ })).toBeVisible();
  await expect(sla.getByTestId('gate-status')).toHaveText('Approved');
  await actAs(page, 'Sam Okafor');
  await decide(page, 'Performance SLA', 'Ticket router v1', 'Reject', 'Complaints about billing answers');
  await expect(sla.getByTestId('gate-status')).toHaveText('Rejected');
  await expect.poll(async () => (await predict(page)).status).toBe(403);
  expect(JSON.parse((await predict(page)).body).error).toMatchObject({ code: 'gate_not_approved', message: expect.stringContaining('Performance SLA') });
  // A waiver with an expiry lets it serve again while the fix is made.
  await waiveGate(page, 'Performance SLA', 'Ticket router v1', { reason: 'Fix in progress; complaints monitored', owner: 'Sam Okafor', expires: '2099-06-30' });
  await expect.poll(async () => (await predict(page)).status).toBe(200);

  // Relabelling a row makes a new dataset version: the approval does not carry over.
  await goToStage(page, 'Data');
  await page.getByRole('link', { name: 'Label', exact: true }).click();
  const firstLabel = page.getByRole('combobox', { name: /^Label of row / }).first();
  const other = (await firstLabel.inputValue()) === 'Billing' ? 'General Inquiry' : 'Billing';
  await firstLabel.selectOption(other);
  await goToStage(page, 'Govern');
  const relabelled = gateObject(page, 'Data Ethics Review', 'dataset v5');
  await expect(relabelled.getByTestId('gate-status')).toHaveText(/Stale/);
  await expect(relabelled).toContainText('Stale — re-review: approved for dataset v4, not for dataset v5 as it is now.');
  await actAs(page, 'Noor Haddad');
  await waiveGate(page, 'Data Ethics Review', 'dataset v5', { reason: 'One label corrected; full review next week', owner: 'Noor Haddad', expires: '2099-06-30' });
  await trainAndRegister(page, 2, '3');

  // Deprecate v1 for v2: it keeps answering, with the Deprecation and Sunset headers; then retire it: 410.
  await goToStage(page, 'Deploy');
  await page.getByRole('button', { name: 'Deprecate… Ticket router v1' }).click();
  const deprecating = page.getByRole('dialog', { name: 'Deprecate Ticket router v1?' });
  await deprecating.getByLabel('Reason').fill('v2 learned the corrected label');
  await deprecating.getByLabel('Sunset date (UTC)').fill('2099-01-31');
  await deprecating.getByLabel(/^Replacement/).selectOption({ label: 'Ticket router v2' });
  await deprecating.getByRole('button', { name: 'Deprecate', exact: true }).click();
  await expect(deprecating).toBeHidden();
  const headed = () => page.evaluate(async () => {
    const r = await fetch('/api/v1/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":"refund please"}' });
    return { status: r.status, deprecation: r.headers.get('Deprecation'), sunset: r.headers.get('Sunset') };
  });
  await expect.poll(async () => (await headed()).sunset).toBe('Sat, 31 Jan 2099 00:00:00 GMT');
  expect(await headed()).toMatchObject({ status: 200, deprecation: expect.stringMatching(/^@\d+$/) });
  // Retiring v1 needs the champion alias on v2 first, which needs v2's own Performance SLA.
  await requestReview(page, 'Performance SLA', 'Ticket router v2', 'Replacement for v1');
  await actAs(page, 'Sam Okafor');
  await decide(page, 'Performance SLA', 'Ticket router v2', 'Approve', 'Meets the criteria on test');
  await expect(gateObject(page, 'Performance SLA', 'Ticket router v2').getByTestId('gate-status')).toHaveText('Approved');
  await goToStage(page, 'Deploy');
  await page.getByLabel('Why, for Ticket router v2').fill('replaces v1');
  const v2Row = page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: /Ticket router v2/ });
  await v2Row.getByRole('button', { name: 'Set' }).click();
  await expect(v2Row).toContainText('@champion');
  await page.getByRole('button', { name: 'Retire… Ticket router v1' }).click();
  const retiring = page.getByRole('dialog', { name: 'Retire Ticket router v1?' });
  await retiring.getByLabel('Reason').fill('replaced by v2');
  await retiring.getByRole('button', { name: 'Retire', exact: true }).click();
  await expect(retiring).toBeHidden();
  await expect.poll(async () => (await headed()).status).toBe(410);

  // The trail: every governance event in it, answering what was served under which approvals.
  await govern(page, 'Audit trail');
  const entries = page.getByRole('table', { name: 'Audit trail entries' });
  for (const action of ['governance.review.request', 'governance.decision.approve', 'governance.decision.reject', 'governance.waiver', 'registry.retire']) {
    await page.getByLabel('Action', { exact: true }).selectOption(action);
    await expect(entries.getByRole('row').nth(1)).toBeVisible();
  }
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await entries.getByRole('row', { name: /Deployed Ticket router version 1/ }).first().getByRole('button', { name: /^What was served at entry #\d+$/ }).click();
  await expect(page.getByTestId('served-at-answer')).toContainText(/Performance SLA.*approved.*Sam Okafor/);
  const verify = page.getByRole('button', { name: 'Verify the trail' });
  const verdict = page.getByTestId('audit-verdict');
  await verify.click();
  await expect(verdict).toHaveText(/^All \d+ entries verify \(head [0-9a-f]{12}\)\.$/);

  // A snapshot keeps the trail outside the browser; then an entry is edited behind the app's back.
  await govern(page, 'Snapshot & export');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download snapshot (.json)' }).click();
  const file = await download;
  const snapshot = { name: file.suggestedFilename(), mimeType: 'application/json', buffer: await readFile(await file.path()) };
  await govern(page, 'Audit trail');
  const seq = await tamperWithEntry(page, 'governance.decision.reject', /Complaints about billing answers/);
  await verify.click();
  await expect(verdict).toHaveText(new RegExp(`^Entry #${seq} \\(.+, governance\\.decision\\.reject\\) was changed after it was written: its hash does not match\\.$`));

  // Imported, the snapshot's trail verifies: it was checked entry by entry, and so is the copy.
  await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
  await page.getByLabel('Import a snapshot').setInputFiles(snapshot);
  await expect(page.getByRole('status').filter({ hasText: /Imported .+\.json as Support ticket triage \(imported\)/ })).toBeVisible();
  await page.getByRole('link', { name: /\(imported\)$/ }).first().click();
  await govern(page, 'Audit trail');
  await page.getByRole('button', { name: 'Verify the trail' }).click();
  await expect(page.getByTestId('audit-verdict')).toHaveText(/^All \d+ entries verify \(head [0-9a-f]{12}\)\.$/);
  // Its governance came with it: v2's approval still holds in the copy.
  await govern(page, 'Gates');
  await expect(gateObject(page, 'Performance SLA', 'Ticket router v2').getByTestId('gate-status')).toHaveText('Approved');
});
