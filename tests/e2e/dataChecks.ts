import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { goToStage } from './lifecycle';

/** The reviewable checks, as Data → Checks names them. */
export const REVIEWED_CHECK_NAMES = ['class balance', 'class mix per segment', 'label conflicts'] as const;

export const ETHICS_ANSWERS = {
  'Intended use': 'Route incoming requests to the team that handles them.',
  'Who could be harmed': 'People whose request is routed to the wrong team and waits longer.',
  'Consent for the data': 'Collected under the service terms; personal data is masked.',
};

/** Chooses who is acting (one of the project's people, by name) in the "Acting as" select on the page. */
export async function actAsOnChecks(page: Page, personName: string): Promise<void> {
  const select = page.getByLabel('Acting as');
  const value = await select.locator('option', { hasText: personName }).getAttribute('value');
  expect(value, `${personName} is one of the project's people`).toBeTruthy();
  await select.selectOption(value!);
}

/** The mark form of one reviewable check on Data → Checks. */
export function checkMark(page: Page, name: (typeof REVIEWED_CHECK_NAMES)[number]) {
  return page.getByRole('form', { name: `Review of the ${name}` });
}

/**
 * On the open project: Data → Checks for the newest version; waits until the results are stored
 * for it, then, acting as `personName`, marks the three reviewable checks and answers the Data
 * Ethics Review questions. The person must exist (Govern → People).
 */
export async function runChecksAndReview(page: Page, personName: string): Promise<void> {
  await goToStage(page, 'Data');
  await page.getByRole('navigation', { name: 'Data views' }).getByRole('link', { name: 'Checks' }).click();
  await expect(page.getByText(/Results stored for v\d+ \(rows [0-9a-f]{8}\)/)).toBeVisible({ timeout: 60_000 });
  await actAsOnChecks(page, personName);
  for (const name of REVIEWED_CHECK_NAMES) {
    const form = checkMark(page, name);
    await form.getByRole('button', { name: `Mark ${name} reviewed` }).click();
    await expect(form).toContainText(`Reviewed by ${personName} on`);
  }
  for (const [label, answer] of Object.entries(ETHICS_ANSWERS)) await page.getByLabel(label, { exact: true }).fill(answer);
  await page.getByRole('button', { name: 'Save answers' }).click();
  await expect(page.getByText(new RegExp(`Answered by ${personName} on .* for v\\d+\\.`))).toBeVisible();
}
