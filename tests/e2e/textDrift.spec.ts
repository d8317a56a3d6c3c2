import type { Page } from '@playwright/test';
import { test, expect, openSample } from './fixtures';
import { deploySampleModel } from './lifecycle';

const stages = (page: Page) => page.getByRole('navigation', { name: 'Lifecycle stages' });

/** 60 chatty messages about a product the support tickets never mention. */
function newProductTexts(): string[] {
  const openers = ['yo', 'hey folks', 'ugh', 'ok so'];
  const things = ['solar roof tiles', 'heat pump', 'ebike battery', 'smart thermostat', 'garden robot'];
  const problems = ['keeps beeping at night', 'wont pair with the hub', 'overheats lol'];
  const texts: string[] = [];
  for (const thing of things) for (const problem of problems) for (const opener of openers) texts.push(`${opener} my ${thing} ${problem}, pls fix asap`);
  return texts;
}

/** POSTs each text to the endpoint from the page, as a learner would from the console. */
async function predictAll(page: Page, texts: string[]): Promise<number[]> {
  return page.evaluate(async (all) => {
    await navigator.serviceWorker.ready;
    const statuses: number[] = [];
    for (const text of all) {
      const r = await fetch('/api/v1/predict', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      statuses.push(r.status);
    }
    return statuses;
  }, texts);
}

test('text drift: traffic about a new product drifts away from the training tickets', async ({ page }) => {
  test.setTimeout(300_000);
  const projectId = await openSample(page);
  // Split, train, register and deploy v1; the gates on the way are waived (this journey is about drift).
  await deploySampleModel(page);

  // Nothing logged yet: a message instead of statistics, and nothing stored.
  await stages(page).getByRole('link', { name: /Monitor/ }).click();
  await page.getByRole('navigation', { name: 'Monitor views' }).getByRole('link', { name: 'Drift' }).click();
  await expect(page).toHaveURL(new RegExp(`#/p/${projectId}/monitor/drift$`));
  await page.getByRole('button', { name: 'Check for drift' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Only 0 logged texts are in this window; a drift check needs at least 50/ })).toBeVisible();

  const texts = newProductTexts();
  expect(texts).toHaveLength(60);
  expect(await predictAll(page, texts)).toEqual(texts.map(() => 200));

  await page.getByLabel('Logged texts from').selectOption({ label: 'Last hour' });
  await page.getByRole('button', { name: 'Check for drift' }).click();
  const report = page.getByRole('article', { name: /Text drift report of/ });
  await expect(report).toBeVisible({ timeout: 60_000 });
  await expect(report).toContainText(/60 logged texts against the\s+\d+ training texts of Ticket router v1/);

  const glance = report.getByRole('definition');
  const fact = (term: string) => report.getByRole('term').filter({ hasText: term }).locator('+ dd');
  await expect(glance.first()).toBeVisible();
  const oov = Number.parseFloat((await fact('Out-of-vocabulary rate').textContent())!);
  expect(oov).toBeGreaterThan(10);
  await expect(report.getByRole('table', { name: 'Most frequent unseen words' }).getByRole('row')).not.toHaveCount(1);
  await expect(report.getByRole('table', { name: 'Words whose share changed most' })).toBeVisible();

  const aucText = (await fact('Domain classifier ROC AUC').textContent())!.trim().split(' ')[0];
  const auc = Number.parseFloat(aucText);
  expect(auc).toBeGreaterThan(0.55);
  await expect(fact('Domain classifier ROC AUC')).toContainText('(drifted)');
  await expect(report.getByText(/^\s*Drifted\s*$/)).toBeVisible();
  const currentWords = report.getByRole('list', { name: 'Most characteristic of the logged texts' }).getByRole('listitem');
  expect(await currentWords.count()).toBeGreaterThan(3);
  const words = (await currentWords.allTextContents()).map((w) => w.split(' ')[0]);
  expect(words.some((w) => texts.join(' ').includes(w))).toBe(true);
  await expect(report.getByRole('list', { name: 'Most characteristic of the training texts' }).getByRole('listitem').first()).toBeVisible();
  await expect(report.getByRole('table', { name: 'Label mix: training labels and predicted labels' })).toBeVisible();
  await expect(report.getByRole('img', { name: /Share of confidences per band/ })).toBeVisible();

  // The report is kept and listed with its window, AUC and verdict.
  const list = page.getByRole('table', { name: 'Drift reports of this project' });
  await expect(list.getByRole('row')).toHaveCount(2);
  await expect(list.getByRole('row').nth(1)).toContainText('Last hour');
  await expect(list.getByRole('row').nth(1)).toContainText('drifted');
  await expect(list.getByRole('row').nth(1)).toContainText(aucText);

  // A second check is added to the list; an earlier one can be shown again.
  await page.getByLabel('Logged texts from').selectOption({ label: 'All logged' });
  await page.getByRole('button', { name: 'Check for drift' }).click();
  await expect(list.getByRole('row')).toHaveCount(3, { timeout: 60_000 });
  await list.getByRole('row', { name: /Last hour/ }).getByRole('button', { name: 'Show' }).click();
  await expect(list.getByRole('row', { name: /Last hour/ })).toContainText('shown');

  // The Monitor stage counts the report.
  await expect(stages(page).getByRole('link', { name: /Monitor/ })).toContainText(/done/i);

  // The dashboard's latest predictions show the texts as sent, searchable and filterable, under the retention shown.
  await page.getByRole('navigation', { name: 'Monitor views' }).getByRole('link', { name: 'Dashboard' }).click();
  const latest = page.getByRole('table', { name: 'Latest predictions' });
  const newest = latest.getByRole('row').nth(1);
  await expect(newest).toContainText(texts.at(-1)!);
  await page.getByLabel('Text contains').fill('GARDEN ROBOT overheats');
  await expect(latest.getByRole('row')).toHaveCount(1 + 4);
  const sent = latest.getByRole('row', { name: /yo my garden robot overheats lol, pls fix asap/ });
  await expect(sent).toBeVisible();
  const predicted = (await sent.getByRole('cell').nth(2).textContent())!.trim();
  const other = ['Billing', 'General Inquiry', 'Technical Issue'].find((c) => c !== predicted)!;
  await page.getByLabel('Predicted label', { exact: true }).selectOption(other);
  await expect(sent).toBeHidden();
  await page.getByLabel('Predicted label', { exact: true }).selectOption(predicted);
  await expect(sent).toBeVisible();
  await page.getByLabel('Outcome known').selectOption('yes');
  await expect(sent).toBeHidden();
  await expect(page.getByText('No logged prediction matches.')).toBeVisible();
  await expect(page.getByTestId('log-retention')).toContainText('kept for 30 days; personal data in it is not masked');
  await expect(page.getByLabel('Keep logs for (days)')).toHaveValue('30');

  // Monitor → Data: label one logged prediction in the app, then collect the searched ones into a new dataset version.
  await page.getByLabel('Outcome known').selectOption('');
  await page.getByLabel('Predicted label', { exact: true }).selectOption('');
  await expect(latest.getByRole('row')).toHaveCount(1 + 4);
  await sent.getByLabel(/^True label of prediction /).selectOption(other);
  await expect(sent).toContainText('labelled in app');
  await page.getByRole('button', { name: 'Make a dataset version from these…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make a dataset version from logged predictions' });
  await expect(dialog).toContainText(/4\s+served answers match/);
  await expect(dialog).toContainText('4 tickets would be added');
  await expect(dialog.getByRole('table', { name: 'Where the new tickets come from' })).toContainText(/labelled in app\s*1/);
  await expect(dialog.getByRole('table', { name: 'Which deployments and versions answered them' })).toContainText('Ticket router v1');
  await dialog.getByRole('button', { name: 'Add 4 tickets as a new version' }).click();
  await expect(dialog.getByRole('status')).toContainText(/Saved as dataset v\d+ \(4 tickets added\)/);
  await dialog.getByRole('link', { name: 'Open the Data page' }).click();
  await expect(page.getByRole('table', { name: 'Dataset versions' }).getByRole('row').nth(1)).toContainText(/production.*production: deployment \w+ → window .* text contains “GARDEN ROBOT overheats” → v\d+/s);
});
