import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { test, expect, openHome } from './fixtures';
import { backToMission, missionStep } from './practice';
import { goToStage, trainAndRegister } from './lifecycle';

const MISSION = 'An end-to-end classifier';

/** Saves what the page downloads when `click` runs; returns the file name and text. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; path: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, text: await readFile(path, 'utf8') };
}

test('the beginner mission from a fresh start: steps tick as the learner works, the debrief exports, and starting over gives a clean project', async ({ page }) => {
  test.setTimeout(300_000);
  await openHome(page);
  await page.getByRole('link', { name: 'New here? Practice with a guided mission' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice' })).toHaveAttribute('aria-current', 'page');
  // Five missions, each with its level and goal.
  await expect(page.locator('.mission-card')).toHaveCount(5);

  await page.getByRole('button', { name: `Start the mission “${MISSION}”` }).click();
  await expect(page.getByRole('heading', { level: 1, name: MISSION })).toBeVisible();
  await expect(page.getByTestId('mission-steps-done')).toHaveText('0 of 9 steps done');
  await expect(missionStep(page, 1)).toContainText('Not yet');

  // Step 1: the success criteria, on Frame.
  await missionStep(page, 1).getByRole('link', { name: 'Open Frame → success criteria' }).click();
  await expect(page.getByTestId('mission-strip')).toContainText('0/9 steps');
  await page.getByLabel('Add a criterion').fill('accuracy on test >= 0.90');
  await page.getByRole('button', { name: 'Add criterion' }).click();
  await expect(page.getByLabel('Metric of criterion 1')).toHaveValue('accuracy');
  await page.getByLabel('Add a criterion').fill('p99 latency <= 200 ms');
  await page.getByRole('button', { name: 'Add criterion' }).click();
  await expect(page.getByLabel('Metric of criterion 2')).toHaveValue('latency_p99_ms');
  await expect(page.getByTestId('mission-strip')).toContainText('1/9 steps');
  await backToMission(page, MISSION);
  await expect(missionStep(page, 1)).toContainText('Done');
  await expect(missionStep(page, 1)).toContainText('Accuracy on test >= 0.9');

  // Step 2: the tickets file from the mission page, imported on Data.
  const tickets = await download(page, () => page.getByRole('button', { name: 'Download the tickets (CSV)' }).click());
  expect(tickets.name).toBe('support-tickets.csv');
  await missionStep(page, 2).getByRole('link', { name: 'Open Data → import' }).click();
  await page.getByLabel('Choose a CSV file').setInputFiles(tickets.path);
  await page.getByRole('button', { name: 'Check the data' }).click();
  await page.getByRole('button', { name: 'Import as a new version' }).click();
  await expect(page.getByText(/^Imported version v1/)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('mission-strip')).toContainText('2/9 steps');

  // Step 3: the split.
  await page.getByRole('button', { name: 'Split the newest version' }).click();
  await expect(page.getByText(/split stratified: train/)).toBeVisible();
  await expect(page.getByTestId('mission-strip')).toContainText('3/9 steps');

  // Steps 4 and 5: the logistic regression baseline, registered.
  await trainAndRegister(page, 1, '10');
  await expect(page.getByTestId('mission-strip')).toContainText('5/9 steps');
  await backToMission(page, MISSION);
  await expect(missionStep(page, 4)).toContainText(/Run 1: accuracy \d+\.\d % on test against \d+\.\d % for always/);

  // Step 6: deployed.
  await missionStep(page, 6).getByRole('link', { name: 'Open Deploy' }).click();
  await page.getByLabel('Why, for Ticket router v1').fill('baseline');
  const row = page.getByRole('table', { name: 'Registered model versions' }).getByRole('row', { name: /Ticket router v1/ });
  await row.getByRole('button', { name: 'Set' }).click();
  await expect(row).toContainText('@champion');
  await page.getByLabel('Reason').first().fill('meets the criteria on test');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByText(/The endpoint serves Ticket router v1 \(@champion\)/)).toBeVisible();
  await expect(page.getByTestId('mission-strip')).toContainText('6/9 steps');

  // Steps 7 and 9: traffic from the test split, logged with confidence, and its p99 latency on production.
  await page.getByLabel('How many').fill('60');
  await page.getByLabel('Requests per second').fill('100');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByTestId('mission-strip')).toContainText('8/9 steps', { timeout: 30_000 });

  // Step 8: Monitor probes the endpoint's health while it is open.
  await goToStage(page, 'Monitor');
  await expect(page.getByTestId('mission-strip')).toContainText('9/9 steps');
  await backToMission(page, MISSION);
  await expect(page.getByTestId('mission-steps-done')).toHaveText('9 of 9 steps done — mission complete');
  await expect(missionStep(page, 9)).toContainText(/p99 \d+\.\d ms over 60 predictions: (meets|misses) “p99 latency on production <= 200 ms”/);

  // The debrief, with the learner's written answer, exported as Markdown.
  const answer = 'Watch the share of Billing tickets and low-confidence answers; retrain when either moves 10 points.';
  await page.getByLabel('What would you watch in production, and what would make you retrain?').fill(answer);
  await page.getByRole('button', { name: 'Save answer' }).click();
  const debrief = page.getByRole('region', { name: 'Debrief' });
  await expect(debrief).toContainText(answer);
  await expect(debrief.getByRole('list', { name: 'Steps passed' }).getByRole('listitem')).toHaveCount(9);
  await expect(debrief).toContainText(/Accuracy on test >= 0\.9: (passed|missed) \(run 1: /);
  const exported = await download(page, () => debrief.getByRole('button', { name: 'Export the debrief (Markdown)' }).click());
  expect(exported.name).toBe('debrief-an-end-to-end-classifier-attempt-1.md');
  expect(exported.text).toContain('# Debrief: An end-to-end classifier');
  expect(exported.text).toContain('**9 of 9 steps done** — mission complete.');
  expect(exported.text).toMatch(/- \*\*Serve at least 50 predictions with their confidence logged\*\*: 60 predictions logged, mean confidence 0\.\d\d\./);
  expect(exported.text).toContain(answer);

  // Start over: a clean project from the same starting point, the old one gone.
  await page.getByRole('button', { name: `Start “${MISSION}” over` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Start over' }).click();
  await expect(page.getByText('Attempt 2.')).toBeVisible();
  await expect(page.getByTestId('mission-steps-done')).toHaveText('0 of 9 steps done');
  await expect(page.getByLabel('What would you watch in production, and what would make you retrain?')).toHaveValue('');
  await page.getByRole('link', { name: 'Ticket classifier (practice, attempt 2)' }).click();
  await expect(page.getByTestId('mission-strip')).toContainText('0/9 steps');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('link', { name: 'Ticket classifier (practice, attempt 2)' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ticket classifier (practice, attempt 1)' })).toHaveCount(0);
});
