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

  // The sample is created once: a reload does not add a second one.
  await page.goto('/');
  await expect(page.getByRole('link', { name: SAMPLE_NAME })).toHaveCount(1);
});
