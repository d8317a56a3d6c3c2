/** Steps shared by the practice missions' journeys: a mission page's step, and the mission strip's way back. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** The mission page's step `n` (its accessible name starts "Step n:" and says its state in words). */
export function missionStep(page: Page, n: number) {
  return page.getByRole('list', { name: 'Mission steps' }).getByRole('listitem', { name: new RegExp(`^Step ${n}:`) });
}

/** From a page of the mission's project back to the mission page titled `mission`. */
export async function backToMission(page: Page, mission: string): Promise<void> {
  await page.getByTestId('mission-strip').getByRole('link', { name: 'back to the mission' }).click();
  await expect(page.getByRole('heading', { level: 1, name: mission })).toBeVisible();
}
