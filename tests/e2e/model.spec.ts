import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';
import { goToStage, splitSample as split, waiveSampleGate } from './lifecycle';

/**
 * Splits the sample and opens the Model stage. The sample is governed; these journeys are about
 * training, so the Data Ethics Review of the split version is waived.
 */
async function splitSample(page: Page): Promise<void> {
  await split(page);
  await waiveSampleGate(page, 'Data Ethics Review', 'dataset v2', 'training journey: the data review is not what it exercises');
  await goToStage(page, 'Model');
}

test('train the baseline and a challenger on the sample project, then compare them', async ({ page }) => {
  test.setTimeout(240_000);
  await openSample(page);
  await splitSample(page);

  // Baseline: logistic regression with the default parameters.
  await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  const report1 = page.getByRole('article', { name: /Run 1: logistic regression/ });
  await expect(report1).toBeVisible({ timeout: 180_000 });
  // The backend measured fastest here: the CPU (WebGL is software-emulated on this machine).
  await expect(report1.getByTestId('run-backend')).toHaveText('CPU backend, the measured choice');
  // The default optimizer, L-BFGS, counts iterations, not epochs.
  await expect(report1.getByRole('img', { name: /Loss per iteration/ })).toBeVisible();
  await expect(report1.getByText(/\d+ L-BFGS iterations/)).toBeVisible();
  // Metrics, the criteria verdicts and the confusion matrix are shown.
  const accuracy = report1.getByRole('term').filter({ hasText: 'Test accuracy' }).locator('+ dd');
  await expect(accuracy).toHaveText(/\d+\.\d %/);
  expect(parseFloat((await accuracy.textContent())!)).toBeGreaterThan(85);
  await expect(report1.getByRole('listitem').filter({ hasText: 'Accuracy on test >= 0.9' })).toContainText(/Pass|Fail/);
  // The latency figures say how many single predictions were timed (100–300: until they settle).
  await expect(report1.getByTestId('run-latency')).toHaveText(/^[\d.]+ \/ [\d.]+ ms, \d+ timed$/);
  const matrix = report1.getByRole('table', { name: /Confusion matrix on test/ });
  await expect(matrix).toBeVisible();
  // A click on a cell lists its tickets.
  await matrix.getByRole('button', { name: /Billing tickets predicted as Billing/ }).click();
  await expect(report1.getByRole('region', { name: 'Examples of Billing predicted as Billing' }).getByRole('listitem').first()).toBeVisible();
  // Try it: a typed ticket gets a prediction and the words behind it.
  await report1.getByLabel('Ticket text').fill('I was charged twice on my invoice, please refund the payment');
  await report1.getByRole('button', { name: 'Predict', exact: true }).click();
  await expect(report1.getByText(/Predicted Billing/)).toBeVisible();
  await expect(report1.getByRole('list', { name: 'Words that pushed the prediction' })).toBeVisible();

  // Challenger: the small neural network.
  await page.getByRole('radio', { name: /Small neural network/ }).check();
  await page.getByLabel('Epochs').fill('6');
  await page.getByRole('button', { name: 'Train small neural network (mlp)' }).click();
  await expect(page.getByRole('article', { name: /Run 2: small neural network/ })).toBeVisible({ timeout: 180_000 });

  const runPageP99 = (await page.getByRole('article', { name: /Run 2: small neural network/ }).getByRole('term').filter({ hasText: 'p50 / p99' }).locator('+ dd').textContent())!.match(/\/ (\d+\.\d\d) ms/)![1];
  await page.getByRole('link', { name: 'Runs (2)' }).click();
  const runsTable = page.getByRole('table', { name: 'Training runs' });
  // evaluateAll does not wait: the table must be there first.
  await expect(runsTable.getByRole('columnheader', { name: /p99 latency/ })).toBeVisible();
  const p99Column = await runsTable.getByRole('columnheader').evaluateAll((hs) => hs.findIndex((h) => /p99 latency/.test(h.textContent ?? '')));
  await expect(runsTable.getByRole('row').filter({ has: page.getByLabel('Compare run 2') }).getByRole('cell').nth(p99Column)).toHaveText(runPageP99);
  await page.getByLabel('Compare run 1').check();
  await page.getByLabel('Compare run 2').check();
  const compare = page.getByRole('region', { name: 'Comparing runs 1, 2' });
  await expect(compare.getByRole('table', { name: 'Parameters' }).getByRole('row', { name: /family/ })).toContainText('mlp');
  await expect(compare.getByRole('table', { name: /Metrics/ }).getByRole('row', { name: /test\.accuracy/ })).toContainText(/\([+-]\d\.\d{3}\)/);
  await expect(compare.getByRole('img', { name: /Loss per epoch or iteration/ })).toBeVisible();

  // The strip now shows the Model stage in progress (runs exist, none registered yet).
  await expect(page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Model.*In progress/ })).toBeVisible();
});

test('a cancelled training stores no run', async ({ page }) => {
  test.setTimeout(180_000);
  await openSample(page);
  await splitSample(page);
  await page.getByLabel('Optimizer').selectOption('adam'); // epochs belong to the mini-batch optimizers
  // Long enough that Cancel lands while it trains (200 epochs at batch 128 could end before the click).
  await page.getByLabel('Epochs').fill('1000');
  await page.getByLabel('Batch size').fill('8');
  await page.getByLabel('Early-stopping patience').fill('0');
  // Every text the progress line shows, from the first one on (training used to start at "-2 % · … batch 0 of 0").
  await page.evaluate(() => {
    const seen: string[] = ((window as unknown as { progressTexts: string[] }).progressTexts = []);
    new MutationObserver(() => {
      const text = document.querySelector('.job-progress .help')?.textContent ?? '';
      if (text && text !== seen.at(-1)) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: 'Train logistic regression (softmax)' }).click();
  await expect(page.getByText(/epoch \d+ of 1,?000/)).toBeVisible({ timeout: 120_000 });
  const texts = await page.evaluate(() => (window as unknown as { progressTexts: string[] }).progressTexts);
  expect(texts[0]).toMatch(/^0 % · /);
  expect(texts.filter((t) => !/^\d+ %/.test(t) || /batch 0 of 0/.test(t))).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Training cancelled. Nothing was saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: 'Runs (0)' })).toBeVisible();
});
