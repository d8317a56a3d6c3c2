import type { Page } from '@playwright/test';
import { test, expect, openHome } from './fixtures';

const MISSION = 'An end-to-end classifier';

/** The mission page's step, by its number and title start, with its state in words. */
function step(page: Page, n: number) {
  return page.getByRole('list', { name: 'Mission steps' }).getByRole('listitem', { name: new RegExp(`^Step ${n}:`) });
}

async function backToMission(page: Page): Promise<void> {
  await page.getByTestId('mission-strip').getByRole('link', { name: 'back to the mission' }).click();
  await expect(page.getByRole('heading', { level: 1, name: MISSION })).toBeVisible();
}

test('the beginner mission from a fresh start: steps tick as the learner works, the debrief exports, and starting over gives a clean project', async ({ page }) => {
  await openHome(page);
  await page.getByRole('link', { name: 'New here? Practice with a guided mission' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Practice' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Practice' })).toHaveAttribute('aria-current', 'page');
  // Five missions, each with its level and goal.
  await expect(page.locator('.mission-card')).toHaveCount(5);

  await page.getByRole('button', { name: `Start the mission “${MISSION}”` }).click();
  await expect(page.getByRole('heading', { level: 1, name: MISSION })).toBeVisible();
  await expect(page.getByTestId('mission-steps-done')).toHaveText('0 of 9 steps done');
  await expect(step(page, 1)).toContainText('Not yet');

  // Step 1: the success criteria, on Frame.
  await step(page, 1).getByRole('link', { name: 'Open Frame → success criteria' }).click();
  await expect(page.getByTestId('mission-strip')).toContainText('0/9 steps');
  await page.getByLabel('Add a criterion').fill('accuracy on test >= 0.90');
  await page.getByRole('button', { name: 'Add criterion' }).click();
  await page.getByLabel('Add a criterion').fill('p99 latency <= 200 ms');
  await page.getByRole('button', { name: 'Add criterion' }).click();
  await expect(page.getByTestId('mission-strip')).toContainText('1/9 steps');
  await backToMission(page);
  await expect(step(page, 1)).toContainText('Done');
  await expect(step(page, 1)).toContainText('Accuracy on test >= 0.9');
});
