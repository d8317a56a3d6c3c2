import { test, expect, openSample } from './fixtures';
import { goToStage, trainAndRegister, waiveSampleGate, splitSample } from './lifecycle';
import { actAs, decide, gateObject, requestReview } from './governGates';
import { makeSampleHighRisk } from './riskTier';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Assumes the sample starts on the Standard policy (re-review every 90 days, 14 days' grace) with
 * Noor Haddad (ethics-reviewer) and Sam Okafor (engineering-lead). The page's clock is Playwright's.
 */
test('Risk tier: the sample becomes high-risk, adopting the tier re-opens gates, and an overdue re-review blocks promotion', async ({ page }) => {
  test.setTimeout(90_000);
  const start = Date.now();
  await page.clock.install({ time: start });
  await openSample(page);
  await splitSample(page);
  await waiveSampleGate(page, 'Data Ethics Review', 'dataset v2', 'set-up: this journey is about risk tiers');
  await trainAndRegister(page, 1, '3');

  // Sam approves the Performance SLA Noor asked for.
  await actAs(page, 'Noor Haddad');
  await requestReview(page, 'Performance SLA', 'Ticket router v1', 'Ready for the endpoint');
  await actAs(page, 'Sam Okafor');
  await decide(page, 'Performance SLA', 'Ticket router v1', 'Approve', 'Meets the criteria on test');
  const sla = gateObject(page, 'Performance SLA', 'Ticket router v1');
  await expect(sla.getByTestId('gate-status')).toHaveText('Approved');
  await expect(page.getByTestId('gates-risk-tier')).toContainText('Risk tier: not assessed');

  // The questionnaire: an employment use that shapes outcomes is high-risk, and the page says why.
  await makeSampleHighRisk(page);
  await expect(page.getByRole('list', { name: 'Answers that produced the tier' })).toContainText('A use listed in Annex III point 4 (Article 6(2)) is high-risk.');
  await expect(page.getByRole('list', { name: 'Needs a closer look' })).toContainText('It affects workers');
  await expect(page.getByText('This questionnaire is a teaching aid, not legal advice.', { exact: false })).toBeVisible();
  const raised = page.getByRole('status', { name: 'What the raised tier re-opens' });
  await expect(raised).toContainText('Now required: “Council review”');
  const needs = page.getByRole('table', { name: 'Gates the tier requires' });
  await expect(needs.getByRole('row', { name: /Council review/ })).toContainText('Missing');

  // Adopting publishes v2 with the missing gates: they appear under Gates and refuse the champion alias.
  await page.getByRole('button', { name: 'Adopt what the high tier requires' }).click();
  await expect(page.getByText(/^Published policy v2 “Standard” with what the high tier requires/)).toBeVisible();
  await expect(needs.getByRole('row', { name: /Council review/ })).toContainText('Yes');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'Gates' }).click();
  await expect(page.getByText(/Under policy Standard v2/)).toBeVisible();
  await expect(page.getByTestId('gates-risk-tier')).toContainText('Risk tier: high');
  await expect(page.getByRole('heading', { level: 3, name: 'Model card approval' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Council review' })).toBeVisible();
  await expect(gateObject(page, 'Council review', 'Ticket router v1').getByTestId('gate-status')).toHaveText('Not requested');
  await expect(sla.getByTestId('gate-status')).toHaveText('Approved');
  await goToStage(page, 'Deploy');
  const refusal = page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: /Ticket router v1/ });
  await expect(refusal.getByRole('button', { name: 'Set' })).toBeDisabled();
  await expect(refusal).toContainText('Making this version the champion needs Council review: No review requested yet.');
  await expect(refusal).not.toContainText('Performance SLA');

  // 95 days on, the SLA approval is overdue: still serving, but promotion is refused, and Monitor says so.
  const later = start + 95 * DAY;
  await page.clock.setSystemTime(later);
  await goToStage(page, 'Monitor');
  const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Re-review overdue' }) });
  await expect(alert).toContainText(`Performance SLA of Ticket router v1: re-review overdue since ${day(start + 90 * DAY)}`);
  await alert.getByRole('link', { name: /Govern → Gates/ }).click();
  await expect(sla.getByTestId('gate-status')).toHaveText('Due for re-review');
  await expect(sla).toContainText('No evidence changed since the approval.');
  await goToStage(page, 'Deploy');
  await expect(refusal).toContainText(`Making this version the champion needs Performance SLA: the approval of ${day(start)} is overdue — its re-review was due on ${day(start + 90 * DAY)}: request a re-review.`);
});
