import { test, expect, openSample } from './fixtures';
import { importCsv, newProject } from './lifecycle';
import { checkMark, ETHICS_ANSWERS, REVIEWED_CHECK_NAMES, runChecksAndReview } from './dataChecks';

test('explore the sample data, run the checks, mask personal data and compare the versions', async ({ page }) => {
  await openSample(page);
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();

  await page.getByRole('link', { name: 'Explore' }).click();
  await expect(page).toHaveURL(/\/data\/explore$/);
  await expect(page.getByRole('img', { name: /Rows per class: Technical Issue 461/ })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Top words for Billing' })).toContainText('invoice');
  await expect(page.getByRole('img', { name: /Rows per value of channel: email 460/ })).toBeVisible();

  await page.getByRole('link', { name: 'Checks' }).click();
  await expect(page.getByText('65 of 1,200 texts contain personal data:')).toBeVisible();
  await expect(page.getByText('No category column goes strongly with the label.')).toBeVisible();
  // The enterprise tier files a different mix of tickets: flagged for the ethics review.
  await expect(page.getByRole('table', { name: 'tier' }).getByRole('row', { name: /enterprise/ })).toContainText('Yes');

  await page.getByLabel('Conditions').fill('channel = email and tier = enterprise');
  await page.getByRole('button', { name: 'Add slice' }).click();
  await expect(page.getByRole('table', { name: 'Slices' }).getByRole('row', { name: /channel = email and tier = enterprise/ })).toContainText('99');
  await page.getByLabel('Conditions').fill('region = EU');
  await page.getByRole('button', { name: 'Add slice' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /region/ })).toBeVisible();

  // The Data Ethics Review's evidence: the sample's reviewer marks the checks and answers the questions; they are stored.
  await runChecksAndReview(page, 'Noor Haddad');
  await page.reload();
  for (const name of REVIEWED_CHECK_NAMES) await expect(checkMark(page, name)).toContainText('Reviewed by Noor Haddad on');
  await expect(page.getByLabel('Intended use', { exact: true })).toHaveValue(ETHICS_ANSWERS['Intended use']);

  await page.getByRole('button', { name: 'Mask personal data in a new version' }).click();
  await expect(page.getByText('No e-mail addresses, phone numbers or card numbers found in 1,200 texts.')).toBeVisible();
  // New rows: the results are stored for v2, and the marks and answers made on v1 no longer count.
  await expect(page.getByText(/Results stored for v2 \(rows [0-9a-f]{8}\)/)).toBeVisible();
  for (const name of REVIEWED_CHECK_NAMES) await expect(checkMark(page, name)).toContainText('for earlier rows, not v2: stale — review again.');
  await expect(page.getByText(/Answered by Noor Haddad on .* for earlier rows, not v2: stale — answer again/)).toBeVisible();
  // The version says what was masked, by kind (the sample's texts hold only e-mail addresses).
  await page.getByRole('link', { name: 'Versions & import' }).click();
  await expect(page.getByRole('cell', { name: 'Masked 66 e-mail addresses in 65 rows.' })).toBeVisible();

  await page.getByRole('link', { name: 'Compare versions' }).click();
  await expect(page.getByLabel('From')).toHaveValue(/.+/);
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByText('65 texts changed')).toBeVisible();
  await expect(page.getByRole('term').filter({ hasText: 'Text changed' }).locator('+ dd')).toHaveText('65');
});

/** Messages whose `group` column is the label under another name: a leak the Checks view must name. */
const LEAKY_CSV = [
  'message,label,group',
  ...Array.from({ length: 60 }, (_, i) =>
    i % 2 ? `Win a free cruise now with offer ${i},spam,promo-list` : `Notes from planning meeting ${i},ham,team-list`,
  ),
].join('\n');

test('the Checks view names a category column equal to the label as a likely label leak', async ({ page }) => {
  await newProject(page, 'Mail filter');
  await importCsv(page, 'mail.csv', LEAKY_CSV);
  await page.getByRole('link', { name: 'Checks' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Likely label leak or proxy' })).toContainText(
    "“group” predicts the label almost perfectly (Cramér's V 1.00, normalised mutual information 1.00)",
  );
  await expect(page.getByRole('table', { name: 'Label leaks and proxies' }).getByRole('row', { name: /group/ })).toContainText('Likely label leak or proxy');
  const screens = process.env.SCREENS_DIR;
  for (const [width, height] of screens ? [[1366, 900], [1024, 768]] : []) {
    await page.setViewportSize({ width, height });
    await page.getByRole('region', { name: 'Label leaks and proxies' }).screenshot({ path: `${screens}/checks-leak-${width}x${height}.png` });
  }
});
