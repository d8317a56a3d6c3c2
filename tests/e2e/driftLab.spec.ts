import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { test, expect, openHome } from './fixtures';
import { expectLegendReadable } from './chartGeometry';

const weekStatus = (page: Page, week: number) => page.getByRole('status').filter({ hasText: new RegExp(`^Week ${week} of 13 simulated`) });

/** Whether `inner`'s box lies inside `outer`'s (1 px of rounding allowed). */
async function inside(inner: Locator, outer: { x: number; y: number; width: number; height: number }): Promise<boolean> {
  const box = (await inner.boundingBox())!;
  return box.x >= outer.x - 1 && box.y >= outer.y - 1 && box.x + box.width <= outer.x + outer.width + 1 && box.y + box.height <= outer.y + outer.height + 1;
}

test('a facilitator run-through: CTR falls, drifted features and the segment are found, a retrain recovers it, the report exports', async ({ page }) => {
  test.setTimeout(240_000);
  // A small projector's screen.
  await page.setViewportSize({ width: 1024, height: 768 });
  await openHome(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drift lab' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Drift lab/ })).toBeVisible();
  await expect(weekStatus(page, 0)).toBeVisible({ timeout: 30_000 });

  // Play a little, pause: the address keeps the scenario state.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(weekStatus(page, 2)).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(page.url()).toMatch(/#\/lab\/ctr\?s=[A-Za-z0-9_-]+$/);

  // The obvious first click runs the quarter out: the remedies say why they are disabled, and going back replays up to a chosen week.
  await page.getByRole('button', { name: 'Run to the end' }).click();
  await expect(weekStatus(page, 13)).toBeVisible({ timeout: 60_000 });
  const retrain = page.getByRole('button', { name: /^Retrain on weeks .* and deploy$/ });
  await expect(retrain).toBeDisabled();
  await expect(retrain).toHaveAccessibleDescription(/All 13 weeks are simulated.*Go back to an earlier week/);
  await page.getByLabel('Go back to week').fill('10');
  await page.getByRole('button', { name: 'Go back to week 10' }).click();
  await expect(weekStatus(page, 10)).toBeVisible({ timeout: 60_000 });
  await expect(retrain).toBeEnabled();
  await expect(page.getByText(/All 13 weeks are simulated/)).toHaveCount(0);

  // 1. The drop is real: CTR fell while volume, latency and errors held.
  await expect(page.getByText(/^CTR fell −1\d\.\d % while traffic volume .* the drop is real/)).toBeVisible();
  const weeks = page.getByRole('table', { name: 'Week by week' });
  await expect(weeks.getByRole('row')).toHaveCount(11);
  await expect(weeks.getByRole('row', { name: /^9 / })).toContainText('7 of 7');
  for (const name of ['Actual and predicted CTR per week', 'Latency p50 and p95 per week']) await expectLegendReadable(page.getByRole('img', { name: new RegExp(`^${name}`) }));

  // 2. The drift table names the shifted user mix.
  await page.getByRole('button', { name: 'Run the drift report' }).click();
  const drift = page.getByRole('table', { name: 'Data drift by column' });
  await expect(drift).toBeVisible({ timeout: 30_000 });
  const verdict = (column: string) => drift.getByRole('row', { name: new RegExp(`^${column} `) }).getByRole('cell').nth(5);
  for (const column of ['device', 'region']) await expect(verdict(column)).toHaveText('drifted');
  // The age mix moved less than the 0.1 Jensen-Shannon threshold; a chi-square test on 150k rows calls it.
  const age = drift.getByRole('row', { name: /^userAgeBand / });
  await expect(verdict('userAgeBand')).toHaveText('no');
  await age.getByLabel('Test for userAgeBand').selectOption({ label: 'chi-square p-value' });
  await page.getByRole('button', { name: 'Run the drift report' }).click();
  await expect(verdict('userAgeBand')).toHaveText('drifted', { timeout: 30_000 });
  await expect(verdict('day')).toHaveText('no');
  await drift.getByRole('button', { name: 'Show the distributions of device' }).click();
  await expect(page.getByRole('img', { name: /Share of rows per value of device, reference and current/ })).toBeVisible();

  // 3. The segment where the model over-promises: young mobile users.
  await expect(page.getByText(/over-promises most for 18-24 · mobile/).first()).toBeVisible();

  // 4. Champion against challenger, then retrain on the recent weeks.
  const training = page.getByRole('group', { name: 'Training weeks' });
  await training.getByLabel('from').fill('7');
  await training.getByLabel('to').fill('9');
  await training.getByLabel('to').press('Tab');
  await page.getByRole('button', { name: 'Evaluate the challenger' }).click();
  const scorecard = page.getByRole('table', { name: 'Champion against challenger' });
  await expect(scorecard).toBeVisible({ timeout: 30_000 });
  // Both columns fit inside their card at 1024 px, and so does the longest feature's checkbox label.
  const card = (await page.locator('.remedies > .panel').filter({ has: scorecard }).boundingBox())!;
  expect(await inside(scorecard.getByRole('columnheader', { name: 'Challenger' }), card)).toBe(true);
  const featureCard = (await page.locator('.remedies > .panel').filter({ hasText: 'Change the feature pipeline' }).boundingBox())!;
  expect(await inside(page.locator('label.check').filter({ hasText: 'ageBand×device×itemCategory' }), featureCard)).toBe(true);
  await page.getByRole('button', { name: 'Retrain on weeks 7–9 and deploy' }).click();
  await expect(page.getByRole('table', { name: 'Model versions' }).getByRole('row', { name: /^v2 / })).toContainText('serving');
  // Every version is a TF.js layers model too.
  const modelZip = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download v2 (TF.js)' }).click();
  expect((await modelZip).suggestedFilename()).toBe('ctr-model-v2.zip');
  await page.getByRole('button', { name: 'Run to the end' }).click();
  await expect(weekStatus(page, 13)).toBeVisible({ timeout: 60_000 });
  const effect = page.getByRole('table', { name: 'Effect of each remedy' }).getByRole('row', { name: /Retrained on weeks 7–9 before week 10/ });
  await expect(effect).toContainText(/\+\d+\.\d %/);

  // 5. The diagnosis report, as Markdown.
  await page.getByLabel('Decision').selectOption({ label: 'Retrain on recent data' });
  await page.getByLabel('Why').fill('Young mobile users turned away from gaming; the model kept recommending it.');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download the report (Markdown)' }).click();
  const markdown = await readFile(await (await download).path(), 'utf8');
  expect(markdown).toContain('## 1. Is the drop real?');
  expect(markdown).toMatch(/\| device \| .* \| yes \|/);
  expect(markdown).toContain('**Decision:** Retrain on recent data.');
  expect(markdown).toContain('Retrained on weeks 7–9 before week 10');

  // The facilitator view, and the address reopens the same state after a reload.
  await page.getByRole('link', { name: 'Facilitator view' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Click-through rate, week by week' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^v2$/ })).toBeVisible();
  // For the projector: the chart whole on a 1024 × 768 screen, 18 px text or more, the zoomed axis said, the retrain marked.
  const chart = page.getByRole('img', { name: /^CTR per week/ });
  await expect(chart).toBeVisible();
  expect(await inside(chart, { x: 0, y: 0, width: 1024, height: 768 })).toBe(true);
  const tickPx = await chart.evaluate((svg) =>
    [...svg.querySelectorAll('.tick text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width)),
  );
  expect(tickPx.length).toBeGreaterThan(10);
  expect(Math.min(...tickPx)).toBeGreaterThanOrEqual(18);
  await expect(chart.getByText(/the axis starts at [\d.]+ %, not at 0/)).toBeVisible();
  await expect(chart.locator('.marker-version').filter({ hasText: 'v2 retrained' })).toBeVisible();
  // The navigation is hidden; N and the button bring it back, Escape too.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav).toHaveCount(0);
  await page.keyboard.press('n');
  await expect(nav).toBeVisible();
  await page.keyboard.press('n');
  await expect(nav).toHaveCount(0);
  await page.getByRole('button', { name: 'Show the navigation (N or Esc)' }).click();
  await expect(nav).toBeVisible();
  await page.getByRole('button', { name: 'Hide the navigation (N)' }).click();
  await expect(nav).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(nav).toBeVisible();
  await page.reload();
  await expect(weekStatus(page, 13)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/model v2 serving/)).toBeVisible();
});
