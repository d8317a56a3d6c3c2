import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { addPerson } from './governPeople';
import { actAs, gateObject } from './governGates';

/**
 * A high-risk policy's council review, as its members use Govern → Gates. The sample already
 * has Noor Haddad (Ethics reviewer) and Sam Okafor (Engineering lead); the council needs a
 * product owner and a legal counsel, and journeys need someone with no council role to ask.
 */
export const COUNCIL = { product: 'Priya Shah', legal: 'Lena Novak', requester: 'Alex Kim' } as const;

/** Which council role each member answers in, as the page names roles. */
export const COUNCIL_ROLES = {
  'Priya Shah': 'Product owner',
  'Sam Okafor': 'Engineering lead',
  'Lena Novak': 'Legal counsel',
  'Noor Haddad': 'Ethics reviewer',
} as const;

const GATE = 'Council review';

/** Adds the product owner, the legal counsel and a requester without a council role (a policy with their roles must be published: High-risk, or one adopting the high tier). */
export async function addCouncil(page: Page): Promise<void> {
  await addPerson(page, COUNCIL.product, ['Product owner']);
  await addPerson(page, COUNCIL.legal, ['Legal counsel']);
  await addPerson(page, COUNCIL.requester, []);
}

export type CouncilOutcome = 'Sign off' | 'Ask for changes' | 'Reject';

/**
 * As `name`, answers the open council review of `objectLabel` in `role` (default: their council
 * role) with `comment`. Does not wait for a result: the caller checks the seat, or the refusal
 * (`councilForm(…).getByRole('alert')`).
 */
export async function signAs(page: Page, name: string, outcome: CouncilOutcome, comment: string, objectLabel = 'Ticket router v1', role?: string): Promise<void> {
  await actAs(page, name);
  const form = councilForm(page, objectLabel);
  const asRole = role ?? COUNCIL_ROLES[name as keyof typeof COUNCIL_ROLES];
  if (asRole) await form.getByLabel('Answer as').selectOption({ label: asRole });
  await form.getByLabel(/^Comment/).fill(comment);
  await form.getByRole('button', { name: outcome, exact: true }).click();
}

/** The council review's answer form for the object. */
export function councilForm(page: Page, objectLabel = 'Ticket router v1') {
  return gateObject(page, GATE, objectLabel).getByRole('form', { name: /^Answer the council review/ });
}

/** The row of `role` in the council table of the object. */
export function councilSeat(page: Page, role: string, objectLabel = 'Ticket router v1') {
  return gateObject(page, GATE, objectLabel).getByRole('table', { name: /^Council of/ }).getByRole('row', { name: new RegExp(`^${role}`) });
}

/** Waits until `name`'s answer shows in their seat, signed with a verified key. */
export async function expectSigned(page: Page, name: keyof typeof COUNCIL_ROLES, objectLabel = 'Ticket router v1'): Promise<void> {
  const seat = councilSeat(page, COUNCIL_ROLES[name], objectLabel);
  await expect(seat).toContainText(name);
  await expect(seat).toContainText(/signed ✓ key [0-9a-f]{16}/);
}
