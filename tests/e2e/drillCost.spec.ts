import { test, expect, openHome } from './fixtures';
import { backToMission, missionStep } from './practice';
import { sendTraffic } from './loop';

const MISSION = 'Drill — more accurate, twice the cost';

test('drill 2: price both versions per segment, deploy them with segment routing, and see each segment answered by its version on the Monitor page', async ({ page }) => {
  test.setTimeout(300_000);
  await openHome(page);
  await page.goto('/#/practice/drill-cost');
  await page.getByRole('button', { name: `Start the mission “${MISSION}”` }).click();
  // The template trains two versions in the compute worker: honest progress, then the steps.
  await expect(page.getByTestId('mission-steps-done')).toHaveText('0 of 5 steps done', { timeout: 180_000 });

  // Step 1: the cost trade-off under Deploy, with the drill's money on a decision and a volume per tier.
  await missionStep(page, 1).getByRole('link', { name: 'Open Deploy → Cost trade-off' }).click();
  await expect(page.getByRole('navigation', { name: 'Deploy views' }).getByRole('link', { name: 'Cost trade-off' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Compare')).toHaveValue(/.+/);
  await expect(page.getByLabel('A right decision earns (USD)')).toHaveValue('2');
  await expect(page.getByLabel('a wrong one costs (USD)')).toHaveValue('8');
  // The drill's starting figures: a wrong answer to an enterprise customer costs far more, so the
  // large version pays for its double price there only.
  await expect(page.getByLabel('tier = enterprise: a wrong decision costs')).toHaveValue('40');
  await expect(page.getByLabel('tier = free: a wrong decision costs')).toHaveValue('');
  await expect(page.getByLabel('tier = free', { exact: true })).toHaveValue('500000');
  await page.getByLabel('tier = pro', { exact: true }).fill('300000');
  // A segment's own worth must be ≥ 0; emptied, the project-wide one stands again.
  const enterpriseRight = page.getByLabel('tier = enterprise: a right decision earns');
  await enterpriseRight.fill('-1');
  await expect(page.getByRole('status').filter({ hasText: 'tier = enterprise: what a right decision earns and a wrong one costs there must be numbers ≥ 0' })).toBeVisible();
  await enterpriseRight.fill('');
  await expect(page.getByRole('table', { name: 'Monthly net value' })).toContainText('Routed by segment: tier = free → ticket-router v1; tier = pro → ticket-router v1; tier = enterprise → ticket-router v2');
  await expect(page.getByText('Best: Route by segment')).toBeVisible();
  await page.getByRole('button', { name: 'Keep these figures for the mission' }).click();
  await expect(page.getByText('Kept for the mission.')).toBeVisible();
  await expect(page.getByTestId('mission-strip')).toContainText('1/5 steps');

  // Step 2: serve the lean version, route the enterprise tier to the large one.
  await page.getByRole('navigation', { name: 'Deploy views' }).getByRole('link', { name: 'Registry and serving' }).click();
  const form = page.getByRole('form', { name: 'Deploy' });
  await form.getByLabel('Serve', { exact: true }).selectOption({ label: 'ticket-router v1' });
  await form.getByLabel('Answer some segments with another version').check();
  await form.getByLabel('Request field').fill('tier');
  await form.getByLabel('When it is').fill('enterprise');
  await expect(form.getByLabel('answer with')).toHaveValue(/.+/);
  await form.getByLabel('answer with').selectOption({ label: 'ticket-router v2' });
  await form.getByRole('button', { name: 'Deploy' }).click();
  await expect(page.getByText('By tier: enterprise → ticket-router v2; other requests → ticket-router v1.').first()).toBeVisible();
  await expect(page.getByTestId('mission-strip')).toContainText('2/5 steps');

  // Steps 3 and 4: generated tickets carry their tier; every true label comes back.
  await sendTraffic(page, { source: 'newly generated: steady', count: 80, seed: 'drill-cost-traffic', feedbackPercent: 100, feedbackDelayS: 0 });
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Monitor/ }).click();
  const routes = page.getByRole('table', { name: 'Requests per route' });
  await expect(routes.getByRole('row', { name: /^tier=enterprise/ })).toContainText('ticket-router v2');
  await expect(routes.getByRole('row', { name: /^default/ })).toContainText('ticket-router v1');
  await expect(routes.getByRole('row')).toHaveCount(3);
  await expect(page.getByTestId('mission-strip')).toContainText('4/5 steps');

  // Step 5: the written recommendation; the debrief carries the learner's figures.
  await backToMission(page, MISSION);
  await expect(missionStep(page, 3)).toContainText(/tier=enterprise: \d+ answers by ticket-router v2; default: \d+ answers by ticket-router v1/);
  await page.getByRole('textbox', { name: 'Your recommendation' }).fill('Serve the large version to enterprise customers only: it pays for its compute there and nowhere else.');
  await page.getByRole('button', { name: 'Save answer' }).click();
  await expect(page.getByTestId('mission-steps-done')).toHaveText(/^5 of 5 steps done/);
});
