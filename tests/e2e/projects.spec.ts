import { test, expect, openHome, SAMPLE_NAME } from './fixtures';

test('create, rename and delete a project', async ({ page }) => {
  await openHome(page);

  // An empty name is refused with a message, not silently ignored.
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByText('Give the project a name.')).toBeVisible();

  await page.getByLabel('Project name').fill('  Churn   early warning ');
  await page.getByLabel('Project name').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Churn early warning' })).toBeVisible();
  await expect(page).toHaveURL(/#\/p\/[^/]+\/frame$/);
  const strip = page.getByRole('navigation', { name: 'Lifecycle stages' });
  await expect(strip.getByRole('link', { name: /Frame.*Not started/ })).toBeVisible();

  await page.getByRole('link', { name: 'Projects', exact: true }).first().click();
  await expect(page.getByRole('link', { name: 'Churn early warning' })).toBeVisible();

  // Rename with the keyboard; Escape cancels, Enter saves.
  await page.getByRole('button', { name: 'Rename Churn early warning' }).click();
  const input = page.getByLabel('New name for Churn early warning');
  await input.fill('Something else');
  await input.press('Escape');
  await expect(page.getByRole('link', { name: 'Churn early warning' })).toBeVisible();
  await page.getByRole('button', { name: 'Rename Churn early warning' }).click();
  await page.getByLabel('New name for Churn early warning').fill('Churn radar');
  await page.getByLabel('New name for Churn early warning').press('Enter');
  await expect(page.getByRole('link', { name: 'Churn radar' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Churn early warning' })).toHaveCount(0);

  // Delete asks first; Cancel keeps the project.
  await page.getByRole('button', { name: 'Delete Churn radar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “Churn radar”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('link', { name: 'Churn radar' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete Churn radar' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByRole('link', { name: 'Churn radar' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: SAMPLE_NAME })).toBeVisible();
});

test('the deleted sample project can be brought back', async ({ page }) => {
  await openHome(page);
  await page.getByRole('button', { name: `Delete ${SAMPLE_NAME}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
  await expect(page.getByText('No projects yet.')).toBeVisible();

  // A reload must not recreate it behind the user's back …
  await page.reload();
  await expect(page.getByText('No projects yet.')).toBeVisible();
  // … but one click restores it, tickets and all.
  await page.getByRole('button', { name: `Add the sample project “${SAMPLE_NAME}”` }).click();
  await page.getByRole('link', { name: SAMPLE_NAME }).click();
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Data/ }).click();
  await expect(page.getByRole('heading', { name: 'First 25 of 1,200 rows' })).toBeVisible();
});
