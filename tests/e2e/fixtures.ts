import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test gets a fresh browser context (empty IndexedDB, so the app starts as on first run)
 * and fails on any console error, uncaught page error or request that leaves the app's origin.
 */
export const test = base.extend<{ watch: { offOrigin: string[]; errors: string[]; allow: RegExp[] } }>({
  watch: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const offOrigin: string[] = [];
      const errors: string[] = [];
      // A test that provokes errors on purpose (4xx answers) lists them here.
      const allow: RegExp[] = [];
      context.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) offOrigin.push(url);
      });
      context.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      context.on('weberror', (error) => errors.push(String(error.error())));
      await use({ offOrigin, errors, allow });
      expect(offOrigin, 'requests to other origins').toEqual([]);
      expect(errors.filter((e) => !allow.some((a) => a.test(e))), 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export const SAMPLE_NAME = 'Support ticket triage';

/** Opens the app and waits for the first-run sample project to be listed. */
export async function openHome(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('link', { name: SAMPLE_NAME })).toBeVisible();
}

/** Opens the sample project and returns its id (from the URL). */
export async function openSample(page: Page): Promise<string> {
  await openHome(page);
  await page.getByRole('link', { name: SAMPLE_NAME }).click();
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_NAME })).toBeVisible();
  const match = /#\/p\/([^/]+)\//.exec(page.url());
  expect(match).not.toBeNull();
  return match![1];
}
