import { readFile } from 'node:fs/promises';
import { test, expect, openSample } from './fixtures';
import { goToStage, trainAndRegister } from './lifecycle';
import { actAs, decide, gateObject, requestReview, waiveGate } from './governGates';

/**
 * Assumes the sample project starts on the Standard policy, published, with two people: Noor
 * Haddad (ethics-reviewer) and Sam Okafor (engineering-lead).
 */
test('Govern → Gates: waive the Data Ethics Review, train, and approve the Performance SLA as another person', async ({ page }) => {
  test.setTimeout(240_000);
  await openSample(page);
  await goToStage(page, 'Data');
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train/)).toBeVisible();
  await goToStage(page, 'Govern');
  await expect(page.getByRole('heading', { level: 2, name: 'Gates' })).toBeVisible();
  await expect(page.getByText(/Under policy Standard v1/)).toBeVisible();
  await expect(page.getByRole('heading', { level: 3 })).toContainText(['Blocked now', 'Data Ethics Review', 'Performance SLA', 'Waivers in force']);
  const ethics = gateObject(page, 'Data Ethics Review', 'dataset v2');
  await expect(ethics.getByTestId('gate-status')).toHaveText('Not requested');
  await expect(ethics.getByRole('list', { name: /^Evidence/ }).getByRole('link', { name: 'Open in Data' }).first()).toBeVisible();
  await expect(page.getByTestId('gates-blocked')).toContainText('Training on dataset v2 is blocked: Data Ethics Review — No review requested yet.');

  // Nobody chosen: the page says who must act instead of acting in no one's name.
  await ethics.getByRole('button', { name: 'Request review' }).click();
  await expect(ethics.getByRole('form', { name: /^Request a review/ }).getByRole('alert')).toContainText('Choose who is acting first');

  // A waiver needs an expiry; with one, the gate reads waived and the waiver is listed.
  await actAs(page, 'Noor Haddad');
  const nextYear = `${new Date().getFullYear() + 1}-01-31`;
  await ethics.getByText('Waive this gate…').click();
  await ethics.getByLabel('Reason').fill('Synthetic tickets: no real customers');
  await ethics.getByRole('button', { name: 'Waive' }).click();
  await expect(ethics.getByRole('form', { name: /^Waive/ }).getByRole('alert')).toHaveText('A waiver needs an expiry date: waivers that never end are not allowed.');
  await waiveGate(page, 'Data Ethics Review', 'dataset v2', { reason: 'Synthetic tickets: no real customers', owner: 'Noor Haddad', expires: nextYear });
  await expect(ethics).toContainText(`Waived until ${nextYear} by Noor Haddad`);
  const waivers = page.getByRole('table', { name: 'Waivers in force' });
  await expect(waivers.getByRole('row', { name: /Data Ethics Review/ })).toContainText('dataset v2');
  await expect(page.getByTestId('gates-blocked')).toHaveCount(0);

  // Train on the waived version and register it: the Performance SLA now judges Ticket router v1.
  await trainAndRegister(page, 1, '3');
  await goToStage(page, 'Govern');
  const sla = gateObject(page, 'Performance SLA', 'Ticket router v1');
  await expect(page.getByTestId('gates-blocked')).toContainText('Ticket router v1: making it the champion, deploying it and starting a canary of it are blocked: Performance SLA');

  // The requester cannot decide their own request, and the page says why; the other person approves.
  await requestReview(page, 'Performance SLA', 'Ticket router v1', 'Ready for the endpoint');
  await decide(page, 'Performance SLA', 'Ticket router v1', 'Approve', '');
  await expect(sla.getByRole('form', { name: /^Decide/ }).getByRole('alert')).toHaveText('Noor Haddad asked for this review and cannot decide it: another person holding "engineering-lead" must.');
  await expect(sla.getByTestId('gate-status')).toHaveText('Pending');
  await actAs(page, 'Sam Okafor');
  await decide(page, 'Performance SLA', 'Ticket router v1', 'Approve', 'Meets the criteria on test');
  await expect(sla.getByTestId('gate-status')).toHaveText('Approved');
  await expect(sla).toContainText('Approved by Sam Okafor (engineering-lead)');
  await expect(page.getByText('Nothing is blocked: every gate is met for the current versions.')).toBeVisible();

  // The PM summary shows the same gate states, and its Markdown export carries them.
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'Lifecycle summary' }).click();
  const governance = page.getByRole('region', { name: 'Governance' });
  await expect(governance).toContainText('Policy: Standard v1');
  const states = governance.getByRole('table', { name: 'Gate states' });
  await expect(states.getByRole('row', { name: /Data Ethics Review dataset v2/ })).toContainText('Waived');
  await expect(states.getByRole('row', { name: /Performance SLA Ticket router v1/ })).toContainText('Approved');
  await expect(governance.getByRole('table', { name: 'Waivers in force' })).toContainText(`${nextYear} (`);
  await expect(governance).toContainText('Nothing is blocked.');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as Markdown' }).click();
  const markdown = await readFile(await (await download).path(), 'utf8');
  expect(markdown).toContain('| Data Ethics Review | dataset v2 | waived | Waived until');
  expect(markdown).toContain('| Performance SLA | Ticket router v1 | approved | Approved by Sam Okafor (engineering-lead)');
});
