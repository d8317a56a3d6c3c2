import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { goToStage } from './lifecycle';

/** Opens one of Govern's views through its sub-navigation. */
export async function openGovernView(page: Page, title: 'Policy' | 'People' | 'Audit trail'): Promise<void> {
  await goToStage(page, 'Govern');
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: title, exact: true }).click();
}

/** With nobody chosen under "Acting as", chooses the first person listed (there must be one). */
async function actAsAnyone(page: Page): Promise<void> {
  const acting = page.getByLabel('Acting as');
  if ((await acting.count()) > 0 && (await acting.inputValue()) === '') await acting.selectOption({ index: 1 });
}

/**
 * Govern → People: adds `name` with `roles` (role names as shown, e.g. "Ethics reviewer"). The
 * first person of a project is added with nobody acting; later ones as the first person listed
 * unless someone is chosen already.
 */
export async function addPerson(page: Page, name: string, roles: readonly string[]): Promise<void> {
  await openGovernView(page, 'People');
  const table = page.getByRole('table', { name: 'People and their roles' });
  await expect(table.or(page.getByText(/^Nobody yet\./))).toBeVisible();
  await actAsAnyone(page);
  const form = page.getByRole('form', { name: 'Add a person' });
  await form.getByLabel('Name').fill(name);
  for (const role of roles) await form.getByRole('checkbox', { name: role }).check();
  await form.getByRole('button', { name: 'Add person' }).click();
  await expect(page.getByText(new RegExp(`^Added ${name} \\(recorded as added by .+\\)\\.$`))).toBeVisible();
  await expect(table.getByRole('row', { name: new RegExp(name) })).toBeVisible();
}
