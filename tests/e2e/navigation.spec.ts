import { test, expect, openSample } from './fixtures';

const STAGES = ['Frame', 'Data', 'Model', 'Deploy', 'Monitor', 'Govern'];
/** The heading each stage opens on: its name, except Govern, which opens on its Gates view. */
const headingOf = (stage: string) => (stage === 'Govern' ? 'Gates' : stage);

test('every stage renders when reached with the keyboard alone', async ({ page }) => {
  const projectId = await openSample(page);
  const strip = page.getByRole('navigation', { name: 'Lifecycle stages' });

  for (const stage of STAGES) {
    const link = strip.getByRole('link', { name: new RegExp(`^\\d ${stage}`) });
    // Tab until the stage's link has focus, then press Enter, as a keyboard user would.
    await page.getByRole('heading', { level: 1 }).focus();
    for (let i = 0; i < 40 && !(await link.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(link).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/p/${projectId}/${stage.toLowerCase()}$`));
    await expect(page.getByRole('heading', { level: 2, name: headingOf(stage), exact: true })).toBeVisible();
    await expect(link).toHaveAttribute('aria-current', 'page');
    // Each stage says its status in words, not only in colour.
    await expect(link).toContainText(/Not started|In progress|Done|Blocked/);
  }
});

test('stage addresses are bookmarkable and unknown ones say so', async ({ page }) => {
  const projectId = await openSample(page);
  await page.goto(`/#/p/${projectId}/monitor`);
  await expect(page.getByRole('heading', { level: 2, name: 'Monitor' })).toBeVisible();
  await expect(page.getByLabel('Time window')).toBeVisible();

  await page.goto('/#/p/no-such-project/frame');
  await expect(page.getByRole('heading', { level: 1, name: 'Project not found' })).toBeVisible();

  await page.goto('/#/nowhere');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to your projects' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();
});

test('a skip link takes keyboard users past the header', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
