import { test, expect, openSample } from './fixtures';
import { goToStage, splitSample, trainAndRegister, waiveSampleGate } from './lifecycle';
import { actAs, gateObject, requestReview, waiveGate } from './governGates';
import { publishTemplate } from './governPeople';
import { addCouncil, councilForm, councilSeat, expectSigned, signAs } from './council';

/**
 * The sample under the High-risk policy: a model version reaches its council review, four people
 * sign it off — each in one role, each signature checked — and only then may it deploy. The
 * other gates on the way are waived (not this journey's subject).
 */
test('Govern → Gates: the council signs off a high-risk version, one role each, signatures verified, and it deploys', async ({ page }) => {
  test.setTimeout(150_000);
  await openSample(page);
  await publishTemplate(page, 'High-risk');
  await addCouncil(page);
  await splitSample(page);
  await waiveSampleGate(page, 'Data Ethics Review', 'dataset v2', 'set-up of a journey about the council');
  await trainAndRegister(page, 1, '3');
  await waiveSampleGate(page, 'Performance SLA', 'Ticket router v1', 'set-up of a journey about the council');
  await goToStage(page, 'Deploy');
  await page.getByRole('link', { name: 'Model card of Ticket router v1' }).click();
  await page.getByLabel('License').fill('Internal use only');
  await page.getByRole('button', { name: 'Save the card' }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();
  await goToStage(page, 'Govern');
  await actAs(page, 'Noor Haddad');
  await waiveGate(page, 'Model card approval', 'Ticket router v1', { reason: 'set-up of a journey about the council', owner: 'Noor Haddad', expires: '2099-12-31' });

  const council = gateObject(page, 'Council review', 'Ticket router v1');
  await expect(page.getByRole('region', { name: 'Council review' })).toContainText('Decided by: a council of Product owner, Engineering lead, Legal counsel and Ethics reviewer (4 of 4 sign off).');
  await expect(council).toContainText('A council review cannot be waived');
  await actAs(page, 'Alex Kim');
  await requestReview(page, 'Council review', 'Ticket router v1', 'Ready for the council');
  await expect(council).toContainText('0 of 4 signed, waiting for Product owner, Engineering lead, Legal counsel and Ethics reviewer.');

  // The requester cannot sign; one person signs for one role only.
  await signAs(page, 'Alex Kim', 'Sign off', 'Looks good to me', 'Ticket router v1', 'Product owner');
  await expect(councilForm(page).getByRole('alert')).toHaveText('Alex Kim asked for this review and cannot sign it: the council\'s other members must.');
  await signAs(page, 'Noor Haddad', 'Sign off', 'No group is served worse');
  await expectSigned(page, 'Noor Haddad');
  await expect(council).toContainText('1 of 4 signed, waiting for Product owner, Engineering lead and Legal counsel.');
  await signAs(page, 'Noor Haddad', 'Sign off', 'And for legal', 'Ticket router v1', 'Legal counsel');
  await expect(councilForm(page).getByRole('alert')).toHaveText('Noor Haddad already signed this review as Ethics reviewer: one person cannot sign for two roles.');
  await expect(councilSeat(page, 'Legal counsel')).toContainText('Waiting');

  await signAs(page, 'Priya Shah', 'Sign off', 'Fits the intended use');
  await expectSigned(page, 'Priya Shah');
  await signAs(page, 'Sam Okafor', 'Sign off', 'Meets its targets');
  await expectSigned(page, 'Sam Okafor');
  await expect(council.getByTestId('gate-status')).toHaveText('Pending');
  await signAs(page, 'Lena Novak', 'Sign off', 'No legal objection');
  await expectSigned(page, 'Lena Novak');
  await expect(council.getByTestId('gate-status')).toHaveText('Approved');
  await expect(council).toContainText('Approved by the council on');
  await expect(council.getByRole('table', { name: /^Council of/ }).getByText(/^signed ✓ key [0-9a-f]{16}$/)).toHaveCount(4);
  await expect(page.getByText('Nothing is blocked: every gate is met for the current versions.')).toBeVisible();

  // Each member's key shows under People.
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'People', exact: true }).click();
  const people = page.getByRole('table', { name: 'People and their roles' });
  await expect(people.getByRole('row', { name: /Lena Novak/ })).toContainText(/[0-9a-f]{16}/);
  await expect(people.getByRole('row', { name: /Alex Kim/ })).toContainText('no key yet');

  await goToStage(page, 'Deploy');
  await page.getByLabel('Why, for Ticket router v1').fill('approved by the council');
  const row = page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: /Ticket router v1/ });
  await row.getByRole('button', { name: 'Set' }).click();
  await expect(row).toContainText('@champion');
  await page.getByLabel('Reason').first().fill('signed off by the council');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(/The endpoint serves Ticket router v1 \(@champion\)/)).toBeVisible();
});
