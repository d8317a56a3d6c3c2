import { test, expect, openSample, SAMPLE_NAME } from './fixtures';

test('first run creates the sample project with its canvas, criteria and tickets', async ({ page }) => {
  const projectId = await openSample(page);
  await expect(page).toHaveURL(new RegExp(`#/p/${projectId}/frame$`));

  // Frame: a filled ML Canvas (all ten boxes) and the structured success criteria.
  const strip = page.getByRole('navigation', { name: 'Lifecycle stages' });
  await expect(strip.getByRole('link', { name: /Frame.*Done/ })).toBeVisible();
  for (const box of ['Value proposition', 'Prediction task', 'Decisions', 'Data collection', 'Data sources',
    'Impact simulation', 'Making predictions', 'Building models', 'Features', 'Monitoring']) {
    await expect(page.getByLabel(box, { exact: true })).not.toHaveValue('');
  }
  await expect(page.getByLabel('Value proposition', { exact: true })).toHaveValue(/support/i);
  await expect(page.getByLabel('Metric of criterion 1')).toHaveValue('accuracy');
  await expect(page.getByLabel('Threshold of criterion 1')).toHaveValue('0.9');
  await expect(page.getByLabel('Metric of criterion 2')).toHaveValue('latency_p99_ms');
  await expect(page.getByLabel('Threshold of criterion 2')).toHaveValue('200');
  await expect(page.getByLabel('Where the project stands')).toHaveValue('data-understanding');

  // Objectives: a key result measured by a success criterion (business targets are offered with theirs).
  await page.getByRole('navigation', { name: 'Frame views' }).getByRole('link', { name: 'Objectives' }).click();
  await page.getByLabel('New objective').fill('Answer customers faster');
  await page.getByRole('button', { name: 'Add objective' }).click();
  await page.getByLabel('New key result').fill('Most tickets routed without a person');
  await page.getByRole('button', { name: 'Add key result to objective 1' }).click();
  await page.getByRole('checkbox', { name: 'Accuracy on test >= 0.9' }).check();
  await expect(page.getByRole('checkbox', { name: 'Accuracy on test >= 0.9' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Share of answers decided automatically (target ≥ 60 %)' })).not.toBeChecked();

  // Value vs effort: an item linked to that key result, moved across the middle by arrow keys (the quadrant is
  // announced), then dragged into the far corner; where it ends is what is stored (the audit trail says so below).
  await page.getByRole('navigation', { name: 'Frame views' }).getByRole('link', { name: 'Value vs effort' }).click();
  await page.getByLabel('Feature or improvement').fill('Suggest a reply');
  await page.getByLabel('Owner').fill('Ana');
  await page.getByLabel('Value (1–10)').fill('6');
  await page.getByLabel('Effort (1–10)').fill('5');
  await page.getByRole('checkbox', { name: 'Most tickets routed without a person' }).check();
  await page.getByRole('button', { name: 'Add item' }).click();
  const item = page.getByRole('button', { name: /^Item 1, Suggest a reply/ });
  await expect(item).toHaveAccessibleName('Item 1, Suggest a reply: value 6, effort 5 — quick win');
  await item.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('status').filter({ hasText: 'Suggest a reply: value 6, effort 6 — big bet' })).toBeAttached();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('status').filter({ hasText: 'Suggest a reply: value 5, effort 6 — money pit' })).toBeAttached();
  const plot = (await page.getByRole('group', { name: 'Value-vs-Effort matrix' }).boundingBox())!;
  const from = (await item.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(plot.x + plot.width * 0.05, plot.y + plot.height * 0.05, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByRole('status').filter({ hasText: 'Suggest a reply: value 10, effort 1 — quick win' })).toBeAttached();
  await expect(page.getByRole('row', { name: /Suggest a reply/ }).getByRole('cell', { name: 'Quick wins' })).toBeVisible();

  // Data: one version of 1,200 tickets in three classes, with their text shown as text.
  await strip.getByRole('link', { name: /Data/ }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Data' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '1,200', exact: true })).toBeVisible();
  const balance = page.getByRole('table', { name: /Class balance/ });
  for (const label of ['Billing', 'Technical Issue', 'General Inquiry']) {
    await expect(balance.getByRole('cell', { name: label, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('heading', { name: 'First 25 of 1,200 rows' })).toBeVisible();
  await expect(page.getByRole('region', { name: /First 25/ }).getByRole('row')).toHaveCount(26);

  // Governed from the start: Standard published as v1 (audited), so training waits for its Data Ethics Review.
  await strip.getByRole('link', { name: /Model/ }).click();
  const refusal = page.getByText('Training on this dataset version needs Data Ethics Review: No review requested yet.');
  await expect(refusal).toBeVisible();
  await page.getByRole('link', { name: 'Review, approve or waive it under Govern → Gates' }).click();
  await expect(page).toHaveURL(new RegExp(`#/p/${projectId}/govern$`));
  await page.goto(`/#/p/${projectId}/govern/audit`);
  await expect(page.getByText('Published governance policy v1 “Standard” (2 gates)')).toBeVisible();
  await expect(page.getByText('Added Noor Haddad (ethics-reviewer)')).toBeVisible();
  await expect(page.getByText('Added Sam Okafor (engineering-lead)')).toBeVisible();
  await expect(page.getByText('Moved Suggest a reply: value 10, effort 1 — quick win')).toBeVisible();

  // The sample is created once: a reload does not add a second one.
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_NAME })).toHaveCount(1);
});
