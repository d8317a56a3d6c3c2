import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Govern → Gates, as a person uses it. Gates are named as the policy names them ("Data Ethics
 * Review"), objects as the page labels them ("dataset v1", "Ticket router v1"). Each helper opens
 * the Gates view through the Govern sub-navigation when it is not already shown.
 */

async function openGates(page: Page): Promise<void> {
  const heading = page.getByRole('heading', { level: 2, name: 'Gates' });
  if (await heading.isVisible()) return;
  await page.getByRole('navigation', { name: 'Lifecycle stages' }).getByRole('link', { name: /Govern/ }).click();
  await page.getByRole('navigation', { name: 'Govern views' }).getByRole('link', { name: 'Gates' }).click();
  await expect(heading).toBeVisible();
}

/** The gate's card for one object: an article named "<gate> of <object>". */
export function gateObject(page: Page, gate: string, objectLabel: string): Locator {
  return page.getByRole('article', { name: `${gate} of ${objectLabel}` });
}

/** Chooses who the governance actions are recorded as. */
export async function actAs(page: Page, name: string): Promise<void> {
  await openGates(page);
  const select = page.getByLabel('Acting as');
  const option = select.getByRole('option', { name: new RegExp(`^${name} \\(`) });
  await select.selectOption({ label: (await option.textContent())!.trim() });
}

/** Asks for a review of `gate` for the object, and waits until it is pending. */
export async function requestReview(page: Page, gate: string, objectLabel: string, note = ''): Promise<void> {
  await openGates(page);
  const card = gateObject(page, gate, objectLabel);
  const form = card.getByRole('form', { name: /^Request a review/ });
  await form.getByLabel('Note for the reviewer (optional)').fill(note);
  await form.getByRole('button', { name: 'Request review' }).click();
  await expect(card.getByTestId('gate-status')).toHaveText('Pending');
}

export type Outcome = 'Approve' | 'Request changes' | 'Reject';

/**
 * Decides the open request with `comment`. Does not wait for a result: the caller checks the
 * status, or the refusal (`gateObject(…).getByRole('alert')`).
 */
export async function decide(page: Page, gate: string, objectLabel: string, outcome: Outcome, comment: string): Promise<void> {
  await openGates(page);
  const form = gateObject(page, gate, objectLabel).getByRole('form', { name: /^Decide the review/ });
  await form.getByLabel(/^Comment/).fill(comment);
  await form.getByRole('button', { name: outcome, exact: true }).click();
}

/** Waives `gate` for the object until the end of `expires` ("2026-12-31", a UTC day), and waits until it reads waived. */
export async function waiveGate(page: Page, gate: string, objectLabel: string, w: { reason: string; owner: string; expires: string }): Promise<void> {
  await openGates(page);
  const card = gateObject(page, gate, objectLabel);
  const form = card.getByRole('form', { name: /^Waive/ });
  if (!(await form.isVisible())) await card.getByText('Waive this gate…').click();
  await form.getByLabel('Reason').fill(w.reason);
  await form.getByLabel(/^Owner/).fill(w.owner);
  await form.getByLabel(/^Expires at the end of/).fill(w.expires);
  await form.getByRole('button', { name: 'Waive' }).click();
  await expect(card.getByTestId('gate-status')).toHaveText('Waived');
}
